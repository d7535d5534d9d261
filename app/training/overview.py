"""What a session's page shows of each phase: its window, state, link and response count."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import CourseSession, Response, Survey
from app.models.training import Phase
from app.training.courses import PHASE_NAMES


@dataclass(frozen=True)
class PhaseLine:
    phase: str
    name: str
    survey: Survey
    opens_on: date
    closes_on: date
    url: str | None
    responses: int


def phase_lines(
    session: Session, held: CourseSession, url_of: Callable[[Survey], str | None]
) -> list[PhaseLine]:
    """The session's phases in order (before, end, follow-up), with how many answered each."""
    ids = [phase.survey_id for phase in held.phases]
    counts = dict(
        session.execute(
            select(Response.survey_id, func.count())
            .where(Response.survey_id.in_(ids))
            .group_by(Response.survey_id)
        ).all()
    )
    return [
        PhaseLine(phase.phase, PHASE_NAMES[Phase(phase.phase)], phase.survey, phase.opens_on,
                  phase.closes_on, url_of(phase.survey), int(counts.get(phase.survey_id, 0)))
        for phase in sorted(held.phases, key=lambda p: list(Phase).index(Phase(p.phase)))
    ]  # fmt: skip
