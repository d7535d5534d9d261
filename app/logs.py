"""Logs as one JSON object per line, for gunicorn's workers, its master and the commands.

What Chorus logs names route patterns (``/r/<token>``), never URLs, addresses, user agents or
answers: the access log (``app.security.logging``) is built that way. Two messages from
elsewhere would carry a URL, so they are rewritten here: Flask's "Exception on <path>"
(Chorus's own 500 handler logs first, but a failure inside it falls back to Flask's) and
gunicorn's "Error handling request <uri>".
"""

import json
import logging
import sys
import traceback
from datetime import UTC, datetime
from typing import Any

from flask import has_request_context, request

# Attributes every LogRecord has; anything else on a record came from ``extra=``.
STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message"}


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON: time, level, logger, message and its extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry |= {k: v for k, v in vars(record).items() if k not in STANDARD}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)

    def formatException(self, ei: Any) -> str:
        """Where it failed and the exception's type, never its text: that may hold answers."""
        kind, _, trace = ei
        return "".join(traceback.format_tb(trace)) + getattr(kind, "__qualname__", str(kind))


class NoUrls(logging.Filter):
    """Replace the request path in the two library messages that would log it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if record.name == "gunicorn.error" and message.startswith("Error handling request"):
            record.msg, record.args = "Error handling request", ()
        elif message.startswith("Exception on ") and message.endswith("]"):
            rule = request.url_rule if has_request_context() else None
            method = message.rsplit("[", 1)[-1].rstrip("]")
            record.msg = f"Exception on {rule.rule if rule else '<unmatched>'} [{method}]"
            record.args = ()
        return True


def json_handler(stream: Any = None) -> logging.Handler:
    """A stream handler (stderr by default) writing JSON lines with URLs kept out."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(NoUrls())
    return handler


def configure_logging(level: int = logging.INFO) -> None:
    """Send every logger's records to stderr as JSON lines, unless logging is already set up."""
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(json_handler())
        root.setLevel(level)


# gunicorn's own loggers, in the same form (``logconfig_dict`` in deploy/gunicorn.conf.py).
GUNICORN_LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "app.logs.JsonFormatter"}},
    "filters": {"no_urls": {"()": "app.logs.NoUrls"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["no_urls"],
            "stream": "ext://sys.stderr",
        }
    },
    "root": {"level": "INFO", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
        "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
    },
}
