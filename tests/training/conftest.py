"""Fixtures for training: a board's course and sessions, its people, and an attendee's go."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.links.service import open_link_token, signing_keys
from app.models import Course, CourseSession, OutboxMessage, SessionPhase
from app.security.personal import sealer
from app.training import courses
from app.training.courses import CourseDetails, SessionDetails
from tests.helpers import hidden_fields

TODAY = date.today()
CODE = {"mother": "M", "birthday": "7", "siblings": "1", "birthplace": "L"}
OUTCOMES = ["Recognise signs of neglect", "Make a referral to the front door"]


@pytest.fixture
def board(make_board):  # type: ignore[no-untyped-def]
    return make_board("riverton")


@pytest.fixture
def other_board(make_board):  # type: ignore[no-untyped-def]
    return make_board("elmside")


@pytest.fixture
def people(make_user, staff_client, board):  # type: ignore[no-untyped-def]
    """Signed-in clients by role on Riverton."""
    return {role: staff_client(make_user(f"{role}@riverton.example", role, board))
            for role in ("manager", "trainer", "analyst", "reviewer")}  # fmt: skip


@pytest.fixture
def make_course(app, db, make_user):  # type: ignore[no-untyped-def]
    """make_course(board, weeks=12) -> a committed course with two outcomes."""

    def make(board, weeks: int = 12, title: str = "Neglect: spotting it early") -> Course:  # type: ignore[no-untyped-def]
        lead = make_user(f"lead-{board.slug}-{title[:5].lower()}@example.org", "trainer", board)
        details = CourseDetails(title, list(OUTCOMES), "Frontline staff", "Sam Patel", weeks, 4)
        return courses.new_course(db.session, sealer(app), board, lead, details)

    return make


@pytest.fixture
def make_session(app, db):  # type: ignore[no-untyped-def]
    """make_session(course, held_on) -> a session with its phases (a past day allowed)."""

    def make(course: Course, held_on: date = TODAY) -> CourseSession:
        details = SessionDetails(held_on, "Jo Trainer", False, "Riverton Town Hall", 20)
        held = courses.plan_session(db.session, signing_keys(app), course, details, TODAY)
        db.session.commit()
        return held

    return make


@pytest.fixture
def course(board, make_course):  # type: ignore[no-untyped-def]
    return make_course(board)


@pytest.fixture
def phase_link(app, db):  # type: ignore[no-untyped-def]
    """phase_link(session, "end") -> the phase's open link token."""

    def link(held: CourseSession, phase: str) -> str:
        found = db.session.scalar(
            select(SessionPhase).where(SessionPhase.session_id == held.id,
                                       SessionPhase.phase == phase)
        )  # fmt: skip
        token = open_link_token(db.session, signing_keys(app), found.survey)
        db.session.commit()
        return token

    return link


def give_code(client, token: str, code: dict[str, str] | None = None, **extra: str):  # type: ignore[no-untyped-def]
    """Open the link (sent to the code page) and post the code as a browser would."""
    first = client.get(f"/r/{token}")
    assert first.status_code == 303 and first.headers["Location"].endswith(f"/r/{token}/code")
    fields = hidden_fields(client.get(f"/r/{token}/code").data)
    return client.post(f"/r/{token}/code", data={**fields, **(code or CODE), **extra})


def answer_phase(client, token: str, code: dict[str, str] | None = None, rating: str = "5",  # type: ignore[no-untyped-def]
                 **extra: str):  # fmt: skip
    """Give the code, then answer every page (the ratings all alike); the last response."""
    coded = give_code(client, token, code, **extra)
    assert coded.status_code == 303, coded.get_data(as_text=True)
    page, response = 1, coded
    while True:
        shown = client.get(f"/r/{token}?page={page}")
        fields = hidden_fields(shown.data)
        ratings = {f"{key}.{n}": rating for key in ("confidence", "knowledge")
                   for n in range(1, len(OUTCOMES) + 1)}  # fmt: skip
        response = client.post(f"/r/{token}?page={page}", data={**fields, **ratings})
        if response.status_code != 303:
            return response
        page += 1


def outbox(app, db, kind: str = "training-reminder") -> list[tuple[str, OutboxMessage]]:  # type: ignore[no-untyped-def]
    query = select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)
    return [(sealer(app).unseal(m.recipient), m) for m in db.session.scalars(query)]


def weeks_ago(weeks: int) -> date:
    return TODAY - timedelta(weeks=weeks)
