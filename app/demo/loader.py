"""Loading the demo; running it twice changes nothing."""

from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.service import grant
from app.demo import plan
from app.demo.actions import add_actions
from app.demo.answers import Run
from app.demo.panel import add_panels
from app.demo.safeguarding import add_safeguarding
from app.demo.synthetic import Progress, Target, write_synthetic
from app.demo.training import add_training
from app.links.service import signing_keys
from app.models import Board, QuestionnaireVersion, Region, Survey, SurveyStatus
from app.questionnaires.definition import parse_definition
from app.questionnaires.store import sync_library
from app.security.personal import sealer
from app.surveys.service import create_survey

BoardPlan = tuple[str, str, str, list[str], dict[str, str]]
SurveyPlan = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class DemoResult:
    created: bool
    surveys: list[str]
    emails: list[str]


def demo_emails() -> list[str]:
    emails = [f"{role}@{board[0]}.example" for board in plan.BOARDS for role in plan.BOARD_ROLES]
    return [*emails, f"regional@{plan.REGION[0]}.example", "admin@chorus.example"]


def demo_loaded(session: Session) -> bool:
    return session.scalar(select(Region.id).where(Region.slug == plan.REGION[0])) is not None


def load_demo(
    session: Session,
    password: str,
    responses: int,
    today: date,
    progress: Progress = lambda _done: None,
) -> DemoResult:
    """Create the demo region, boards, accounts, surveys and answers, unless already there;
    `progress` hears how many responses each chunk wrote."""
    if demo_loaded(session):
        # A demo loaded before courses existed gains its training part, once.
        added = add_training(session, sealer(current_app), signing_keys(current_app), today)
        session.commit()
        slugs = session.scalars(select(Survey.slug).order_by(Survey.slug)).all()
        return DemoResult(added, list(slugs), demo_emails())
    region = Region(slug=plan.REGION[0], name=plan.REGION[1])
    boards = [_board(region, entry) for entry in plan.BOARDS]
    session.add_all(boards)
    session.flush()
    _accounts(session, password)
    add_panels(session, sealer(current_app), boards, today)
    targets = _surveys(session, boards, today)
    add_actions(session, boards, today)
    write_synthetic(session, [target for _, target in targets], responses, progress)
    add_training(session, sealer(current_app), signing_keys(current_app), today, responses > 0)
    add_safeguarding(session, sealer(current_app), boards, today)
    session.commit()
    return DemoResult(True, [survey.slug for survey, _ in targets], demo_emails())


def _board(region: Region, entry: BoardPlan) -> Board:
    slug, name, help_contact, priorities, places = entry
    return Board(
        slug=slug, name=name, help_contact=help_contact, region=region,
        qa_sections=plan.QA_SECTIONS, priorities=priorities,
        place_names=list(places.values()), shares_with_region=True,
    )  # fmt: skip


def _accounts(session: Session, password: str) -> None:
    for slug, *_ in plan.BOARDS:
        for role in plan.BOARD_ROLES:
            grant(session, f"{role}@{slug}.example", password, role, slug)
    grant(session, f"regional@{plan.REGION[0]}.example", password, "regional", plan.REGION[0])
    grant(session, "admin@chorus.example", password, "admin", None)


def _surveys(session: Session, boards: list[Board], today: date) -> list[tuple[Survey, Target]]:
    """Every questionnaire on every board, open now and run a year ago."""
    versions = sync_library(session)
    made = [
        (_survey(session, board, versions[entry[0]], entry, today, previous), previous)
        for board in boards
        for entry in plan.SURVEYS
        for previous in (False, True)
    ]
    session.flush()
    return [(survey, _target(survey, previous, today)) for survey, previous in made]


def _survey(
    session: Session,
    board: Board,
    version: QuestionnaireVersion,
    entry: SurveyPlan,
    today: date,
    previous: bool,
) -> Survey:
    _, title, suffix, section, priority = entry
    audience = version.questionnaire.audience
    opens, closes = plan.PREVIOUS_WINDOW if previous else plan.CURRENT_WINDOW
    year = today.year - 1
    return create_survey(
        session, board, version,
        slug=f"{board.slug}-{suffix}-{year}" if previous else f"{board.slug}-{suffix}",
        title=f"{title} ({year})" if previous else title,
        opens_on=today + opens, closes_on=today + closes,
        status=SurveyStatus.CLOSED if previous else SurveyStatus.OPEN,
        distribution=plan.DISTRIBUTION.get(audience, ""),
        outcomes=plan.TRAINING_OUTCOMES if audience == "training" else [],
        tags={"qa_section": section, "priority": priority, "themes": ["demo"]},
    )  # fmt: skip


def _target(survey: Survey, previous: bool, today: date) -> Target:
    definition = parse_definition(survey.version.definition)
    if survey.outcomes:
        definition = definition.expand_outcomes(survey.outcomes)
    places = dict(next(entry[4] for entry in plan.BOARDS if entry[0] == survey.board.slug))
    lean = plan.BOARD_LEAN.get(survey.board.slug, 0.0)
    run = Run(survey.audience, definition.slug, previous, places, lean)
    last_day = min(today, survey.closes_on)
    return Target(survey.id, definition.sections, survey.opens_on, last_day, run, not previous)
