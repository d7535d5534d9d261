"""Loading the demo; running it twice changes nothing."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.service import grant
from app.demo.answers import synthetic_answers
from app.demo.plan import BOARD_ROLES, BOARDS, DISTRIBUTION, REGION, SURVEYS, TRAINING_OUTCOMES
from app.models import Board, Region, Survey, SurveyStatus
from app.questionnaires.definition import parse_definition
from app.questionnaires.store import sync_library
from app.respond.submission import build_response
from app.surveys.service import create_survey


@dataclass(frozen=True)
class DemoResult:
    created: bool
    surveys: list[str]
    emails: list[str]


def demo_emails() -> list[str]:
    emails = [f"{role}@{slug}.example" for slug, _, _ in BOARDS for role in BOARD_ROLES]
    return [*emails, f"regional@{REGION[0]}.example", "admin@chorus.example"]


def load_demo(session: Session, password: str, responses: int, today: date) -> DemoResult:
    """Create the demo region, boards, accounts, surveys and answers, unless already there."""
    existing = session.scalar(select(Region).where(Region.slug == REGION[0]))
    if existing is not None:
        slugs = session.scalars(select(Survey.slug).order_by(Survey.slug)).all()
        return DemoResult(False, list(slugs), demo_emails())
    region = Region(slug=REGION[0], name=REGION[1])
    boards = [Board(slug=s, name=n, help_contact=h, region=region) for s, n, h in BOARDS]
    session.add_all(boards)
    session.flush()
    _accounts(session, password)
    surveys = _surveys(session, boards, today)
    _responses(session, surveys, responses, today)
    session.commit()
    return DemoResult(True, [s.slug for s in surveys], demo_emails())


def _accounts(session: Session, password: str) -> None:
    for slug, _, _ in BOARDS:
        for role in BOARD_ROLES:
            grant(session, f"{role}@{slug}.example", password, role, slug)
    grant(session, f"regional@{REGION[0]}.example", password, "regional", REGION[0])
    grant(session, "admin@chorus.example", password, "admin", None)


def _surveys(session: Session, boards: list[Board], today: date) -> list[Survey]:
    versions = sync_library(session)
    surveys = []
    for board in boards:
        for questionnaire, title, suffix in SURVEYS:
            version = versions[questionnaire]
            audience = version.questionnaire.audience
            surveys.append(create_survey(
                session, board, version, slug=f"{board.slug}-{suffix}", title=title,
                opens_on=today - timedelta(days=30), closes_on=today + timedelta(days=60),
                status=SurveyStatus.OPEN, distribution=DISTRIBUTION.get(audience, ""),
                outcomes=TRAINING_OUTCOMES if audience == "training" else [],
                tags={"themes": ["demo"]},
            ))  # fmt: skip
    session.flush()
    return surveys


def _responses(session: Session, surveys: list[Survey], count: int, today: date) -> None:
    rng = random.Random(2026)
    for n in range(count):
        survey = surveys[n % len(surveys)]
        definition = parse_definition(survey.version.definition)
        if survey.outcomes:
            definition = definition.expand_outcomes(survey.outcomes)
        questions = list(definition.questions())
        day = today - timedelta(days=rng.randint(0, 29))
        answers = synthetic_answers(questions, rng)
        session.add(build_response(survey.id, answers, questions, day))
