"""Raising a flag when a response may hold a disclosure: the scan, the flag row, the alerts.

Each text answer is scanned as the response is stored, with the detector for the board's
lexicon (read with the link, so no extra query; each lexicon's detector is built once per
process). A flagged response is stored in a transaction that also writes its flag and queues
one alert per reviewer of the board through the mail outbox: all of it or none of it. An
alert never carries the text, only that something waits in the review queue. An unflagged
response takes the usual one-statement path and pays only for the scan.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from flask import current_app
from sqlalchemy import Connection, Integer, bindparam, insert, select
from sqlalchemy.orm import Session

from analysis.safeguarding import Detector, Finding, detector, parse_lexicon
from app.links.service import Admission, PublicSurvey
from app.mail import Mail
from app.models import Base, Invitation, LinkBatch
from app.questionnaires.definition import TEXT_TYPES, Question
from app.safeguarding.alerts import FLAG_ALERT, alert, queue_alerts, reviewer_emails
from app.security.personal import Sealer, sealer

CONTEXT_LENGTH = 200
FLAG = Base.metadata.tables["flag"]
# Built once, like the respond path's statements; run only when a response is flagged.
BATCH_LABEL = (
    select(LinkBatch.label)
    .join(Invitation, Invitation.batch_id == LinkBatch.id)
    .where(Invitation.id == bindparam("link_id", type_=Integer))
)


@dataclass(frozen=True)
class Raised:
    """A possible disclosure in a response about to be stored, and the alert to send."""

    categories: tuple[str, ...]
    words: tuple[str, ...]
    questions: tuple[str, ...]
    alert: Mail
    sealer: Sealer


@lru_cache(maxsize=256)
def board_detector(lexicon: str) -> Detector:
    """The detector with the board's own phrases (checked when saved; none if unreadable)."""
    try:
        extra = tuple(parse_lexicon(lexicon)) if lexicon.strip() else ()
    except ValueError:
        extra = ()
    return detector(extra)


def _texts(
    answers: Mapping[str, object], questions: Iterable[Question]
) -> Iterator[tuple[str, str]]:
    for question in questions:
        value = answers.get(question.key)
        if question.type in TEXT_TYPES and isinstance(value, str) and value.strip():
            yield question.key, value


def findings(
    lexicon: str, answers: Mapping[str, object], questions: Iterable[Question]
) -> list[tuple[str, Finding]]:
    """(question key, finding) for each text answer the board's detector flags."""
    scan = board_detector(lexicon).scan
    found = ((key, scan(text)) for key, text in _texts(answers, questions))
    return [(key, finding) for key, finding in found if finding.flagged]


def raised(
    survey: PublicSurvey, answers: Mapping[str, object], questions: Iterable[Question]
) -> Raised | None:
    """What to flag in these answers, with the alert ready to queue; None when nothing is."""
    flagged = findings(survey.board.lexicon, answers, questions)
    if not flagged:
        return None
    matches = [match for _, finding in flagged for match in finding.matches]
    return Raised(
        categories=tuple(dict.fromkeys(match.category for match in matches)),
        words=tuple(dict.fromkeys(match.words for match in matches)),
        questions=tuple(key for key, _ in flagged),
        alert=alert(FLAG_ALERT, survey.board.name, survey.board.slug, survey.board.id),
        sealer=sealer(current_app),
    )


def write_flag(
    connection: Connection, raised: Raised, response_id: uuid.UUID, admission: Admission
) -> None:
    """Inside the response's transaction: the flag row, and an alert to each reviewer."""
    connection.execute(
        insert(FLAG),
        {
            "id": uuid.uuid4(), "response_id": response_id, "survey_id": admission.survey.id,
            "flagged_on": date.today(), "context": context_of(connection, admission),
            "categories": list(raised.categories), "words": list(raised.words),
            "questions": list(raised.questions), "reference": "", "note": "",
        },
    )  # fmt: skip
    with Session(bind=connection) as session:
        emails = reviewer_emails(session, admission.survey.board.id)
        queue_alerts(session, raised.sealer, raised.alert, emails)
        session.flush()


def context_of(connection: Connection, admission: Admission) -> str:
    """Which distribution the response came through, in words: a batch's label or the open link."""
    if admission.token.kind == "invitation":
        label = connection.execute(BATCH_LABEL, {"link_id": admission.link_id}).scalar()
        said = f"Batch: {label}" if label else "Batch of single-use links"
    else:
        distribution = admission.survey.distribution.strip()
        said = f"Open link: {distribution}" if distribution else "Open link"
    return said[:CONTEXT_LENGTH]
