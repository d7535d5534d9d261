"""A board's actions, "you said, we did": add, edit and move them on, one commit each.

Every change is in the audit log and raises the board's ``actions_version``, the key under
which respondents' pages cache the board's actions. The first time an action is done its
board's panel is emailed (``app.panel.telling``); a conditional update makes sure that
happens once, even when two managers press "done" at the same moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from app.actions.wording import too_hard
from app.audit import record
from app.models import ACTION_STATUSES, Action, Board, Survey, User
from app.panel.check_mail import action_mail
from app.panel.sending import Sender
from app.panel.telling import tell_panel


class ActionError(ValueError):
    """An action that cannot be stored as given; the message says why, for the manager."""


@dataclass(frozen=True)
class Details:
    """What a manager says about an action, already cleaned by the form."""

    survey_id: int | None
    theme: str
    you_said: str
    we_did: str
    for_children: str
    acted_on: date
    status: str


def actions_of(session: Session, board: Board) -> list[Action]:
    """The board's actions, latest first."""
    query = select(Action).where(Action.board_id == board.id).options(selectinload(Action.survey))
    return list(session.scalars(query.order_by(Action.acted_on.desc(), Action.id.desc())))


def action_of(session: Session, board: Board, action_id: int) -> Action | None:
    """One of this board's actions; None for another board's or nobody's."""
    query = select(Action).where(Action.id == action_id, Action.board_id == board.id)
    return session.scalar(query)


def surveys_of(session: Session, board: Board) -> list[Survey]:
    """The board's surveys an action can be about, latest first."""
    query = select(Survey).where(Survey.board_id == board.id)
    return list(session.scalars(query.order_by(Survey.opens_on.desc(), Survey.id.desc())))


def _check(session: Session, board: Board, details: Details) -> None:
    if details.survey_id is None and not details.theme:
        raise ActionError("Choose the survey or give the theme the action answers.")
    if details.survey_id is not None and details.survey_id not in {
        s.id for s in surveys_of(session, board)
    }:
        raise ActionError("Choose one of the board's own surveys.")
    if details.status not in ACTION_STATUSES:
        raise ActionError("Choose planned, in progress or done.")
    problem = too_hard(details.for_children)
    if problem:
        raise ActionError(problem)


def add_action(
    session: Session, sender: Sender, board: Board, user: User, details: Details, today: date
) -> Action:
    """Record a new action; commits."""
    _check(session, board, details)
    action = Action(board_id=board.id, recorded_on=today)
    _fill(action, details)
    session.add(action)
    session.flush()
    _changed(session, sender, board, user, action, "added", today)
    return action


def edit_action(
    session: Session, sender: Sender, action: Action, user: User, details: Details, today: date
) -> None:
    """Change what an action says, its date or status; commits."""
    board = session.get_one(Board, action.board_id)
    _check(session, board, details)
    _fill(action, details)
    _changed(session, sender, board, user, action, "edited", today)


def set_status(
    session: Session, sender: Sender, action: Action, user: User, status: str, today: date
) -> None:
    """Move an action to planned, in progress or done; commits."""
    if status not in ACTION_STATUSES:
        raise ActionError("Choose planned, in progress or done.")
    action.status = status
    board = session.get_one(Board, action.board_id)
    _changed(session, sender, board, user, action, f"status-{status}", today)


def _fill(action: Action, details: Details) -> None:
    action.survey_id, action.theme = details.survey_id, details.theme
    action.you_said, action.we_did = details.you_said, details.we_did
    action.for_children, action.acted_on = details.for_children, details.acted_on
    action.status = details.status


def _changed(
    session: Session, sender: Sender, board: Board, user: User, action: Action, what: str,
    today: date,
) -> None:  # fmt: skip
    """Audit, invalidate the respondents' cached pages, tell the panel if newly done; commit."""
    record(session, user, f"action.{what}", f"action {action.id}: {action.status}", board.id)
    session.execute(
        update(Board).where(Board.id == board.id)
        .values(actions_version=Board.actions_version + 1)
    )  # fmt: skip
    if action.status == "done" and _first_done(session, action, today):
        words = action.about, action.you_said, action.we_did
        tell_panel(session, sender, board, "panel-action", f"action:{action.id}",
                   lambda leave: action_mail(board.name, *words, leave))  # fmt: skip
    session.commit()


def _first_done(session: Session, action: Action, today: date) -> bool:
    """True for the one change that marks the action told; a second "done" finds it set."""
    session.flush()
    told = session.execute(
        update(Action)
        .where(Action.id == action.id, Action.panel_told_on.is_(None))
        .values(panel_told_on=today)
        .execution_options(synchronize_session=False)
    )
    session.refresh(action, ["panel_told_on"])
    return bool(told.rowcount)  # type: ignore[attr-defined]
