"""Contact requests are kept only a short while after a reviewer has dealt with them."""

from datetime import date, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.models import Board, ContactRequest
from app.retention.purge import report


def purge_contact_requests(session: Session, today: date, dry_run: bool) -> int:
    """A `flask purge` step: delete (or, dry run, only count) requests whose outcome was
    recorded more than their board's ``contact_days`` ago, reported board by board; open
    requests are never deleted. The purge commits, with its audit entries."""
    removed = 0
    for board in session.scalars(select(Board).order_by(Board.id)):
        old = (
            ContactRequest.board_id == board.id,
            ContactRequest.outcome_on.is_not(None),
            ContactRequest.outcome_on < today - timedelta(days=board.contact_days),
        )
        if dry_run:
            count = session.scalar(select(func.count()).where(*old)) or 0
        else:
            count = session.execute(delete(ContactRequest).where(*old)).rowcount or 0  # type: ignore[attr-defined]
        if count:
            report(session, board, count)
        removed += count
    return removed
