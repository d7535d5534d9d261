"""A respondent's visit: the admitted link, their attempt, the questionnaire's pages."""

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from flask import current_app, session
from sqlalchemy import Connection, select

from app.extensions import db
from app.links.service import Admission, LinkProblem, PublicSurvey, read_link, signing_keys
from app.links.tokens import LinkToken
from app.models import QuestionnaireVersion
from app.questionnaires.definition import Definition, Question, Section, parse_definition
from app.respond.service import (
    Attempt,
    DraftState,
    Found,
    check_window,
    find,
    new_attempt_id,
    valid_attempt_id,
)
from app.training.phases import CODE_KEY, PhaseKey, phase_of

SESSION_ATTEMPTS = "attempts"
PARSED_DEFINITIONS = "chorus.parsed_definitions"
MAX_PARSED = 512


class RunsAVersion(Protocol):
    """A survey as stored or as read for respondents: either names its questionnaire version."""

    @property
    def version_id(self) -> int: ...

    @property
    def outcomes(self) -> list[str] | tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class Visit:
    attempt: Attempt
    found: Found
    definition: Definition
    # The training phase the survey runs, if it is part of a course (codes link its answers).
    phase: PhaseKey | None = None

    @property
    def admission(self) -> Admission:
        return self.found.admission

    @property
    def survey(self) -> PublicSurvey:
        return self.found.admission.survey

    @property
    def draft(self) -> DraftState:
        return self.found.draft

    @property
    def pages(self) -> tuple[Section, ...]:
        return self.definition.sections

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(self.definition.questions())

    @property
    def needs_code(self) -> bool:
        """A training phase's attempt that has not yet given its personal code."""
        return self.phase is not None and not self.draft.answers.get(CODE_KEY)

    def required_missing(self, answers: dict[str, object]) -> int | None:
        """The first page with a required question left unanswered, if any."""
        for index, page in enumerate(self.pages):
            if any(q.required and not answers.get(q.key) for q in page.questions):
                return index
        return None


def definition_of(survey: RunsAVersion, connection: Connection | None = None) -> Definition:
    """The survey's questionnaire, parsed once per app, version and outcome list."""
    # Only a version no survey uses is ever edited in place, so a version reached through
    # a survey never changes; keying by its id spares a query and a parse per request.
    parsed = current_app.extensions.setdefault(PARSED_DEFINITIONS, {})
    key = (survey.version_id, tuple(survey.outcomes or ()))
    if key not in parsed:
        if len(parsed) >= MAX_PARSED:
            parsed.clear()
        statement = select(QuestionnaireVersion.definition).where(
            QuestionnaireVersion.id == survey.version_id
        )
        source = (connection or db.session).execute(statement).scalar_one()
        definition = parse_definition(source)
        parsed[key] = definition.expand_outcomes(list(key[1])) if key[1] else definition
    return parsed[key]


def start_visit(connection: Connection, token: str, posted_attempt: str | None = None) -> Visit:
    """Admit a token for a survey taking answers today; raise LinkProblem otherwise."""
    link = read_link(signing_keys(current_app), token)
    attempt_id = posted_attempt if posted_attempt is not None else _session_attempt(link)
    valid = valid_attempt_id(attempt_id)
    attempt = Attempt(link, attempt_id if valid else "")
    found = find(connection, attempt)
    check_window(found.admission.survey, date.today())
    if not valid:
        raise LinkProblem("bad_request", found.admission.survey)
    survey = found.admission.survey
    phase = phase_of(connection, survey.id) if survey.audience == "training" else None
    return Visit(attempt, found, definition_of(survey, connection), phase)


def _session_attempt(link: LinkToken) -> str:
    attempts = session.setdefault(SESSION_ATTEMPTS, {})
    slot = link.nonce_hash[:12]
    if slot not in attempts:
        attempts[slot] = new_attempt_id()
        session.modified = True
    return str(attempts[slot])


def forget_attempt(visit: Visit) -> None:
    """After a submission the next visit to an open link starts a fresh response."""
    attempts = session.get(SESSION_ATTEMPTS, {})
    attempts.pop(visit.attempt.token.nonce_hash[:12], None)
    session.modified = True
