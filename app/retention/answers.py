"""The purge's steps for answers: whole responses, and the words people wrote.

Each step is ``(session, today, dry_run) -> how many removed`` and works board by board,
with the board's own retention in months. Before anything goes, the evidence that reads
it is kept (``keep_packs``); numbers of a response whose text goes stay where they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, and_, delete, false, func, or_, select
from sqlalchemy.orm import Session

from analysis.frame import TEXT_TYPES
from analysis.periods import month_end
from app.models import Answer, Board, Response, Survey
from app.results.loader import definition_of
from app.retention.purge import report
from app.retention.snapshots import keep_packs


def months_before(today: date, months: int) -> date:
    """The same day ``months`` months earlier (a shorter month's last day when it has none)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    last = month_end(year, month + 1)
    return today.replace(year=year, month=month + 1, day=min(today.day, last.day))


def _boards(session: Session) -> Sequence[Board]:
    return session.scalars(select(Board).order_by(Board.slug)).all()


def _surveys(session: Session, board: Board) -> Sequence[Survey]:
    return session.scalars(select(Survey).where(Survey.board_id == board.id)).all()


def _sent_before(surveys: Sequence[int], cutoff: date) -> ColumnElement[bool]:
    return and_(Response.survey_id.in_(surveys), Response.submitted_on < cutoff)


def purge_responses(session: Session, today: date, dry_run: bool) -> int:
    """Delete responses sent before each board's response retention, answers and all."""
    total = 0
    for board in _boards(session):
        cutoff = months_before(today, board.response_retention_months)
        doomed = _sent_before([s.id for s in _surveys(session, board)], cutoff)
        count, first, last = session.execute(
            select(func.count(), func.min(Response.submitted_on), func.max(Response.submitted_on))
            .where(doomed)
        ).one()  # fmt: skip
        if count and not dry_run:
            keep_packs(session, board, first, last, today)
            ids = select(Response.id).where(doomed)
            session.execute(delete(Answer).where(Answer.response_id.in_(ids)))
            session.execute(delete(Response).where(doomed))
        report(session, board, count)
        total += count
    return total


def _text_of(survey: Survey) -> list[str]:
    """Keys of the survey's questions answered in the respondent's own words."""
    return [q.key for q in definition_of(survey).questions() if q.type in TEXT_TYPES]


def _text_before(session: Session, board: Board, cutoff: date) -> ColumnElement[bool]:
    """Text answers of the board's responses sent before ``cutoff``."""
    found = [
        and_(Answer.question_key.in_(keys),
             Answer.response_id.in_(select(Response.id).where(_sent_before([s.id], cutoff))))
        for s in _surveys(session, board) if (keys := _text_of(s))
    ]  # fmt: skip
    return or_(false(), *found)


def purge_text(session: Session, today: date, dry_run: bool) -> int:
    """Delete the words people wrote, sent before each board's text retention; numbers stay."""
    total = 0
    for board in _boards(session):
        doomed = _text_before(session, board, months_before(today, board.text_retention_months))
        count, first, last = session.execute(
            select(func.count(), func.min(Response.submitted_on), func.max(Response.submitted_on))
            .select_from(Answer).join(Response).where(doomed)
        ).one()  # fmt: skip
        if count and not dry_run:
            keep_packs(session, board, first, last, today)
            session.execute(delete(Answer).where(doomed))
        report(session, board, count)
        total += count
    return total
