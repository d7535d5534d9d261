"""A board's actions: its managers list, add, edit and move them on (anyone else gets
404); and the board's public "you said, we did" page, written for children."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from app.actions import shown
from app.actions.service import (
    ActionError,
    Details,
    action_of,
    actions_of,
    add_action,
    edit_action,
    set_status,
    surveys_of,
)
from app.auth.access import require_board
from app.boards.scope import signed_in
from app.extensions import db
from app.models import ACTION_STATUSES, Action, Board, Role
from app.panel.sending import Sender, sender_for
from app.results.service import codebook_of
from forms.actions import NO_SURVEY, ActionDetailsForm, StatusForm

bp = Blueprint("actions", __name__)
log = logging.getLogger("chorus.access")
PREFIX = "/boards/<board_slug>/actions"


def _sender() -> Sender:
    return sender_for(current_app._get_current_object())  # type: ignore[attr-defined]


def _action(board: Board, action_id: int) -> Action:
    """One of this board's actions; 404, logged, for anyone else's."""
    action = action_of(db.session, board, action_id)
    if action is None:
        log.warning("action access refused: user=%s board=%s", signed_in().id, board.id)
        abort(404)
    return action


def _form(board: Board, **kwargs: object) -> ActionDetailsForm:
    choices = [(str(s.id), s.title) for s in surveys_of(db.session, board)]
    return ActionDetailsForm(surveys=choices, **kwargs)


def _details(form: ActionDetailsForm) -> Details:
    return Details(form.survey_id(), form.theme.data or "", form.you_said.data or "",
                   form.we_did.data or "", form.for_children.data or "", form.acted_on.data,
                   form.status.data)  # fmt: skip


def _to_list(board: Board, message: str) -> Response:
    flash(message, "success")
    return redirect(url_for(".index", board_slug=board.slug), 303)


def _save(board: Board, form: ActionDetailsForm, act: Callable[[Details], None], said: str,
          action: Action | None = None) -> ResponseReturnValue:  # fmt: skip
    """Store a valid form with ``act`` and go back to the list; else show it with the reason."""
    problem = None
    if form.validate_on_submit():
        try:
            act(_details(form))
        except ActionError as error:
            db.session.rollback()
            problem = str(error)
        else:
            return _to_list(board, said)
    html = render_template("actions/edit.html", board=board, form=form, problem=problem,
                           action=action, themes=sorted(codebook_of(board)))  # fmt: skip
    return html, 422 if request.method == "POST" else 200


@bp.get(PREFIX)
@login_required
def index(board_slug: str) -> ResponseReturnValue:
    """The board's actions, latest first, each with buttons to move it on."""
    board = require_board(board_slug, Role.MANAGER)
    return render_template("actions/index.html", board=board, status_names=ACTION_STATUSES,
                           actions=actions_of(db.session, board))  # fmt: skip


@bp.route(f"{PREFIX}/new", methods=["GET", "POST"])
@login_required
def new(board_slug: str) -> ResponseReturnValue:
    """Record an action; the panel is emailed if it is already done."""
    board = require_board(board_slug, Role.MANAGER)

    def add(details: Details) -> None:
        add_action(db.session, _sender(), board, signed_in(), details, date.today())

    return _save(board, _form(board), add, "The action is recorded.")


@bp.route(f"{PREFIX}/<int:action_id>/edit", methods=["GET", "POST"])
@login_required
def edit(board_slug: str, action_id: int) -> ResponseReturnValue:
    """Change what an action says, its date or its status."""
    board = require_board(board_slug, Role.MANAGER)
    action = _action(board, action_id)

    def change(details: Details) -> None:
        edit_action(db.session, _sender(), action, signed_in(), details, date.today())

    return _save(board, _form(board, obj=_Values.of(action)), change, "The action is saved.",
                 action)  # fmt: skip


@bp.post(f"{PREFIX}/<int:action_id>/status")
@login_required
def status(board_slug: str, action_id: int) -> ResponseReturnValue:
    """Move an action to planned, in progress or done."""
    board = require_board(board_slug, Role.MANAGER)
    action = _action(board, action_id)
    form = StatusForm()
    if not form.validate_on_submit():
        abort(400)
    set_status(db.session, _sender(), action, signed_in(), form.status.data, date.today())
    return _to_list(board, f"The action is now {ACTION_STATUSES[form.status.data].lower()}.")


@bp.get("/b/<board_slug>/you-said-we-did")
def public(board_slug: str) -> ResponseReturnValue:
    """The board's actions for children, for anyone: no sign-in, no JavaScript."""
    board = db.session.scalar(select(Board).where(Board.slug == board_slug))
    if board is None:
        abort(404)
    actions = shown.every(db.session.connection(), board.id)
    return render_template("actions/public.html", survey=Reader(board), actions=actions)


@dataclass(frozen=True)
class Reader:
    """What the respondent layout and help panel read of a survey: a child of this board."""

    board: Board
    audience: str = "child"


@dataclass(frozen=True)
class _Values:
    """An action's values as the form's fields name them."""

    survey: str
    theme: str
    you_said: str
    we_did: str
    for_children: str
    acted_on: date
    status: str

    @classmethod
    def of(cls, action: Action) -> "_Values":
        survey = str(action.survey_id) if action.survey_id else NO_SURVEY
        return cls(survey, action.theme, action.you_said, action.we_did, action.for_children,
                   action.acted_on, action.status)  # fmt: skip
