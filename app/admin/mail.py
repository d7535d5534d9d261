"""The outbox as admins see it: how much is waiting, and what could not be delivered.

Only kinds, boards, times and the server's reasons: never a recipient or what a message said.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.models import Board, OutboxMessage

FAILED_SHOWN = 100


@dataclass(frozen=True)
class FailedMail:
    kind: str
    board: str | None
    queued: datetime
    failed: datetime | None
    attempts: int
    last_error: str


@dataclass(frozen=True)
class MailStatus:
    waiting: int
    failed_total: int
    failed: list[FailedMail]


def _count(session: Session, *conditions: ColumnElement[bool]) -> int:
    query = select(func.count()).select_from(OutboxMessage).where(*conditions)
    return session.scalar(query) or 0


def failed_mail(session: Session, limit: int = FAILED_SHOWN) -> list[FailedMail]:
    """The latest messages given up on, newest first."""
    query = (
        select(OutboxMessage, Board.name)
        .outerjoin(Board, Board.id == OutboxMessage.board_id)
        .where(OutboxMessage.failed_at.is_not(None))
        .order_by(OutboxMessage.failed_at.desc(), OutboxMessage.id.desc())
        .limit(limit)
    )
    return [
        FailedMail(m.kind, board, m.created_at, m.failed_at, m.attempts, m.last_error)
        for m, board in session.execute(query)
    ]


def mail_status(session: Session) -> MailStatus:
    waiting = _count(session, OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None))
    failed = _count(session, OutboxMessage.failed_at.is_not(None))
    return MailStatus(waiting, failed, failed_mail(session))
