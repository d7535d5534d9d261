"""Where unfinished responses stopped: counted from drafts, and kept when drafts are purged.

A draft's ``reached`` is the furthest page it may show; someone who stopped, stopped on
that page, so the count goes to its first question. Counts only: nothing of a draft's
answers is kept.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.models import Draft, Stop, Survey
from app.results.loader import definition_of


def stop_keys(survey: Survey) -> list[str]:
    """The first question of each page: where someone who stopped on that page stopped."""
    return [section.questions[0].key for section in definition_of(survey).sections
            if section.questions]  # fmt: skip


def live_stops(session: Session, survey: Survey) -> Counter[str]:
    """Unfinished responses to the survey now, by the question they stopped at."""
    keys = stop_keys(survey)
    found = session.execute(
        select(Draft.reached, func.count())
        .where(Draft.survey_id == survey.id)
        .group_by(Draft.reached)
    )
    counted: Counter[str] = Counter()
    for reached, count in found:
        if keys:
            counted[keys[min(reached, len(keys) - 1)]] += count
    return counted


def stops(session: Session, survey: Survey) -> Counter[str]:
    """Every unfinished response so far: those purged (kept as counts) and those still live."""
    kept = Counter({s.question_key: s.count for s in
                    session.scalars(select(Stop).where(Stop.survey_id == survey.id))})  # fmt: skip
    return kept + live_stops(session, survey)


def keep_stops(session: Session, doomed: ColumnElement[bool]) -> None:
    """Add the drafts matching ``doomed`` to their surveys' kept counts, before they go."""
    found = session.execute(
        select(Draft.survey_id, Draft.reached, func.count())
        .where(doomed)
        .group_by(Draft.survey_id, Draft.reached)
    ).all()
    surveys = session.scalars(select(Survey).where(Survey.id.in_({row[0] for row in found})))
    keys = {survey.id: stop_keys(survey) for survey in surveys}
    for survey_id, reached, count in found:
        if keys[survey_id]:
            _add(session, survey_id, keys[survey_id][min(reached, len(keys[survey_id]) - 1)], count)
    session.flush()


def _add(session: Session, survey_id: int, key: str, count: int) -> None:
    stop = session.get(Stop, (survey_id, key)) or Stop(
        survey_id=survey_id, question_key=key, count=0
    )
    stop.count += count
    session.add(stop)
