"""The one read of stored answers into analysis's tidy frame (``analysis.frame``).

Answers are read with a single query: on PostgreSQL through ``COPY ... TO STDOUT`` parsed
by pandas (about three times faster than ``pandas.read_sql`` of the same rows, as
``bench/evidence.py`` measures), on SQLite with ``pandas.read_sql``. Everything about a
survey and its questions is joined on afterwards from the few survey rows, so the big
query carries only the answer columns.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
from psycopg import sql
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session, joinedload

from analysis import frame as col
from analysis.questions import QuestionInfo
from app.models import Board, QuestionnaireVersion, Survey
from app.questionnaires.definition import SCALES, Definition, Question, parse_definition
from app.results.tidy import tidy

ANSWERS = """SELECT r.id AS response, r.survey_id, r.submitted_on AS day,
a.question_key AS question, a.value, a.number, a.sentiment
FROM answer a JOIN response r ON r.id = a.response_id
WHERE r.survey_id IN ({surveys}) AND r.submitted_on BETWEEN {start} AND {end}"""
RAW_COLUMNS = ["response", "survey_id", "day", "question", "value", "number", "sentiment"]


@dataclass(frozen=True)
class Loaded:
    """The tidy frame, each survey's questions in order, and a frame of the surveys."""

    answers: pd.DataFrame
    questions: dict[str, list[QuestionInfo]]
    surveys: pd.DataFrame


def question_info(question: Question) -> QuestionInfo:
    tags = question.tags
    return QuestionInfo(
        key=question.key, type=question.type, text=question.text,
        options=tuple((o.value, o.label) for o in question.options) or _scale(question),
        framework=tags.framework or "", level=tags.level or "",
        kirkpatrick=tags.kirkpatrick or "",
        about_you=question.type == "age_band" or "about-you" in tags.themes,
    )  # fmt: skip


def _scale(question: Question) -> tuple[tuple[str, str], ...]:
    return tuple((o.value, o.label) for o in SCALES.get(question.type, ()))


def definition_of(survey: Survey) -> Definition:
    """The survey's questionnaire as it was run, learning outcomes written in."""
    definition = parse_definition(survey.version.definition)
    return definition.expand_outcomes(survey.outcomes) if survey.outcomes else definition


def surveys_for(
    session: Session, board_ids: Sequence[int], survey_ids: Sequence[int] | None = None
) -> list[Survey]:
    query = (
        select(Survey)
        .where(Survey.board_id.in_(board_ids))
        .options(joinedload(Survey.board).joinedload(Board.region))
        .options(joinedload(Survey.version).joinedload(QuestionnaireVersion.questionnaire))
        .order_by(Survey.opens_on, Survey.slug)
    )
    if survey_ids is not None:
        query = query.where(Survey.id.in_(survey_ids))
    return list(session.scalars(query).unique())


def load(session: Session, surveys: Sequence[Survey], start: date, end: date) -> Loaded:
    """The answers to these surveys sent from start to end inclusive, as the tidy frame."""
    definitions = {s.id: definition_of(s) for s in surveys}
    questions = {s.slug: [question_info(q) for q in definitions[s.id].questions()] for s in surveys}
    raw = read_answers(session.connection(), [s.id for s in surveys], start, end)
    return Loaded(tidy(raw, surveys, questions), questions, survey_frame(surveys))


def read_answers(
    connection: Connection, survey_ids: Sequence[int], start: date, end: date
) -> pd.DataFrame:
    """The raw answer rows: COPY on PostgreSQL, read_sql elsewhere."""
    if not survey_ids:
        return pd.DataFrame(columns=RAW_COLUMNS)
    if connection.dialect.name == "postgresql":
        return _copied(connection, survey_ids, start, end)
    query = ANSWERS.format(surveys=",".join(str(int(i)) for i in survey_ids),
                           start=":start", end=":end")  # fmt: skip
    # The driver's own connection: SQLAlchemy's row handling doubled the time of this read.
    raw = connection.connection.driver_connection
    found = pd.read_sql(query, raw, params={"start": start, "end": end})  # type: ignore[arg-type]
    found["day"] = pd.to_datetime(found["day"])
    return found


def _copied(
    connection: Connection, survey_ids: Sequence[int], start: date, end: date
) -> pd.DataFrame:
    query = sql.SQL("COPY ({}) TO STDOUT WITH (FORMAT csv, HEADER)").format(
        sql.SQL(ANSWERS).format(
            surveys=sql.SQL(",").join(sql.Literal(int(i)) for i in survey_ids),
            start=sql.Literal(start), end=sql.Literal(end),
        )
    )  # fmt: skip
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    buffer = io.BytesIO()
    with cursor, cursor.copy(query) as copy:
        # One block a row. Written into one buffer as they come: a list of a million blocks
        # costs three times as much (the garbage collector walks it again and again).
        for block in copy:
            buffer.write(block)
    buffer.seek(0)
    return pd.read_csv(
        buffer, dtype={"value": str, "question": str, "response": str},
        parse_dates=["day"], keep_default_na=False, na_values={"number": [""], "sentiment": [""]},
    )  # fmt: skip


def survey_frame(surveys: Sequence[Survey]) -> pd.DataFrame:
    """One row per survey: its slug, title, board, audience, questionnaire and tags."""
    return pd.DataFrame(
        [{"survey_id": s.id, col.SURVEY: s.slug, "title": s.title, col.BOARD: s.board.slug,
          col.REGION: s.board.region.slug, col.AUDIENCE: s.audience,
          col.QUESTIONNAIRE: s.version.questionnaire.slug,
          "questionnaire_title": s.version.questionnaire.title, col.VERSION: s.version.number,
          col.SECTION: (s.tags or {}).get("qa_section") or "",
          col.PRIORITY: (s.tags or {}).get("priority") or "",
          "opens_on": s.opens_on, "closes_on": s.closes_on}
         for s in surveys],
        columns=["survey_id", col.SURVEY, "title", col.BOARD, col.REGION, col.AUDIENCE,
                 col.QUESTIONNAIRE, "questionnaire_title", col.VERSION, col.SECTION,
                 col.PRIORITY, "opens_on", "closes_on"],
    )  # fmt: skip
