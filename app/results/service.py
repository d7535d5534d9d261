"""Results and evidence for staff: read once with the loader, worked out by ``analysis``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from analysis.breakdowns import breakdown, flagged
from analysis.comments import Comments, comments
from analysis.completion import completion_table
from analysis.evidence import Inputs, Reach, build_pack, regional_pack
from analysis.frame import QUESTION, RESPONSE, SURVEY
from analysis.pack import Cell, Pack, Period, Table
from analysis.periods import before
from analysis.questions import QuestionInfo
from analysis.results import QuestionResult, survey_results
from analysis.suppression import Thresholds, shown_total
from analysis.text.codebook import STARTER_CODEBOOK
from analysis.trends import trend_table
from app.actions.pack import action_lines, closings
from app.models import Board, Region, Survey
from app.results.dropoff import stops
from app.results.loader import Loaded, load, surveys_for
from app.retention.kept import kept_pack
from app.surveys.progress import counts_by_survey, issued_query
from app.training.results import evidence_tables

EVERY_DAY = (date(2000, 1, 1), date(2999, 12, 31))
Step = Callable[[str], None]


def thresholds_of(*boards: Board) -> Thresholds:
    """The strictest thresholds of the boards (a board may only raise them)."""
    return Thresholds(max((b.count_threshold for b in boards), default=5),
                      max((b.group_threshold for b in boards), default=10))  # fmt: skip


def codebook_of(board: Board) -> dict[str, tuple[str, ...]]:
    """The board's own codebook, or the starter one until it has edited it."""
    if board.codebook is None:
        return dict(STARTER_CODEBOOK)
    return {theme: tuple(phrases) for theme, phrases in board.codebook.items()}


@dataclass(frozen=True)
class SurveyReport:
    """Everything on a survey's results page, already suppressed."""

    results: list[QuestionResult]
    completion: Table
    breakdowns: list[Table] = field(default_factory=list)
    comments: dict[str, Comments] = field(default_factory=dict)
    trend: Table | None = None
    earlier: Survey | None = None
    responses: Cell = 0


def previous_run(session: Session, survey: Survey) -> Survey | None:
    """The board's latest earlier survey of the same questionnaire, for trends."""
    return session.scalar(
        select(Survey)
        .where(Survey.board_id == survey.board_id, Survey.id != survey.id)
        .where(Survey.opens_on < survey.opens_on)
        .where(Survey.version.has(questionnaire_id=survey.version.questionnaire_id))
        .order_by(Survey.opens_on.desc(), Survey.id.desc())
        .limit(1)
    )


def survey_report(session: Session, survey: Survey, places: Sequence[str] = ()) -> SurveyReport:
    """The survey's results, question by question, with drop-off and the change since last run."""
    t, board = thresholds_of(survey.board), survey.board
    loaded = load(session, [survey], *EVERY_DAY)
    questions = loaded.questions[survey.slug]
    frame = loaded.answers
    results = survey_results(frame, questions, t)
    sent = int(frame[RESPONSE].nunique())
    earlier = previous_run(session, survey)
    return SurveyReport(
        results=results,
        completion=completion_table(sent, stops(session, survey), questions, t),
        breakdowns=_breakdowns(frame, questions, t),
        comments=_comments(loaded, questions, board, t),
        trend=_trend(session, earlier, results, t, survey),
        earlier=earlier,
        responses=shown_total(sent, t),
    )  # fmt: skip


def _breakdowns(
    frame: pd.DataFrame, questions: Sequence[QuestionInfo], t: Thresholds
) -> list[Table]:
    """A table per "about you" question, flagging positive answers once for all of them."""
    scales = [q for q in questions if q.positive and not q.about_you]
    rows = flagged(frame, scales)
    found = (breakdown(frame, q, questions, t, rows) for q in questions if q.about_you)
    return [table for table in found if table is not None]


def _comments(
    loaded: Loaded, questions: Sequence[QuestionInfo], board: Board, t: Thresholds
) -> dict[str, Comments]:
    frame, codebook = loaded.answers, codebook_of(board)
    return {q.key: comments(frame[frame[QUESTION] == q.key], codebook, t, board.place_names)
            for q in questions if q.type in ("short_text", "long_text")}  # fmt: skip


def _trend(
    session: Session, earlier: Survey | None, results: list[QuestionResult], t: Thresholds,
    survey: Survey,
) -> Table | None:  # fmt: skip
    if earlier is None:
        return None
    was = load(session, [earlier], *EVERY_DAY)  # compared on the keys both versions ask
    before = survey_results(was.answers, was.questions[earlier.slug], t)
    labels = (earlier.title, survey.title)
    return trend_table("Against the last run: share giving a positive answer", results,
                       before, labels)  # fmt: skip


def reach(session: Session, surveys: Sequence[Survey], sent: dict[str, int]) -> dict[str, Reach]:
    """Per audience: single-use links handed out, and responses started (sent or stopped)."""
    issued = counts_by_survey(session, issued_query())
    found: dict[str, Reach] = {}
    for survey in surveys:
        was = found.get(survey.audience, Reach())
        started = sent.get(survey.slug, 0) + sum(stops(session, survey).values())
        found[survey.audience] = Reach(was.issued + issued.get(survey.id, 0), was.started + started)
    return found


def _quiet(_step: str) -> None:
    """No progress shown (web pages)."""


def _inputs(session: Session, title: str, boards: Sequence[Board], period: Period,
            today: date, quotes: bool, step: Step) -> Inputs:  # fmt: skip
    surveys = surveys_for(session, [b.id for b in boards])
    step(f"Reading the answers of {len(surveys)} surveys")
    now = load(session, surveys, period.start, period.end)
    earlier = before(period)
    step("Reading the year before, for trends")
    was = load(session, surveys, earlier.start, earlier.end)
    step(f"Working out the figures from {len(now.answers):,} answers")
    sent = now.answers.groupby(SURVEY, observed=True)[RESPONSE].nunique().to_dict()
    t = thresholds_of(*boards)
    board = boards[0] if len(boards) == 1 else None
    return Inputs(
        title=title, period=period, now=now.answers, earlier=was.answers,
        questions=now.questions, surveys=now.surveys, thresholds=t, made_on=today,
        codebook=codebook_of(board) if board else {}, places=board.place_names if board else (),
        reach=reach(session, surveys, {str(k): int(v) for k, v in sent.items()}), quotes=quotes,
        closings=closings(session, surveys, period, today),
        actions=action_lines(session, [b.id for b in boards], surveys, period),
    )  # fmt: skip


def board_pack(
    session: Session, board: Board, period: Period, today: date, step: Step = _quiet
) -> Pack:
    """A board's evidence pack for a period, quotes redacted; ``step`` hears each stage.

    A period whose answers a purge has removed is served as it was kept before the purge.
    """
    kept = kept_pack(session, board, period)
    if kept is not None:
        return kept
    inputs = _inputs(session, board.name, [board], period, today, True, step)
    step("Linking training answers across phases")
    training = evidence_tables(session, [board], period, inputs.thresholds)
    return build_pack(replace(inputs, training=training))


def region_pack(session: Session, region: Region, period: Period, today: date) -> Pack:
    """A region's pack: only boards sharing with it, aggregates only, never text."""
    sharing = [b for b in region.boards if b.shares_with_region]
    inputs = _inputs(session, region.name, sharing, period, today, False, _quiet)
    return regional_pack(inputs, [(b.slug, b.name) for b in sharing])
