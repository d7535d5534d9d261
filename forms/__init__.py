"""Flask-WTF forms, one module per blueprint; no form touches the database."""
