"""Public pages: the front page, help, privacy, accessibility and the health check."""

from flask import Blueprint, jsonify, render_template
from flask.typing import ResponseReturnValue
from sqlalchemy import text

from app.extensions import db

bp = Blueprint("pages", __name__)

ACCESSIBILITY_REVIEWED = "22 November 2026"


@bp.get("/")
def home() -> str:
    return render_template("pages/home.html")


@bp.get("/help")
def help_now() -> str:
    return render_template("pages/help.html")


@bp.get("/privacy")
def privacy() -> str:
    return render_template("pages/privacy.html")


@bp.get("/accessibility")
def accessibility() -> str:
    return render_template("pages/accessibility.html", reviewed=ACCESSIBILITY_REVIEWED)


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    """200 when the database answers a query, 503 otherwise."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:
        db.session.rollback()
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok")
