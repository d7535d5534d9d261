"""A child's request to be contacted: stored apart from every response, sealed, sent to the
board's reviewers as an alert without its contents, and given an outcome.

Nothing here knows about responses, links or surveys, and the table holds no key to them, so
asking for help never unmasks anyone's answers. What the child wrote, how to reach them and
when is safe are sealed with ``app.security.personal``; only the board's reviewers open them.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.mail import Mail
from app.models import Board, ContactRequest, User
from app.safeguarding.alerts import queue_alerts, reviewer_emails
from app.safeguarding.review import Outcome, settle_outcome
from app.security.personal import Sealer, SealError

UNREADABLE = "(cannot be opened with the current keys)"


@dataclass(frozen=True)
class Asking:
    """What the child gave: their words, how to reach them (checked), and when is safe."""

    story: str
    reach_by: str
    reach_at: str
    safe_time: str


@dataclass(frozen=True)
class Opened:
    """A request as its reviewer reads it."""

    id: uuid.UUID
    made_on: date
    story: str
    reach_by: str
    reach_at: str
    safe_time: str
    outcome: str | None


def ask(session: Session, sealer: Sealer, board: Board, asking: Asking, alert: Mail,
        today: date) -> None:  # fmt: skip
    """Store the request sealed and alert the board's reviewers; commits once."""
    session.add(
        ContactRequest(
            board_id=board.id, made_on=today, story=sealer.seal(asking.story),
            reach_by=asking.reach_by, reach_at=sealer.seal(asking.reach_at),
            safe_time=sealer.seal(asking.safe_time), note="",
        )
    )  # fmt: skip
    queue_alerts(session, sealer, alert, reviewer_emails(session, board.id))
    session.commit()


def public_board(session: Session, slug: str) -> Board | None:
    return session.scalar(select(Board).where(Board.slug == slug))


def request_of(session: Session, board: Board, request_id: uuid.UUID) -> ContactRequest | None:
    """The board's request with this id; None for another board's or nobody's."""
    query = select(ContactRequest).where(ContactRequest.id == request_id)
    return session.scalar(query.where(ContactRequest.board_id == board.id))


def opened(sealer: Sealer, asked: ContactRequest) -> Opened:
    """The request with its sealed parts opened for the reviewer."""

    def unseal(value: str) -> str:
        try:
            return sealer.unseal(value)
        except SealError:
            return UNREADABLE

    return Opened(asked.id, asked.made_on, unseal(asked.story), asked.reach_by,
                  unseal(asked.reach_at), unseal(asked.safe_time), asked.outcome)  # fmt: skip


def record_contact(session: Session, board: Board, reviewer: User, request_id: uuid.UUID,
                   given: Outcome, today: date) -> bool:  # fmt: skip
    """Record the outcome unless one was recorded first; True if this one was. Commits."""
    done = session.execute(
        update(ContactRequest)
        .where(ContactRequest.id == request_id, ContactRequest.outcome.is_(None))
        .where(ContactRequest.board_id == board.id)
        .values(outcome=given.outcome, note=given.note, outcome_on=today, reviewed_by=reviewer.id)
        .execution_options(synchronize_session=False)
    )
    won = done.rowcount == 1  # type: ignore[attr-defined]
    target = f"contact request {request_id}: {given.outcome}"
    return settle_outcome(session, won, reviewer, board, "safeguarding.contact_outcome", target)
