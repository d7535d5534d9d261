"""Drafts and submissions: the one place a response is written.

A submission marks its link spent, stores the response and its answers, records a
receipt and deletes the draft in one transaction, so it is all stored or none of it.
"""

import secrets
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.links.service import Admission, LinkProblem
from app.links.tokens import hash_secret
from app.models import Answer, Draft, Invitation, OpenLink, Receipt, Response, Survey
from app.questionnaires.definition import Question

NUMERIC_TYPES = frozenset({"agree", "faces", "rating"})
ATTEMPT_LENGTH = 22
WINDOW_PROBLEMS = {
    "closed": "closed",
    "not_open": "not_open",
    "paused": "paused",
    "draft": "unknown",
}

AnswerValue = str | list[str]


@dataclass(frozen=True)
class Attempt:
    """One respondent's go at one link, identified by a random id kept in their session."""

    admission: Admission
    attempt_id: str

    @property
    def draft_key(self) -> str:
        nonce = self.admission.token.nonce
        if self.admission.token.kind == "invitation":
            return hash_secret(nonce, "draft")  # the same link resumes on any device
        return hash_secret(f"{nonce}:{self.attempt_id}", "draft")

    @property
    def receipt_key(self) -> str:
        return hash_secret(f"{self.admission.token.nonce}:{self.attempt_id}", "receipt")


@dataclass
class DraftState:
    answers: dict[str, AnswerValue] = field(default_factory=dict)
    reached: int = 0


def new_attempt_id() -> str:
    return secrets.token_urlsafe(16)


def valid_attempt_id(value: object) -> bool:
    return isinstance(value, str) and len(value) == ATTEMPT_LENGTH and value.isascii()


def check_window(survey: Survey, today: date) -> None:
    """Raise LinkProblem unless the survey is taking answers today."""
    state = survey.state_on(today)
    if state != "open":
        raise LinkProblem(WINDOW_PROBLEMS[state], survey)


def check_unused(session: Session, admission: Admission) -> None:
    """Raise LinkProblem('used') for a spent invitation, ('full') for a full open link."""
    # session.get reuses the row admit() loaded; the final UPDATE is the real guard.
    if admission.token.kind == "invitation":
        invitation = session.get(Invitation, admission.link_id)
        if invitation is None or invitation.used:
            raise LinkProblem("used", admission.survey)
        return
    link = session.get(OpenLink, admission.link_id)
    if link is not None and link.cap is not None and link.uses >= link.cap:
        raise LinkProblem("full", admission.survey)


def load_draft(session: Session, attempt: Attempt) -> DraftState:
    draft = session.scalar(select(Draft).where(Draft.key_hash == attempt.draft_key))
    if draft is None:
        return DraftState()
    return DraftState(dict(draft.answers), draft.reached)


def save_draft(
    session: Session, attempt: Attempt, answers: Mapping[str, AnswerValue], reached: int
) -> None:
    """Merge a page's answers into the draft and commit."""
    draft = session.scalar(select(Draft).where(Draft.key_hash == attempt.draft_key))
    if draft is None:
        draft = Draft(key_hash=attempt.draft_key, survey_id=attempt.admission.survey.id)
        session.add(draft)
    draft.answers = {**(draft.answers or {}), **answers}
    draft.reached = max(draft.reached or 0, reached)
    draft.updated_on = date.today()
    try:
        session.commit()
    except IntegrityError:  # another tab created it first: merge into theirs
        session.rollback()
        save_draft(session, attempt, answers, reached)


def was_received(session: Session, attempt: Attempt) -> bool:
    """True when this attempt was already submitted (a double tap, refresh or resubmit)."""
    key = attempt.receipt_key
    return session.scalar(select(Receipt.key_hash).where(Receipt.key_hash == key)) is not None


def already_sent(session: Session, attempt: Attempt) -> bool:
    """True if this attempt was stored already; LinkProblem if another attempt spent the link."""
    if was_received(session, attempt):
        return True
    try:
        check_unused(session, attempt.admission)
    except LinkProblem:
        # The winner of a double tap may have committed between the two checks.
        if was_received(session, attempt):
            return True
        raise
    return False


def submit(
    session: Session,
    attempt: Attempt,
    answers: Mapping[str, AnswerValue],
    questions: Iterable[Question],
) -> bool:
    """Store the response; True if stored now, False if this attempt was already stored.

    Raises LinkProblem('used') when another attempt spent the invitation first, and
    ('full') when a cap was reached.
    """
    if was_received(session, attempt):
        return False
    survey = attempt.admission.survey
    try:
        session.add(Receipt(key_hash=attempt.receipt_key))
        session.add(build_response(survey.id, answers, questions, date.today()))
        session.execute(delete(Draft).where(Draft.key_hash == attempt.draft_key))
        session.flush()
        _check_survey_cap(session, survey)
        # Spend the link last: its row lock is then held for the shortest time.
        _spend_link(session, attempt.admission)
        session.commit()
    except IntegrityError:
        session.rollback()
        if was_received(session, attempt):
            return False
        raise LinkProblem("used", survey) from None
    except LinkProblem:
        session.rollback()
        raise
    return True


def build_response(
    survey_id: int,
    answers: Mapping[str, AnswerValue],
    questions: Iterable[Question],
    submitted_on: date,
) -> Response:
    """A response with one answer row per value; only the day is kept, never the time."""
    response = Response(id=uuid.uuid4(), survey_id=survey_id, submitted_on=submitted_on)
    for question in questions:
        value = answers.get(question.key)
        values = value if isinstance(value, list) else [value] if value else []
        for item in values:
            number = float(item) if question.type in NUMERIC_TYPES else None
            response.answers.append(Answer(question_key=question.key, value=item, number=number))
    return response


def _check_survey_cap(session: Session, survey: Survey) -> None:
    if survey.cap is None:
        return
    # Lock the survey row so two submissions cannot both take the last place.
    session.execute(select(Survey.id).where(Survey.id == survey.id).with_for_update())
    stored = session.scalar(
        select(func.count()).select_from(Response).where(Response.survey_id == survey.id)
    )
    if (stored or 0) > survey.cap:
        raise LinkProblem("full", survey)


def _spend_link(session: Session, admission: Admission) -> None:
    if admission.token.kind == "invitation":
        statement = (
            update(Invitation)
            .where(Invitation.id == admission.link_id, Invitation.used.is_(False))
            .where(Invitation.revoked.is_(False))
            .values(used=True)
        )
        problem = "used"
    else:
        statement = (
            update(OpenLink)
            .where(OpenLink.id == admission.link_id, OpenLink.revoked.is_(False))
            .where((OpenLink.cap.is_(None)) | (OpenLink.uses < OpenLink.cap))
            .values(uses=OpenLink.uses + 1)
        )
        problem = "full"
    if session.execute(statement).rowcount != 1:  # type: ignore[attr-defined]
        raise LinkProblem(problem, admission.survey)
