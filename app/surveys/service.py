"""Setting up surveys and listing them.

``create_survey`` leaves the commit to its caller; ``new_survey`` and ``update_survey``
are whole use cases and commit once.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.audit import record
from app.models import (
    Board,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    Survey,
    SurveyStatus,
    User,
)
from app.questionnaires.definition import parse_definition

SLUG_LENGTH = 72  # Survey.slug holds 80: room for "-NNN"
AUDIENCE_NAMES = {
    "child": "children and young people",
    "family": "families",
    "practitioner": "practitioners",
    "training": "training attendees",
}


def create_survey(
    session: Session,
    board: Board,
    version: QuestionnaireVersion,
    *,
    slug: str,
    title: str,
    opens_on: date,
    closes_on: date,
    status: str = SurveyStatus.DRAFT,
    **details: Any,
) -> Survey:
    survey = Survey(
        slug=slug,
        board=board,
        version=version,
        audience=version.questionnaire.audience,
        title=title,
        opens_on=opens_on,
        closes_on=closes_on,
        status=status,
        **details,
    )
    session.add(survey)
    return survey


def survey_by_slug(session: Session, slug: str) -> Survey | None:
    return session.scalar(select(Survey).where(Survey.slug == slug))


def survey_rows(session: Session, board_slug: str | None = None) -> list[dict[str, Any]]:
    """The `flask surveys --json` rows: one dict per survey, with its response count."""
    counts = (
        select(Response.survey_id, func.count().label("n")).group_by(Response.survey_id).subquery()
    )
    query = (
        select(Survey, func.coalesce(counts.c.n, 0))
        .join(Board, Survey.board_id == Board.id)
        .outerjoin(counts, counts.c.survey_id == Survey.id)
        .order_by(Board.slug, Survey.slug)
    )
    if board_slug:
        query = query.where(Board.slug == board_slug)
    return [
        {
            "slug": survey.slug,
            "title": survey.title,
            "board": survey.board.slug,
            "region": survey.board.region.slug,
            "audience": survey.audience,
            "questionnaire": survey.version.questionnaire.slug,
            "status": survey.status,
            "responses": int(count),
        }
        for survey, count in session.execute(query)
    ]


class SurveyError(ValueError):
    """A change that cannot be made; the message is for the person who asked for it."""

    def __init__(self, message: str, needs_closing_date: bool = False) -> None:
        super().__init__(message)
        self.needs_closing_date = needs_closing_date


@dataclass(frozen=True)
class Details:
    """What can change on any survey, even one with responses."""

    title: str
    opens_on: date
    closes_on: date
    cap: int | None
    tags: dict[str, Any]
    distribution: str


@dataclass(frozen=True)
class QuestionnaireOption:
    id: int
    title: str
    audience: str
    shared: bool
    version: int

    @property
    def label(self) -> str:
        owner = "shared library" if self.shared else "your board's own"
        audience = AUDIENCE_NAMES.get(self.audience, self.audience)
        return f"{self.title}: for {audience} ({owner}, version {self.version})"


def questionnaire_options(session: Session, board: Board) -> list[QuestionnaireOption]:
    """The shared library and the board's own questionnaires; never another board's."""
    found = session.scalars(
        select(Questionnaire)
        .where(or_(Questionnaire.board_id.is_(None), Questionnaire.board_id == board.id))
        .order_by(Questionnaire.board_id.is_(None), Questionnaire.title)
    ).all()
    return [
        QuestionnaireOption(q.id, q.title, q.audience, q.board_id is None, q.latest.number)
        for q in found
        if q.versions
    ]


def has_responses(session: Session, survey: Survey) -> bool:
    return bool(session.scalar(select(exists().where(Response.survey_id == survey.id))))


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; 'survey' when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "survey"


def unique_slug(session: Session, board: Board, title: str) -> str:
    """The board's slug and the title's, with -2, -3... added until no survey has it."""
    base = f"{board.slug}-{slugify(title)}"[:SLUG_LENGTH].rstrip("-")
    taken = set(session.scalars(select(Survey.slug).where(Survey.slug.startswith(base))))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def new_survey(
    session: Session,
    board: Board,
    actor: User,
    questionnaire_id: int,
    details: Details,
    outcomes: list[str],
) -> Survey:
    """Create a draft survey of the questionnaire's latest version, and commit."""
    version = _questionnaire(session, board, questionnaire_id).latest
    _check(details)
    survey = create_survey(
        session,
        board,
        version,
        slug=unique_slug(session, board, details.title),
        outcomes=_checked_outcomes(version, outcomes),
        **_columns(details),
    )
    record(session, actor, "survey.created", survey.slug, board.id)
    commit_change(session)
    return survey


def update_survey(
    session: Session,
    survey: Survey,
    actor: User,
    details: Details,
    questions: tuple[int, list[str]] | None = None,
) -> None:
    """Change a survey's details and, while it has no responses, its questions; commit."""
    _check(details)
    if questions is not None:
        if has_responses(session, survey):
            raise SurveyError(
                "This survey has responses, so its questions cannot change. "
                "Make a new version of the questionnaire and run it as a new survey."
            )
        version = _questionnaire(session, survey.board, questions[0]).latest
        survey.outcomes = _checked_outcomes(version, questions[1])
        survey.version, survey.audience = version, version.questionnaire.audience
    for name, value in _columns(details).items():
        setattr(survey, name, value)
    record(session, actor, "survey.edited", survey.slug, survey.board_id)
    commit_change(session)


def _questionnaire(session: Session, board: Board, questionnaire_id: int) -> Questionnaire:
    found = session.scalar(
        select(Questionnaire).where(
            Questionnaire.id == questionnaire_id,
            or_(Questionnaire.board_id.is_(None), Questionnaire.board_id == board.id),
        )
    )
    if found is None or not found.versions:
        raise SurveyError("Choose a questionnaire from the list")
    return found


def _check(details: Details) -> None:
    """The form checks these too; a service never trusts its caller with an invariant."""
    if details.closes_on < details.opens_on:
        raise SurveyError("The closing date must be the same as or after the opening date")
    if details.cap is not None and details.cap < 1:
        raise SurveyError("The limit must be a whole number above 0, or left empty")


def _checked_outcomes(version: QuestionnaireVersion, outcomes: list[str]) -> list[str]:
    """The outcomes a training questionnaire needs; other audiences keep none."""
    if version.questionnaire.audience != "training":
        return []
    try:
        parse_definition(version.definition).expand_outcomes(outcomes)
    except ValueError as error:
        raise SurveyError("Give at least one learning outcome, one per line") from error
    return outcomes


def _columns(details: Details) -> dict[str, Any]:
    return {
        "title": details.title,
        "opens_on": details.opens_on,
        "closes_on": details.closes_on,
        "cap": details.cap,
        "tags": details.tags,
        "distribution": details.distribution,
    }


def commit_change(session: Session) -> None:
    """Commit, turning a clash with a concurrent change into a SurveyError."""
    try:
        session.commit()
    except IntegrityError as error:  # another survey took the slug a moment ago
        session.rollback()
        raise SurveyError("Something changed while you were saving. Try again.") from error
