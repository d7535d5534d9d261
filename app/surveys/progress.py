"""How answers are arriving: counts only, never answers, text or which link gave them."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from app.models import Invitation, LinkBatch, OpenLink, Response, Survey

CHART_DAYS = 30
BAR_STEP = 5


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int
    # Bar length as a percentage of the busiest day, in BAR_STEP steps (a CSS class).
    width: int


@dataclass(frozen=True)
class Progress:
    responses: int
    issued: int
    used: int
    open_uses: int
    days: list[DayCount]

    @property
    def completion(self) -> int | None:
        """Whole percent of the single-use links issued that have brought back a response."""
        return round(100 * self.used / self.issued) if self.issued else None


def bar_widths(counts: Iterable[int], step: int = BAR_STEP) -> list[int]:
    """Each count as a share of the largest, rounded up to a step so no day with answers is 0."""
    values = list(counts)
    top = max(values, default=0)
    if top == 0:
        return [0 for _ in values]
    return [min(100, -(-value * 100 // (top * step)) * step) for value in values]


def chart_window(survey: Survey, today: date) -> list[date]:
    """The days to chart: the last CHART_DAYS of the survey's window up to today."""
    end = min(today, survey.closes_on)
    start = max(survey.opens_on, end - timedelta(days=CHART_DAYS - 1))
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def issued_query() -> Select[int, int]:
    """Invitations per survey that still count as handed out: withdrawn unused ones do not."""
    return (
        select(Invitation.survey_id, func.count())
        .join(LinkBatch, Invitation.batch_id == LinkBatch.id)
        .where(or_(LinkBatch.revoked.is_(False), Invitation.used))
        .group_by(Invitation.survey_id)
    )


def counts_by_survey(session: Session, query: Select[int, int]) -> dict[int, int]:
    return {survey_id: count for survey_id, count in session.execute(query)}


def responses_query() -> Select[int, int]:
    return select(Response.survey_id, func.count()).group_by(Response.survey_id)


def survey_progress(session: Session, survey: Survey, today: date) -> Progress:
    """Totals and responses per day for one survey, as they stand now."""
    per_day: dict[date, int] = {
        day: count
        for day, count in session.execute(
            select(Response.submitted_on, func.count())
            .where(Response.survey_id == survey.id)
            .group_by(Response.submitted_on)
        )
    }
    days = chart_window(survey, today)
    counts = [per_day.get(day, 0) for day in days]
    return Progress(
        responses=sum(per_day.values()),
        issued=_issued(session, survey.id),
        used=session.scalar(
            select(func.count()).where(Invitation.survey_id == survey.id, Invitation.used)
        )
        or 0,
        open_uses=session.scalar(
            select(func.coalesce(func.sum(OpenLink.uses), 0)).where(OpenLink.survey_id == survey.id)
        )
        or 0,
        days=[DayCount(d, c, w) for d, c, w in zip(days, counts, bar_widths(counts), strict=True)],
    )


def _issued(session: Session, survey_id: int) -> int:
    found = session.execute(issued_query().where(Invitation.survey_id == survey_id)).first()
    return int(found[1]) if found else 0
