"""Friendly error pages with the right status; never a stack trace."""

import logging

from flask import Blueprint, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError

bp = Blueprint("errors", __name__)
log = logging.getLogger("chorus.errors")

TITLES = {
    400: "Something was wrong with that request",
    403: "You cannot see this page",
    404: "Page not found",
    405: "That action is not allowed here",
    409: "That has already been done",
    410: "This page is no longer available",
    413: "That was too much to send",
    422: "Check your answers",
    429: "Too many tries: please wait a minute",
    500: "Sorry, something went wrong",
    503: "Chorus is busy: please try again",
}


def error_page(status: int, detail: str | None = None) -> tuple[str, int]:
    title = TITLES.get(status, "Something went wrong")
    return render_template("errors/error.html", status=status, title=title, detail=detail), status


@bp.app_errorhandler(CSRFError)
def csrf_error(error: CSRFError) -> tuple[str, int]:
    return error_page(
        400,
        "The form had expired or came from another page. Go back, reload the page and try again.",
    )


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException) -> tuple[str, int]:
    return error_page(error.code or 500)


@bp.app_errorhandler(PoolTimeout)
@bp.app_errorhandler(OperationalError)
def database_busy(error: Exception) -> tuple[str, int, dict[str, str]]:
    """Overload or a database restart: say so with 503, never a bare failure."""
    log.warning("database unavailable: %s", type(getattr(error, "orig", None) or error).__name__)
    detail = (
        "Your answers have not been sent yet. Go back and send them again in a moment."
        if request.method == "POST"
        else "Please try again in a moment."
    )
    html, status = error_page(503, detail)
    return html, status, {"Retry-After": "5"}


@bp.app_errorhandler(Exception)
def unexpected_error(error: Exception) -> tuple[str, int]:
    # Log the type and place only: the exception text may hold answers.
    log.error("unhandled %s", type(error).__name__, exc_info=error)
    return error_page(InternalServerError.code)
