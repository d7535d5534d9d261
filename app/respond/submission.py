"""Storing a response: the one place a response is written.

A submission spends its link, records a receipt, stores the response and its answers (and
a training phase's code record) and deletes the draft, all stored or none of it. On
PostgreSQL that is one statement (``statements.STORE_AT_ONCE``: data-modifying CTEs that
write only if the link was spent), so a submission is one round trip; SQLite, a survey with
a cap (whose count needs the survey row locked first) and a flagged response
(``app.safeguarding.flagging``: its flag and reviewers' alerts are written with it) take the
same steps in a transaction. Like the lookups in ``service``, these are prebuilt SQLAlchemy
Core statements.
"""

import uuid
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Connection, insert
from sqlalchemy.exc import IntegrityError

from analysis.text.sentiment import polarity
from app.database import transaction
from app.links.service import Admission, LinkProblem, PublicSurvey
from app.models import Answer, Response
from app.questionnaires.definition import TEXT_TYPES, Question
from app.respond.service import (
    AnswerValue,
    Attempt,
    Found,
    spent_reason,
    was_received,
)
from app.respond.statements import (
    ANSWER,
    CODE,
    COUNT_RESPONSES,
    DELETE_DRAFT,
    LOCK_SURVEY,
    RECEIPT,
    RESPONSE,
    SPEND_LINK,
    STORE_AT_ONCE,
)
from app.safeguarding.flagging import Raised, write_flag
from app.training.phases import CodeRow, CodeTaken, code_taken

NUMERIC_TYPES = frozenset({"agree", "faces", "rating"})


def submit(
    connection: Connection,
    attempt: Attempt,
    found: Found,
    answers: Mapping[str, AnswerValue],
    questions: Iterable[Question],
    code: CodeRow | None = None,
    raised: Raised | None = None,
) -> bool:
    """Store the response (with its code record and its flag, if given); True if stored
    now, False if this attempt was already stored.

    Raises LinkProblem('used') when another attempt spent the invitation first, ('full')
    when an open link or the survey reached its cap, and CodeTaken when the code was
    stored in its phase meanwhile.
    """
    if found.received:
        return False
    survey = found.admission.survey
    values = list(answer_values(answers, questions))
    try:
        if raised is None and _at_once(connection, survey):
            stored = _store_at_once(connection, attempt, found.admission, values, code)
        else:  # a flag, its alerts and the response are written in one transaction
            stored = _store_in_steps(connection, attempt, found.admission, values, code, raised)
    except IntegrityError:  # the receipt existed: the same attempt sent twice at once
        _check_code_free(connection, code)
        stored = False
    if stored:
        return True
    if was_received(connection, attempt):
        return False
    raise LinkProblem(spent_reason(found.admission), survey)


class AnswerRow(NamedTuple):
    """One stored answer: a multi-choice gives one per option; text carries its sentiment."""

    key: str
    value: str
    number: float | None
    sentiment: float | None


def _at_once(connection: Connection, survey: PublicSurvey) -> bool:
    return connection.dialect.name == "postgresql" and survey.cap is None


def _check_code_free(connection: Connection, code: CodeRow | None) -> None:
    """After a refused write: raise CodeTaken if the code's uniqueness was what refused it."""
    if code is not None and code_taken(connection, code.phase_id, code.parts):
        raise CodeTaken(code.phase_id)


def _store_at_once(
    connection: Connection,
    attempt: Attempt,
    admission: Admission,
    values: list[AnswerRow],
    code: CodeRow | None,
) -> bool:
    """One autocommitted statement; True if it stored the response."""
    response_id = uuid.uuid4()
    parameters = {
        "link_id": admission.link_id,
        "receipt_key": attempt.receipt_key,
        "draft_key": attempt.draft_key,
        "response_id": response_id,
        "response_survey": admission.survey.id,
        "submitted_on": date.today(),
        "answer_ids": [uuid.uuid4() for _ in values],
        "question_keys": [row.key for row in values],
        "answer_values": [row.value for row in values],
        "numbers": [row.number for row in values],
        "sentiments": [row.sentiment for row in values],
    }
    if code is not None:
        parameters.update(_code_parameters(code))
    statement = STORE_AT_ONCE[admission.token.kind, code is not None]
    return bool(connection.execute(statement, parameters).scalar())


def _code_parameters(code: CodeRow) -> dict[str, Any]:
    return {"code_phase": code.phase_id, "code_parts": list(code.parts),
            "code_hash": code.code_hash, "with_manager": code.with_manager}  # fmt: skip


def _store_in_steps(
    connection: Connection,
    attempt: Attempt,
    admission: Admission,
    values: list[AnswerRow],
    code: CodeRow | None,
    raised: Raised | None = None,
) -> bool:
    """The same writes as STORE_AT_ONCE, in a transaction; False if the link was spent first.

    Raises LinkProblem('full') when the survey's cap was reached.
    """
    survey = admission.survey
    response_id = uuid.uuid4()
    rows = [
        {"response_id": response_id, "question_key": row.key, "value": row.value,
         "number": row.number, "sentiment": row.sentiment}
        for row in values
    ]  # fmt: skip
    try:
        with transaction(connection):
            if survey.cap is not None:
                # Before the response insert, whose foreign key takes a share lock on the
                # same row: the other order deadlocks two submissions on PostgreSQL.
                connection.execute(LOCK_SURVEY, {"survey_id": survey.id})
            connection.execute(insert(RECEIPT), {"key_hash": attempt.receipt_key})
            response = {"id": response_id, "survey_id": survey.id, "submitted_on": date.today()}
            connection.execute(insert(RESPONSE), response)
            if rows:
                connection.execute(insert(ANSWER), rows)
            if code is not None:
                connection.execute(insert(CODE), code.values(response_id))
            if raised is not None:
                write_flag(connection, raised, response_id, admission)
            connection.execute(DELETE_DRAFT, {"draft_key": attempt.draft_key})
            _check_survey_cap(connection, survey)
            # Spend the link last: its row lock is then held for the shortest time.
            _spend_link(connection, admission)
    except _LinkSpentFirst:
        return False
    return True


def answer_values(
    answers: Mapping[str, AnswerValue], questions: Iterable[Question]
) -> Iterator[AnswerRow]:
    """A row for each value given; text is given its sentiment here, once, as it is stored."""
    for question in questions:
        value = answers.get(question.key)
        values = value if isinstance(value, list) else [value] if value else []
        for item in values:
            number = float(item) if question.type in NUMERIC_TYPES else None
            mood = polarity(item) if question.type in TEXT_TYPES else None
            yield AnswerRow(question.key, item, number, mood)


def build_response(
    survey_id: int,
    answers: Mapping[str, AnswerValue],
    questions: Iterable[Question],
    submitted_on: date,
) -> Response:
    """A response with one answer row per value; only the day is kept, never the time."""
    response = Response(id=uuid.uuid4(), survey_id=survey_id, submitted_on=submitted_on)
    for row in answer_values(answers, questions):
        response.answers.append(
            Answer(
                question_key=row.key, value=row.value, number=row.number, sentiment=row.sentiment
            )
        )
    return response


def _check_survey_cap(connection: Connection, survey: PublicSurvey) -> None:
    """Raise LinkProblem('full') if this response took the survey past its cap.

    Counted after the inserts, with this response in: by then PostgreSQL holds the survey
    row lock and SQLite its write lock, so no other submission can add one meanwhile.
    """
    if survey.cap is None:
        return
    stored = connection.execute(COUNT_RESPONSES, {"survey_id": survey.id}).scalar()
    if (stored or 0) > survey.cap:
        raise LinkProblem("full", survey)


class _LinkSpentFirst(Exception):
    """Raised inside the transaction so that everything written before it is rolled back."""


def _spend_link(connection: Connection, admission: Admission) -> None:
    spend = SPEND_LINK[admission.token.kind]
    if connection.execute(spend, {"link_id": admission.link_id}).rowcount != 1:
        raise _LinkSpentFirst
