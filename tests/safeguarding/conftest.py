"""Fixtures for the safeguarding tests: a board with a reviewer, a one-page child survey with a
free-text question, and a way to send an answer as a child would."""

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.models import Board, Flag, OutboxMessage, Response, Survey, User
from tests.helpers import hidden_fields

TELL_US = {
    "slug": "tell-us",
    "title": "Tell us",
    "audience": "child",
    "age_range": "8-12",
    "version": 1,
    "summary": "One page",
    "intro": "Tell us how things are.",
    "sections": [
        {
            "title": "How things are",
            "questions": [
                {"key": "feel", "type": "faces", "text": "How do you feel at home?"},
                {"key": "home", "type": "long_text", "text": "Tell us about home.",
                 "max_length": 5000},
                {"key": "name", "type": "short_text", "text": "What do you like doing?"},
            ],
        }
    ],
}  # fmt: skip
DISCLOSURE = "my dad hits me when he drinks"
REASSURANCE = "nobody hurts me at home"


@pytest.fixture
def board(make_board) -> Board:  # type: ignore[no-untyped-def]
    return make_board("riverton")


@pytest.fixture
def reviewer(make_user, board: Board) -> User:  # type: ignore[no-untyped-def]
    return make_user("reviewer@riverton.example", "reviewer", board)


@pytest.fixture
def reviewing(staff_client, reviewer: User) -> FlaskClient:  # type: ignore[no-untyped-def]
    return staff_client(reviewer)


@pytest.fixture
def survey(make_survey, board: Board) -> Survey:  # type: ignore[no-untyped-def]
    return make_survey(TELL_US, board=board)


def send_to(client: FlaskClient, token: str, home: str, **answers: str):  # type: ignore[no-untyped-def]
    """Open the link and send the one page, as a browser would."""
    fields = hidden_fields(client.get(f"/r/{token}").data)
    return client.post(f"/r/{token}?page=1", data={**fields, "feel": "2", "home": home, **answers})


@pytest.fixture
def send(app, make_links, survey: Survey) -> Callable[..., object]:  # type: ignore[no-untyped-def]
    """send(text) -> the thank-you page for a new child answering with that text."""

    def answer(home: str, **answers: str):  # type: ignore[no-untyped-def]
        return send_to(app.test_client(), make_links(survey)[0], home, **answers)

    return answer


def count(db, model: type) -> int:  # type: ignore[no-untyped-def]
    return int(db.session.scalar(select(func.count()).select_from(model)))


def counts(db) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """Responses, flags and queued messages."""
    return count(db, Response), count(db, Flag), count(db, OutboxMessage)
