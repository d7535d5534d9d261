"""Respondent attempts, their lookup and their drafts.

A respondent request reads its link, survey, board, draft and receipt in one query
(``VISIT_LOOKUP``); a saved page merges its answers into the draft in one statement.
Storing the finished response is ``submission``'s. Everything here is SQLAlchemy Core on
prebuilt statements: these are the hottest paths in Chorus, and the ORM's unit of work
buys nothing for rows written once.
"""

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import (
    BindParameter,
    Connection,
    Select,
    String,
    bindparam,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from app.links.service import LINK_LOOKUP, Admission, LinkProblem, PublicSurvey, admission_of
from app.links.tokens import LinkKind, LinkToken, hash_secret
from app.models import Base

ATTEMPT_LENGTH = 22
WINDOW_PROBLEMS = {
    "closed": "closed",
    "not_open": "not_open",
    "paused": "paused",
    "draft": "unknown",
}

AnswerValue = str | list[str]


@dataclass(frozen=True, slots=True)
class Attempt:
    """One respondent's go at one link, identified by a random id kept in their session."""

    token: LinkToken
    attempt_id: str

    @property
    def draft_key(self) -> str:
        if self.token.kind == "invitation":
            return hash_secret(self.token.nonce, "draft")  # the same link resumes on any device
        return hash_secret(f"{self.token.nonce}:{self.attempt_id}", "draft")

    @property
    def receipt_key(self) -> str:
        return hash_secret(f"{self.token.nonce}:{self.attempt_id}", "receipt")


@dataclass(frozen=True, slots=True)
class DraftState:
    answers: dict[str, AnswerValue] = field(default_factory=dict)
    reached: int = 0
    stored: bool = False


@dataclass(frozen=True, slots=True)
class Found:
    """What one lookup says about an attempt: its admission, its draft, whether it was sent."""

    admission: Admission
    draft: DraftState
    received: bool


TABLES = Base.metadata.tables
DRAFT, RECEIPT = TABLES["draft"], TABLES["receipt"]
INVITATION, OPEN_LINK = TABLES["invitation"], TABLES["open_link"]


def _text(name: str) -> BindParameter[str]:
    return bindparam(name, type_=String)


# Built once, like VISIT_LOOKUP: the values come with each execution.
UPDATE_DRAFT = update(DRAFT).where(DRAFT.c.key_hash == _text("draft_key"))
FIND_RECEIPT = select(RECEIPT.c.key_hash).where(RECEIPT.c.key_hash == _text("receipt_key"))


def new_attempt_id() -> str:
    return secrets.token_urlsafe(16)


def valid_attempt_id(value: object) -> bool:
    return isinstance(value, str) and len(value) == ATTEMPT_LENGTH and value.isascii()


def check_window(survey: PublicSurvey, today: date) -> None:
    """Raise LinkProblem unless the survey is taking answers today."""
    state = survey.state_on(today)
    if state != "open":
        raise LinkProblem(WINDOW_PROBLEMS[state], survey)


def check_unused(admission: Admission) -> None:
    """Raise LinkProblem('used') for a spent invitation, ('full') for a full open link."""
    if admission.spent:
        raise LinkProblem(spent_reason(admission), admission.survey)


def spent_reason(admission: Admission) -> str:
    """Why a spent link admits nobody: an invitation was used, an open link is full."""
    return "used" if admission.token.kind == "invitation" else "full"


def _visit_lookups() -> dict[LinkKind, Select[Any]]:
    """LINK_LOOKUP with the attempt's draft and receipt joined on: one round trip a request."""
    links = {"invitation": INVITATION, "open": OPEN_LINK}
    return {
        kind: statement.add_columns(
            DRAFT.c.answers.label("draft_answers"),
            DRAFT.c.reached.label("draft_reached"),
            RECEIPT.c.key_hash.label("receipt"),
        )
        .outerjoin_from(links[kind], DRAFT, DRAFT.c.key_hash == _text("draft_key"))
        .outerjoin_from(links[kind], RECEIPT, RECEIPT.c.key_hash == _text("receipt_key"))
        for kind, statement in LINK_LOOKUP.items()
    }


VISIT_LOOKUP = _visit_lookups()


def find(connection: Connection, attempt: Attempt) -> Found:
    """Admit the attempt's link (or raise LinkProblem) and read its draft and receipt."""
    row = connection.execute(
        VISIT_LOOKUP[attempt.token.kind],
        {
            "nonce_hash": attempt.token.nonce_hash,
            "draft_key": attempt.draft_key,
            "receipt_key": attempt.receipt_key,
        },
    ).first()
    admission = admission_of(attempt.token, row)
    assert row is not None  # admission_of raised otherwise
    draft = (
        DraftState(dict(row.draft_answers or {}), row.draft_reached, stored=True)
        if row.draft_reached is not None
        else DraftState()
    )
    return Found(admission, draft, row.receipt is not None)


def save_draft(
    connection: Connection,
    attempt: Attempt,
    found: Found,
    answers: Mapping[str, AnswerValue],
    reached: int,
) -> None:
    """Merge a page's answers into the draft (one statement, on an autocommit connection)."""
    values = {
        "answers": {**found.draft.answers, **answers},
        "reached": max(found.draft.reached, reached),
        "updated_on": date.today(),
    }
    try:
        if found.draft.stored:
            connection.execute(UPDATE_DRAFT, {**values, "draft_key": attempt.draft_key})
        else:
            row = {**values, "key_hash": attempt.draft_key, "survey_id": found.admission.survey.id}
            connection.execute(insert(DRAFT), row)
    except IntegrityError:  # another tab created it first: merge into theirs
        save_draft(connection, attempt, find(connection, attempt), answers, reached)


def was_received(connection: Connection, attempt: Attempt) -> bool:
    """True when this attempt was already submitted (a double tap, refresh or resubmit)."""
    found = connection.execute(FIND_RECEIPT, {"receipt_key": attempt.receipt_key}).first()
    return found is not None


def already_sent(found: Found) -> bool:
    """True if this attempt was stored already; LinkProblem if another attempt spent the link.

    The receipt and the link are read by one statement, so they agree: a double tap whose
    winner committed first shows both, one that has not committed shows neither.
    """
    if found.received:
        return True
    check_unused(found.admission)
    return False
