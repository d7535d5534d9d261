"""Quick checks sent to the panel: send, remind, and tell the panel what changed."""

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Blueprint, current_app
from flask.typing import ResponseReturnValue
from flask_login import login_required

from app.boards.scope import managed_survey
from app.extensions import db
from app.models import Board, Survey
from app.panel.sending import (
    PanelError,
    Sender,
    remind,
    send_check,
    sender_for,
    tell_outcome,
)
from app.surveys.routes import survey_page, to_survey
from forms.panel_checks import OutcomeForm, SendForm

bp = Blueprint(
    "panel_checks", __name__, url_prefix="/boards/<board_slug>/surveys/<survey_slug>/panel"
)


def sender() -> Sender:
    return sender_for(current_app._get_current_object())  # type: ignore[attr-defined]


def _act(
    board: Board, survey: Survey, act: Callable[[], int], said: str, **forms: Any
) -> ResponseReturnValue:
    """Do it and say so (``said`` holds {n}), or show the survey page with the reason."""
    try:
        count = act()
    except PanelError as error:
        db.session.rollback()
        return survey_page(board, survey, str(error), 422, **forms)
    return to_survey(survey, said.format(n=count))


@bp.post("/send")
@login_required
def send(board_slug: str, survey_slug: str) -> ResponseReturnValue:
    """Queue a single-use invitation to every confirmed member not yet invited."""
    board, survey = managed_survey(board_slug, survey_slug)
    form = SendForm()
    if not form.validate_on_submit():
        return survey_page(board, survey, None, 422, send_form=form)
    closes = form.closes_on.data

    def act() -> int:
        return send_check(db.session, sender(), survey, closes, date.today())

    return _act(board, survey, act, "Invited {n} panel members.", send_form=form)


@bp.post("/remind")
@login_required
def remind_panel(board_slug: str, survey_slug: str) -> ResponseReturnValue:
    """Queue a reminder to members whose link is still unused (at most twice)."""
    board, survey = managed_survey(board_slug, survey_slug)

    def act() -> int:
        return remind(db.session, sender(), survey, date.today())

    return _act(board, survey, act, "Reminded {n} panel members.")


@bp.post("/outcome")
@login_required
def outcome(board_slug: str, survey_slug: str) -> ResponseReturnValue:
    """Tell the panel what changed because of a closed quick check."""
    board, survey = managed_survey(board_slug, survey_slug)
    form = OutcomeForm()
    if not form.validate_on_submit():
        return survey_page(board, survey, None, 422, outcome_form=form)
    text = form.outcome.data or ""

    def act() -> int:
        return tell_outcome(db.session, sender(), survey, text, date.today())

    return _act(board, survey, act, "Told {n} panel members what changed.", outcome_form=form)
