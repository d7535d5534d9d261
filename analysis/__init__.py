"""Pure analysis functions over plain data; never imports Flask, SQLAlchemy or app."""
