"""A course's results for its training lead, and the training part of the evidence pack.

The answers of a course's phase surveys are read with their code records, linked session by
session into chains (``analysis.training.linking``) and worked out as suppressed tables
(``analysis.training.tables`` and ``feedback``). Code records hold only keyed hashes: the
results never see a code, and a chain is a set of response ids, never a person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from analysis.pack import Cell, Period, Table
from analysis.questions import QuestionInfo
from analysis.suppression import Thresholds, shown_total
from analysis.text.codebook import Codebook
from analysis.training import feedback, tables
from analysis.training.linking import PHASES, Linking, codes_frame, link
from app.models import Answer, Board, CodeRecord, Course, CourseSession, Response, SessionPhase
from app.results.loader import definition_of, question_info


@dataclass(frozen=True)
class Read:
    """Sessions' answers (``analysis.training.tables``'s frame), chains and questions."""

    answers: pd.DataFrame
    linking: Linking
    questions: dict[str, list[QuestionInfo]]  # by phase
    with_manager: int


@dataclass(frozen=True)
class CourseResults:
    """Everything on a course's results page, already suppressed."""

    answers: dict[str, Cell]  # by phase
    learning: tuple[Table, ...]
    linking: tuple[Table, ...]
    reaction: Table
    practice: tuple[Table, ...]
    comparison: tuple[Table, ...]


@dataclass(frozen=True)
class SessionResults:
    """A session's results page: reaction, and confidence per outcome at each phase."""

    answers: dict[str, Cell]
    reaction: Table
    outcomes: tuple[Table, ...]
    change: Table


def _phases(sessions: Sequence[CourseSession]) -> dict[int, SessionPhase]:
    """Each phase survey's id and its phase."""
    return {p.survey_id: p for s in sessions for p in s.phases}


def _answers(session: Session, phases: dict[int, SessionPhase]) -> pd.DataFrame:
    query = (
        select(Answer.response_id, Response.survey_id, Answer.question_key, Answer.value,
               Answer.number)
        .join(Response, Response.id == Answer.response_id)
        .where(Response.survey_id.in_(phases))
    )  # fmt: skip
    rows = [(str(r), phases[s].session_id, phases[s].phase, q, v, n)
            for r, s, q, v, n in session.execute(query)]  # fmt: skip
    frame = pd.DataFrame(rows, columns=tables.ANSWER_COLUMNS)
    frame["number"] = pd.to_numeric(frame["number"], errors="coerce").astype(float)
    return frame


def _codes(session: Session, phases: dict[int, SessionPhase]) -> tuple[pd.DataFrame, int]:
    """The code records (response, session, phase, parts) and how many came with a manager."""
    query = (
        select(CodeRecord.response_id, SessionPhase.session_id, SessionPhase.phase,
               CodeRecord.parts, CodeRecord.with_manager)
        .join(SessionPhase, SessionPhase.id == CodeRecord.phase_id)
        .where(SessionPhase.survey_id.in_(phases))
    )  # fmt: skip
    rows = session.execute(query).all()
    with_manager = sum(bool(row.with_manager) for row in rows)
    return codes_frame([(str(r), s, p, parts) for r, s, p, parts, _ in rows]), with_manager


def _questions(phases: dict[int, SessionPhase]) -> dict[str, list[QuestionInfo]]:
    """Each phase's questions as its latest session asked them."""
    latest = sorted(phases.values(), key=lambda p: (p.session.held_on, p.id))
    return {p.phase: [question_info(q) for q in definition_of(p.survey).questions()]
            for p in latest}  # fmt: skip


def read(session: Session, sessions: Sequence[CourseSession]) -> Read:
    """The sessions' answers, linked session by session."""
    phases = _phases(sessions)
    codes, with_manager = _codes(session, phases)
    return Read(_answers(session, phases), link(codes), _questions(phases), with_manager)


def _counts(answers: pd.DataFrame, t: Thresholds) -> dict[str, Cell]:
    return {p: shown_total(answers[answers["phase"] == p]["response"].nunique(), t)
            for p in PHASES}  # fmt: skip


def _learning(found: Read, outcomes: Sequence[str], t: Thresholds) -> tuple[Table, ...]:
    return tuple(tables.change_table(found.answers, found.linking, outcomes, m, t)
                 for m in tables.MEASURES)  # fmt: skip


def _practice(found: Read, codebook: Codebook, t: Thresholds) -> tuple[Table, ...]:
    """Use in practice, barriers and the themes of the examples given, at follow-up."""
    asked = {q.key: q for q in found.questions.get("follow_up", [])}
    made = [feedback.practice_table(found.answers, list(asked.values()), found.with_manager, t)]
    if "barriers" in asked:
        made.append(feedback.barriers_table(found.answers, asked["barriers"], t))
    end = {q.key: q for q in found.questions.get("end", [])}
    for question in (asked.get("practice_example"), end.get("plan_to_use")):
        themed = question and feedback.themes_table(found.answers, question, codebook, t)
        made += [themed] if themed else []
    return tuple(made)


def _comparison(found: Read, course: Course, t: Thresholds) -> tuple[Table, ...]:
    by_session = {s.id: f"{s.held_on:%-d %b %Y}, {s.trainer}" for s in course.sessions}
    by_trainer = {s.id: s.trainer for s in course.sessions}
    end = found.questions.get("end", [])
    return tuple(feedback.comparison_table(found.answers, found.linking, groups,
                                           course.outcomes, end, by, t)
                 for groups, by in ((by_session, "session"), (by_trainer, "trainer")))  # fmt: skip


def course_results(session: Session, course: Course, t: Thresholds, codebook: Codebook
                   ) -> CourseResults:  # fmt: skip
    """Every session of the course: change for matched attendees, linking, reaction, practice."""
    found = read(session, course.sessions)
    return CourseResults(
        answers=_counts(found.answers, t),
        learning=_learning(found, course.outcomes, t),
        linking=(tables.match_table(found.linking, t),
                 tables.unlinked_table(found.answers, found.linking, course.outcomes, t)),
        reaction=feedback.reaction_table(found.answers, found.questions.get("end", []), t),
        practice=_practice(found, codebook, t),
        comparison=_comparison(found, course, t),
    )  # fmt: skip


def session_results(session: Session, held: CourseSession, t: Thresholds) -> SessionResults:
    """One session: what attendees thought, and each outcome's answers at every phase."""
    found = read(session, [held])
    outcomes = held.course.outcomes
    return SessionResults(
        answers=_counts(found.answers, t),
        reaction=feedback.reaction_table(found.answers, found.questions.get("end", []), t),
        outcomes=tuple(tables.confidence_table(found.answers, outcomes, m, t)
                       for m in tables.MEASURES),
        change=tables.change_table(found.answers, found.linking, outcomes, "confidence", t),
    )  # fmt: skip


def evidence_tables(session: Session, boards: Sequence[Board], period: Period, t: Thresholds
                    ) -> tuple[Table, ...]:  # fmt: skip
    """Per course with sessions held in the period: linking and change per outcome."""
    made: list[Table] = []
    for course in _courses(session, boards, period.start, period.end):
        held = [s for s in course.sessions if period.start <= s.held_on <= period.end]
        found = read(session, held)
        for table in (tables.match_table(found.linking, t),
                      tables.change_table(found.answers, found.linking, course.outcomes,
                                          "confidence", t)):  # fmt: skip
            made.append(Table(f"{course.title}: {table.title[0].lower()}{table.title[1:]}",
                              table.columns, table.rows, table.notes))  # fmt: skip
    return tuple(made)


def _courses(session: Session, boards: Sequence[Board], start: date, end: date) -> list[Course]:
    query = (
        select(Course)
        .where(Course.board_id.in_([b.id for b in boards]))
        .where(Course.sessions.any(CourseSession.held_on.between(start, end)))
        .order_by(Course.title, Course.id)
    )
    return list(session.scalars(query))
