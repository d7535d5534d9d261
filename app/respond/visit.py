"""A respondent's visit: the admitted link, their attempt, the questionnaire's pages."""

from dataclasses import dataclass
from datetime import date

from flask import current_app, session

from app.extensions import db
from app.links.service import Admission, LinkProblem, admit, signing_keys
from app.links.tokens import BadToken, read_token
from app.models import Survey
from app.questionnaires.definition import Definition, Question, Section, parse_definition
from app.respond.service import Attempt, check_window, new_attempt_id, valid_attempt_id

SESSION_ATTEMPTS = "attempts"
PARSED_DEFINITIONS = "chorus.parsed_definitions"
MAX_PARSED = 512


@dataclass(frozen=True)
class Visit:
    attempt: Attempt
    definition: Definition

    @property
    def survey(self) -> Survey:
        return self.attempt.admission.survey

    @property
    def pages(self) -> tuple[Section, ...]:
        return self.definition.sections

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(self.definition.questions())

    def required_missing(self, answers: dict[str, object]) -> int | None:
        """The first page with a required question left unanswered, if any."""
        for index, page in enumerate(self.pages):
            if any(q.required and not answers.get(q.key) for q in page.questions):
                return index
        return None


def definition_of(survey: Survey) -> Definition:
    """The survey's questionnaire, parsed once per app, version and outcome list."""
    # Only a version no survey uses is ever edited in place, so a version reached through
    # a survey never changes; keying by its id spares a query and a parse per request.
    parsed = current_app.extensions.setdefault(PARSED_DEFINITIONS, {})
    key = (survey.version_id, tuple(survey.outcomes or ()))
    if key not in parsed:
        if len(parsed) >= MAX_PARSED:
            parsed.clear()
        definition = parse_definition(survey.version.definition)
        parsed[key] = definition.expand_outcomes(list(key[1])) if key[1] else definition
    return parsed[key]


def start_visit(token: str, posted_attempt: str | None = None) -> Visit:
    """Admit a token for a survey taking answers today; raise LinkProblem otherwise."""
    admission = admit(db.session, signing_keys(current_app), token)
    check_window(admission.survey, date.today())
    attempt_id = posted_attempt if posted_attempt is not None else _session_attempt(admission)
    if not valid_attempt_id(attempt_id):
        raise LinkProblem("bad_request", admission.survey)
    return Visit(Attempt(admission, attempt_id), definition_of(admission.survey))


def _session_attempt(admission: Admission) -> str:
    attempts = session.setdefault(SESSION_ATTEMPTS, {})
    slot = admission.token.nonce_hash[:12]
    if slot not in attempts:
        attempts[slot] = new_attempt_id()
        session.modified = True
    return str(attempts[slot])


def forget_attempt(visit: Visit) -> None:
    """After a submission the next visit to an open link starts a fresh response."""
    attempts = session.get(SESSION_ATTEMPTS, {})
    attempts.pop(visit.attempt.admission.token.nonce_hash[:12], None)
    session.modified = True


def well_signed(token: str) -> bool:
    """True for a token this service signed, so throttling counts only guesses."""
    try:
        read_token(signing_keys(current_app), token)
    except BadToken:
        return False
    return True
