"""The evidence pack's "you said, we did": closings with their first action, and the actions.

Quick checks' outcomes stay where they are (``PanelCheck.outcome``), and count as actions
here: telling the panel what changed is the board acting on what it heard, and people were
told. They are not copied into ``Action``, so there is one record of each, and they have no
children's wording to show respondents. A quick check closes on its own date, so that is
its closing; any other survey closes on its closing date once that has passed (or it was
closed by hand). A planned action is not yet an action: only one in progress or done counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from analysis.evidence import ActionLine, Closing
from analysis.pack import Period
from app.models import ACTION_STATUSES, Action, PanelCheck, Survey
from app.models.surveys import SurveyStatus

STARTED = ("in_progress", "done")
QUICK_CHECK = "Touchstones quick check"


def closings(
    session: Session, surveys: Sequence[Survey], period: Period, today: date
) -> list[Closing]:
    """Surveys that closed in the period, each with the day of its first action."""
    checks = _checks(session, surveys)
    first = _first_actions(session, surveys)
    found = []
    for survey in surveys:
        check = checks.get(survey.id)
        closed = _closed_on(survey, check, today)
        if closed is None or not period.start <= closed <= period.end:
            continue
        told = [d for d in (first.get(survey.id), check.outcome_on if check else None) if d]
        found.append(Closing(survey.title, closed, min(told, default=None)))
    return sorted(found, key=lambda c: (c.closed_on, c.survey))


def _closed_on(survey: Survey, check: PanelCheck | None, today: date) -> date | None:
    if check is not None and check.closed:
        return check.closes_on
    if survey.closes_on < today or survey.status == SurveyStatus.CLOSED:
        return survey.closes_on
    return None


def _checks(session: Session, surveys: Sequence[Survey]) -> dict[int, PanelCheck]:
    ids = [s.id for s in surveys]
    return {c.survey_id: c for c in session.scalars(
        select(PanelCheck).where(PanelCheck.survey_id.in_(ids)))}  # fmt: skip


def _first_actions(session: Session, surveys: Sequence[Survey]) -> dict[int, date]:
    query = (
        select(Action.survey_id, func.min(Action.acted_on))
        .where(Action.survey_id.in_([s.id for s in surveys]), Action.status.in_(STARTED))
        .group_by(Action.survey_id)
    )
    return {survey_id: day for survey_id, day in session.execute(query) if survey_id}


def action_lines(
    session: Session, board_ids: Sequence[int], surveys: Sequence[Survey], period: Period
) -> list[ActionLine]:
    """The boards' actions dated in the period, and quick-check outcomes told in it, by date."""
    query = (
        select(Action).where(Action.board_id.in_(board_ids)).options(selectinload(Action.survey))
    )
    query = query.where(Action.acted_on.between(period.start, period.end))
    lines = [ActionLine(a.about, a.you_said, a.we_did, ACTION_STATUSES[a.status], a.acted_on)
             for a in session.scalars(query)]  # fmt: skip
    titles = {s.id: s.title for s in surveys}
    told = select(PanelCheck).where(PanelCheck.survey_id.in_(titles), PanelCheck.outcome != "")
    told = told.where(PanelCheck.outcome_on.between(period.start, period.end))
    lines += [ActionLine(f"{titles[c.survey_id]}: {QUICK_CHECK}", "Answers to the quick check",
                         c.outcome, ACTION_STATUSES["done"], c.outcome_on)
              for c in session.scalars(told) if c.outcome_on]  # fmt: skip
    return sorted(lines, key=lambda line: (line.acted_on, line.about))
