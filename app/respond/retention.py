"""Drafts live only while a survey takes answers: half-finished answers are not kept."""

from datetime import date, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from app.models import Draft, Survey, SurveyStatus
from app.results.dropoff import keep_stops

DRAFT_MAX_AGE = timedelta(days=90)


def purge_drafts(session: Session, today: date) -> int:
    """Count, then delete, drafts of closed or expired surveys and drafts untouched for 90 days.

    Commits once: the counts of where people stopped and the deletion stand together.
    """
    closed = select(Survey.id).where(
        or_(Survey.status == SurveyStatus.CLOSED, Survey.closes_on < today)
    )
    doomed = or_(Draft.survey_id.in_(closed), Draft.updated_on < today - DRAFT_MAX_AGE)
    keep_stops(session, doomed)  # drop-off survives the purge, as counts
    result = session.execute(delete(Draft).where(doomed))
    session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
