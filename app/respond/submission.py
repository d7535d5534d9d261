"""Storing a response: the one place a response is written.

A submission spends its link, records a receipt, stores the response and its answers and
deletes the draft, all stored or none of it. On PostgreSQL that is one statement
(``STORE_AT_ONCE``: data-modifying CTEs that write only if the link was spent), so a
submission is one round trip; SQLite, a survey with a cap (whose count needs the survey
row locked first) and a flagged response (``app.safeguarding.flagging``: its flag and
reviewers' alerts are written with it) take the same steps in a transaction. Like the lookups in
``service``, these are prebuilt SQLAlchemy Core statements.
"""

import uuid
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import (
    ARRAY,
    BindParameter,
    Connection,
    Date,
    Float,
    Integer,
    Select,
    String,
    Text,
    Uuid,
    bindparam,
    delete,
    exists,
    func,
    insert,
    select,
    true,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.dml import Update
from sqlalchemy.types import TypeEngine

from analysis.text.sentiment import polarity
from app.database import transaction
from app.links.service import Admission, LinkProblem, PublicSurvey
from app.links.tokens import LinkKind
from app.models import Answer, Base, Response
from app.questionnaires.definition import TEXT_TYPES, Question
from app.respond.service import (
    DRAFT,
    INVITATION,
    OPEN_LINK,
    RECEIPT,
    AnswerValue,
    Attempt,
    Found,
    spent_reason,
    was_received,
)
from app.safeguarding.flagging import Raised, write_flag

RESPONSE, ANSWER, SURVEY = (Base.metadata.tables[n] for n in ("response", "answer", "survey"))
NUMERIC_TYPES = frozenset({"agree", "faces", "rating"})


def _typed(name: str, kind: TypeEngine[Any]) -> BindParameter[Any]:
    return bindparam(name, type_=kind)


# Built once, like service.VISIT_LOOKUP: the values come with each execution.
DELETE_DRAFT = delete(DRAFT).where(DRAFT.c.key_hash == _typed("draft_key", String()))
LOCK_SURVEY = select(SURVEY.c.id).where(SURVEY.c.id == bindparam("survey_id")).with_for_update()
COUNT_RESPONSES = select(func.count()).where(RESPONSE.c.survey_id == bindparam("survey_id"))
SPEND_LINK: dict[LinkKind, Update] = {
    "invitation": update(INVITATION)
    .where(INVITATION.c.id == bindparam("link_id"))
    .where(INVITATION.c.used.is_(False), INVITATION.c.revoked.is_(False))
    .values(used=True),
    "open": update(OPEN_LINK)
    .where(OPEN_LINK.c.id == bindparam("link_id"), OPEN_LINK.c.revoked.is_(False))
    .where(OPEN_LINK.c.cap.is_(None) | (OPEN_LINK.c.uses < OPEN_LINK.c.cap))
    .values(uses=OPEN_LINK.c.uses + 1),
}


def _stored_at_once(kind: LinkKind) -> Select[Any]:
    """Spend the link and, only if that updated it, write the receipt, response and answers
    and delete the draft; selects 1 if stored, 0 if the link was spent or closed first.

    PostgreSQL runs every part of one statement or none of it, and a second submission
    racing for the same invitation waits on the link's row lock, then finds it spent.
    """
    spend = SPEND_LINK[kind]
    spent = spend.returning(spend.table.c.id).cte("spent")
    response_id = _typed("response_id", Uuid())
    receipt = insert(RECEIPT).from_select(
        ["key_hash"], select(_typed("receipt_key", String())).select_from(spent)
    )
    response = insert(RESPONSE).from_select(
        ["id", "survey_id", "submitted_on"],
        select(
            response_id, _typed("response_survey", Integer()), _typed("submitted_on", Date())
        ).select_from(spent),
    )
    given = (
        func.unnest(
            _typed("answer_ids", ARRAY(Uuid())),
            _typed("question_keys", ARRAY(String())),
            _typed("answer_values", ARRAY(Text())),
            _typed("numbers", ARRAY(Float())),
            _typed("sentiments", ARRAY(Float())),
        )
        .table_valued("id", "question_key", "value", "number", "sentiment")
        .render_derived("given")
    )
    answers = insert(ANSWER).from_select(
        ["id", "response_id", "question_key", "value", "number", "sentiment"],
        select(
            given.c.id,
            response_id,
            given.c.question_key,
            given.c.value,
            given.c.number,
            given.c.sentiment,
        )
        .select_from(spent)
        .join(given, true()),
    )
    draft = DELETE_DRAFT.where(exists(spent.select()))
    return (
        select(func.count())
        .select_from(spent)
        .add_cte(
            receipt.cte("receipt_made"),
            response.cte("response_made"),
            answers.cte("answers_made"),
            draft.cte("draft_gone"),
        )
    )


STORE_AT_ONCE = {kind: _stored_at_once(kind) for kind in SPEND_LINK}


def submit(
    connection: Connection,
    attempt: Attempt,
    found: Found,
    answers: Mapping[str, AnswerValue],
    questions: Iterable[Question],
    raised: Raised | None = None,
) -> bool:
    """Store the response (and its flag, if raised); True if stored now, False if this
    attempt was already stored.

    Raises LinkProblem('used') when another attempt spent the invitation first, and
    ('full') when an open link or the survey reached its cap.
    """
    if found.received:
        return False
    survey = found.admission.survey
    values = list(answer_values(answers, questions))
    try:
        if raised is None and _at_once(connection, survey):
            stored = _store_at_once(connection, attempt, found.admission, values)
        else:  # a flag, its alerts and the response are written in one transaction
            stored = _store_in_steps(connection, attempt, found.admission, values, raised)
    except IntegrityError:  # the receipt existed: the same attempt sent twice at once
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


def _store_at_once(
    connection: Connection, attempt: Attempt, admission: Admission, values: list[AnswerRow]
) -> bool:
    """One autocommitted statement; True if it stored the response."""
    parameters = {
        "link_id": admission.link_id,
        "receipt_key": attempt.receipt_key,
        "draft_key": attempt.draft_key,
        "response_id": uuid.uuid4(),
        "response_survey": admission.survey.id,
        "submitted_on": date.today(),
        "answer_ids": [uuid.uuid4() for _ in values],
        "question_keys": [row.key for row in values],
        "answer_values": [row.value for row in values],
        "numbers": [row.number for row in values],
        "sentiments": [row.sentiment for row in values],
    }
    return bool(connection.execute(STORE_AT_ONCE[admission.token.kind], parameters).scalar())


def _store_in_steps(
    connection: Connection,
    attempt: Attempt,
    admission: Admission,
    values: list[AnswerRow],
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
