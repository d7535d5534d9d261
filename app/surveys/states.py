"""A survey's life: draft -> open <-> paused -> closed -> open again; copies start as drafts.

Each change is a whole use case: it checks, records who did it, and commits once.
"""

from datetime import date

from sqlalchemy.orm import Session

from app.audit import record
from app.models import Survey, SurveyStatus, User
from app.panel.sending import close_due
from app.surveys.service import SurveyError, commit_change, create_survey, unique_slug

# action -> (statuses it starts from, status it leaves, past tense for messages)
MOVES: dict[str, tuple[frozenset[str], str, str]] = {
    "open": (frozenset({SurveyStatus.DRAFT, SurveyStatus.PAUSED}), SurveyStatus.OPEN, "opened"),
    "pause": (frozenset({SurveyStatus.OPEN}), SurveyStatus.PAUSED, "paused"),
    "close": (frozenset({SurveyStatus.OPEN, SurveyStatus.PAUSED}), SurveyStatus.CLOSED, "closed"),
    "reopen": (frozenset({SurveyStatus.CLOSED}), SurveyStatus.OPEN, "reopened"),
}

STATUS_WORDS = {"draft": "a draft", "open": "open", "paused": "paused", "closed": "closed"}


def allowed_moves(survey: Survey) -> list[str]:
    """The actions that make sense from the survey's current status."""
    return [action for action, (sources, _, _) in MOVES.items() if survey.status in sources]


def move(
    session: Session,
    survey: Survey,
    actor: User,
    action: str,
    today: date,
    closes_on: date | None = None,
) -> None:
    """Apply one action, with a new closing date when opening after the old one."""
    sources, target, done = MOVES[action]
    if survey.status not in sources:
        raise SurveyError(f"This survey is {STATUS_WORDS[survey.status]}, so it cannot be {done}.")
    if target == SurveyStatus.OPEN:
        survey.closes_on = _closing_date(survey, today, closes_on)
    survey.status = target
    record(session, actor, f"survey.{action}", survey.slug, survey.board_id)
    session.commit()
    if target == SurveyStatus.CLOSED:
        close_due(session, today)  # a quick check to the panel forgets who held which link


def _closing_date(survey: Survey, today: date, given: date | None) -> date:
    closes_on = given or survey.closes_on
    if closes_on < today:
        raise SurveyError(
            f"The closing date, {closes_on:%-d %B %Y}, has passed. "
            "Give a new closing date, today or later.",
            needs_closing_date=True,
        )
    if closes_on < survey.opens_on:
        raise SurveyError(
            f"The closing date must be on or after the opening date, {survey.opens_on:%-d %B %Y}.",
            needs_closing_date=True,
        )
    return closes_on


def duplicate(session: Session, survey: Survey, actor: User) -> Survey:
    """A draft copy of the survey's set-up (never its responses or links); commits."""
    copy = create_survey(
        session,
        survey.board,
        survey.version,
        slug=unique_slug(session, survey.board, survey.title),
        title=survey.title,
        opens_on=survey.opens_on,
        closes_on=survey.closes_on,
        cap=survey.cap,
        tags=dict(survey.tags or {}),
        distribution=survey.distribution,
        outcomes=list(survey.outcomes or []),
    )
    record(session, actor, "survey.duplicated", f"{survey.slug} -> {copy.slug}", survey.board_id)
    commit_change(session)
    return copy
