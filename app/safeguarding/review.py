"""The board's review queue: what waits, each item, and a reviewer's outcome.

Contact requests come first (a child asked for help), then unreviewed flags, oldest day
first; within a day the most negative text comes first, but sentiment only orders: every
flag is in the queue whatever its sentiment. An outcome is recorded by one conditional
UPDATE (``WHERE outcome IS NULL``), so of two reviewers recording at once one wins and the
other is told; each outcome goes in the audit log without the text.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from app.audit import record
from app.models import Answer, Board, ContactRequest, Flag, Survey, User
from app.respond.visit import definition_of


@dataclass(frozen=True)
class FlagLine:
    id: uuid.UUID
    survey: str
    flagged_on: date
    context: str
    categories: list[str]
    outcome: str | None


@dataclass(frozen=True)
class Queue:
    """What waits, urgent first, and how many days the oldest of it has waited."""

    contacts: list[ContactRequest]
    flags: list[FlagLine]
    oldest_days: int | None


@dataclass(frozen=True)
class FlaggedText:
    question: str
    text: str


@dataclass(frozen=True)
class FlagItem:
    survey_title: str
    texts: list[FlaggedText]


@dataclass(frozen=True)
class Outcome:
    """What a reviewer records: an outcome code, a reference (for a referral) and a note."""

    outcome: str
    reference: str = ""
    note: str = ""


def _board_surveys(board: Board) -> Select[int]:
    return select(Survey.id).where(Survey.board_id == board.id)


def _flag_lines(session: Session, board: Board, reviewed: bool) -> list[FlagLine]:
    mood = (
        select(func.min(Answer.sentiment)).where(Answer.response_id == Flag.response_id)
    ).scalar_subquery()
    waiting = Flag.outcome.is_not(None) if reviewed else Flag.outcome.is_(None)
    order = (Flag.flagged_on.desc(),) if reviewed else (Flag.flagged_on, func.coalesce(mood, 0))
    query = (
        select(Flag.id, Survey.title, Flag.flagged_on, Flag.context, Flag.categories, Flag.outcome)
        .join(Survey, Survey.id == Flag.survey_id)
        .where(Survey.board_id == board.id, waiting)
        .order_by(*order, Flag.id)
    )
    return [FlagLine(*row) for row in session.execute(query)]


def waiting(session: Session, board: Board, today: date) -> Queue:
    """Open contact requests (oldest first), then unreviewed flags (oldest day first)."""
    contacts = list(
        session.scalars(
            select(ContactRequest)
            .where(ContactRequest.board_id == board.id, ContactRequest.outcome.is_(None))
            .order_by(ContactRequest.made_on, ContactRequest.id)
        )
    )
    flags = _flag_lines(session, board, reviewed=False)
    days = [c.made_on for c in contacts[:1]] + [f.flagged_on for f in flags[:1]]
    return Queue(contacts, flags, (today - min(days)).days if days else None)


def reviewed(session: Session, board: Board, outcome: str | None = None) -> list[FlagLine]:
    """Flags with an outcome, newest first, optionally of one outcome only."""
    lines = _flag_lines(session, board, reviewed=True)
    return [line for line in lines if outcome in (None, line.outcome)]


def flag_of(session: Session, board: Board, flag_id: uuid.UUID) -> Flag | None:
    """The board's flag with this id; None for another board's or nobody's."""
    query = select(Flag).where(Flag.id == flag_id, Flag.survey_id.in_(_board_surveys(board)))
    return session.scalar(query)


def flag_item(session: Session, flag: Flag) -> FlagItem:
    """The flag's survey title and the answers that matched, each with its question's wording."""
    survey = session.get_one(Survey, flag.survey_id)
    wording = {q.key: q.text for q in definition_of(survey, session.connection()).questions()}
    rows = session.execute(
        select(Answer.question_key, Answer.value)
        .where(Answer.response_id == flag.response_id, Answer.question_key.in_(flag.questions))
        .order_by(Answer.question_key)
    )
    texts = [FlaggedText(wording.get(key, key), value) for key, value in rows]
    return FlagItem(survey.title, texts)


def record_flag(session: Session, board: Board, reviewer: User, flag_id: uuid.UUID,
                given: Outcome) -> bool:  # fmt: skip
    """Record the outcome unless one was recorded first; True if this one was. Commits."""
    done = session.execute(
        update(Flag)
        .where(Flag.id == flag_id, Flag.outcome.is_(None))
        .where(Flag.survey_id.in_(_board_surveys(board)))
        .values(
            outcome=given.outcome,
            reference=given.reference,
            note=given.note,
            reviewed_by=reviewer.id,
            reviewed_at=datetime.now(UTC),
        )
        .execution_options(synchronize_session=False)
    )
    won = done.rowcount == 1  # type: ignore[attr-defined]
    return settle_outcome(
        session,
        won,
        reviewer,
        board,
        "safeguarding.flag_outcome",
        f"flag {flag_id}: {given.outcome}",
    )


def settle_outcome(session: Session, won: bool, reviewer: User, board: Board, action: str,
            target: str) -> bool:  # fmt: skip
    if not won:
        session.rollback()
        return False
    record(session, reviewer, action, target, board.id)
    session.commit()
    return True


def highlighted(text: str, words: list[str]) -> list[tuple[str, bool]]:
    """The text in pieces, each marked True where a matched word is (any case, anywhere), so a
    template can mark them up with its own escaping: the text is never trusted as markup."""
    wanted = sorted({w for w in words if w.strip()}, key=len, reverse=True)
    if not wanted:
        return [(text, False)]
    pattern = re.compile("|".join(re.escape(w) for w in wanted), re.IGNORECASE)
    pieces: list[tuple[str, bool]] = []
    at = 0
    for found in pattern.finditer(text):
        pieces += [(text[at : found.start()], False), (found.group(), True)]
        at = found.end()
    pieces.append((text[at:], False))
    return [(piece, marked) for piece, marked in pieces if piece]
