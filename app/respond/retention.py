"""Drafts live only while a survey takes answers: half-finished answers are not kept."""

from datetime import date, timedelta

from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.orm import Session

from app.models import Draft, Survey, SurveyStatus
from app.results.dropoff import keep_stops

DRAFT_MAX_AGE = timedelta(days=90)


def _doomed(today: date) -> ColumnElement[bool]:
    """Drafts of closed or expired surveys, and drafts untouched for 90 days."""
    closed = select(Survey.id).where(
        or_(Survey.status == SurveyStatus.CLOSED, Survey.closes_on < today)
    )
    return or_(Draft.survey_id.in_(closed), Draft.updated_on < today - DRAFT_MAX_AGE)


def purge_drafts(session: Session, today: date, dry_run: bool = False) -> int:
    """Count, then delete, the drafts that are past their time; how many. Commits once.

    The counts of where people stopped and the deletion stand together. With ``dry_run``,
    only counts them.
    """
    doomed = _doomed(today)
    if dry_run:
        return session.scalar(select(func.count()).select_from(Draft).where(doomed)) or 0
    keep_stops(session, doomed)  # drop-off survives the purge, as counts
    result = session.execute(delete(Draft).where(doomed))
    session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
