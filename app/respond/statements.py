"""The prebuilt statements that store a response: one per kind of link, with or without
a training phase's code record, plus the steps the transaction path takes one by one.

Built once at import, like ``service.VISIT_LOOKUP``: the values come with each execution.
"""

from typing import Any

from sqlalchemy import (
    ARRAY,
    JSON,
    BindParameter,
    Boolean,
    Date,
    Float,
    Integer,
    Select,
    String,
    Text,
    Uuid,
    bindparam,
    cast,
    delete,
    exists,
    func,
    insert,
    select,
    true,
    update,
)
from sqlalchemy.sql.dml import Update
from sqlalchemy.types import TypeEngine

from app.links.tokens import LinkKind
from app.models import Base
from app.respond.service import DRAFT, INVITATION, OPEN_LINK, RECEIPT

RESPONSE, ANSWER, SURVEY, CODE = (
    Base.metadata.tables[n] for n in ("response", "answer", "survey", "code_record")
)


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


def _stored_at_once(kind: LinkKind, coded: bool = False) -> Select[Any]:
    """Spend the link and, only if that updated it, write the receipt, response and answers
    (and, for a training phase, its code record) and delete the draft; selects 1 if stored,
    0 if the link was spent or closed first.

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
    writes = [receipt.cte("receipt_made"), response.cte("response_made"),
              answers.cte("answers_made"), draft.cte("draft_gone")]  # fmt: skip
    if coded:
        writes.append(_code_record(spent, response_id).cte("code_made"))
    return select(func.count()).select_from(spent).add_cte(*writes)


def _code_record(spent: Any, response_id: BindParameter[Any]) -> Any:
    """The training phase's code record, written only if the link was spent."""
    columns = ["phase_id", "response_id", "parts", "code_hash", "with_manager"]
    values = select(
        _typed("code_phase", Integer()),
        response_id,
        cast(_typed("code_parts", JSON()), JSON()),
        _typed("code_hash", String()),
        _typed("with_manager", Boolean()),
    )
    return insert(CODE).from_select(columns, values.select_from(spent))


STORE_AT_ONCE = {
    (kind, coded): _stored_at_once(kind, coded) for kind in SPEND_LINK for coded in (False, True)
}
