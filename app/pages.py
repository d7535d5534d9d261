"""Public pages: the front page, help, privacy, accessibility and the health check."""

from flask import Blueprint, abort, jsonify, render_template
from flask.typing import ResponseReturnValue
from sqlalchemy import text

from app.extensions import db
from app.retention.notices import AUDIENCES, UnknownNotice, notice_facts

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
    return render_template("pages/privacy.html", audiences=AUDIENCES)


@bp.get("/privacy/<audience>")
@bp.get("/privacy/<audience>/<board_slug>")
def privacy_notice(audience: str, board_slug: str | None = None) -> str:
    """One audience's notice, with the board's own retention when it names one."""
    try:
        facts = notice_facts(db.session, audience, board_slug)
    except UnknownNotice:
        abort(404)
    return render_template(f"pages/privacy/{audience}.html", facts=facts, audience=audience)


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
