"""Contact requests are kept only a short while after a reviewer has dealt with them."""

from datetime import date, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.models import Board, ContactRequest


def purge_contact_requests(session: Session, today: date, dry_run: bool) -> int:
    """Delete (or, dry run, only count) requests whose outcome was recorded more than their
    board's ``contact_days`` ago; open requests are never deleted. Commits unless dry run."""
    doomed = 0
    for board_id, days in session.execute(select(Board.id, Board.contact_days)):
        old = (
            ContactRequest.board_id == board_id,
            ContactRequest.outcome_on.is_not(None),
            ContactRequest.outcome_on < today - timedelta(days=days),
        )
        if dry_run:
            doomed += session.scalar(select(func.count()).where(*old)) or 0
        else:
            doomed += session.execute(delete(ContactRequest).where(*old)).rowcount or 0  # type: ignore[attr-defined]
    if not dry_run:
        session.commit()
    return int(doomed)
