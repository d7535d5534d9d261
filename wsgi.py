"""WSGI entry point: `gunicorn wsgi:app` and `flask --app wsgi`; logs are JSON lines."""

from app import create_app
from app.logs import configure_logging

configure_logging()
app = create_app()
