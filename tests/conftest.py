"""Fixtures: an app per test on SQLite (and on PostgreSQL when TEST_DATABASE_URL is set)."""

import os
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, has_app_context
from flask.testing import FlaskClient
from sqlalchemy import text

from app import create_app
from app.accounts.service import grant
from app.auth.sessions import session_marks
from app.extensions import db as _db
from app.extensions import limiter
from app.links.service import issue_invitations, open_link_token, signing_keys
from app.models import Base, Board, Region, Survey, User
from app.questionnaires.definition import parse_definition
from app.questionnaires.store import save_version
from app.surveys.service import create_survey

TEST_KEY = "test-secret-key-that-is-long-enough-0123456789"

# A small questionnaire on two pages that uses every kind of question.
SAMPLE_DEFINITION: dict[str, Any] = {
    "slug": "sample",
    "title": "Sample",
    "audience": "child",
    "age_range": "8-12",
    "version": 1,
    "summary": "A test questionnaire",
    "intro": "Tell us what you think.",
    "sections": [
        {
            "title": "About school",
            "questions": [
                {"key": "safe_school", "type": "faces", "text": "How safe do you feel at school?",
                 "required": True},
                {"key": "adults_listen", "type": "agree", "text": "Adults listen to me."},
                {"key": "know_who", "type": "yes_no", "text": "Do you know who to tell?"},
            ],
        },
        {
            "title": "Your ideas",
            "questions": [
                {"key": "places", "type": "multi", "text": "Where do you feel safe?",
                 "options": [{"value": "home", "label": "Home"},
                             {"value": "school", "label": "School"},
                             {"value": "park", "label": "The park"}]},
                {"key": "score", "type": "rating", "text": "Give your area a score."},
                {"key": "age", "type": "age_band", "text": "How old are you?"},
                {"key": "nickname", "type": "short_text", "text": "What do you like doing?"},
                {"key": "safer", "type": "long_text", "text": "What would make you feel safer?"},
            ],
        },
    ],
}  # fmt: skip


POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")


def _database_urls() -> list[str]:
    return ["sqlite", POSTGRES_URL] if POSTGRES_URL else ["sqlite"]


def pytest_report_header() -> str:
    if POSTGRES_URL:
        return "databases: SQLite and PostgreSQL (TEST_DATABASE_URL)"
    return "databases: SQLite only; PostgreSQL run skipped because TEST_DATABASE_URL is not set"


@pytest.fixture(scope="session", params=_database_urls(), ids=lambda url: url.split(":")[0])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'chorus.sqlite'}"
    return str(request.param)


@pytest.fixture(scope="session")
def _schema(database_url: str) -> Iterator[str]:
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": TEST_KEY})
    with app.app_context():
        Base.metadata.drop_all(_db.engine)
        Base.metadata.create_all(_db.engine)
    yield database_url
    with app.app_context():
        Base.metadata.drop_all(_db.engine)
        _db.engine.dispose()


def _empty_tables() -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    if _db.engine.dialect.name == "postgresql":
        _db.session.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            _db.session.execute(text(f"DELETE FROM {table}"))  # noqa: S608 (our own table names)
    _db.session.commit()


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production: fresh ``g`` and session."""

    def open(self, *args: Any, **kwargs: Any):  # type: ignore[no-untyped-def,override]
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        if has_app_context():  # the test's own session must see what the request committed
            _db.session.expire_all()
        return response


@pytest.fixture
def app(_schema: str, tmp_path: Path) -> Iterator[Flask]:
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": _schema,
            "SECRET_KEY": TEST_KEY,
            "CHORUS_BASE_URL": "http://localhost",
        }
    )
    app.test_client_class = IsolatedClient
    with app.app_context():
        _empty_tables()
        limiter.reset()
        yield app
        _db.session.remove()
        _empty_tables()
        _db.engine.dispose()  # one pool per test app would exhaust PostgreSQL's connections


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):  # type: ignore[no-untyped-def]
    return app.test_cli_runner()


@pytest.fixture
def db(app: Flask):  # type: ignore[no-untyped-def]
    return _db


@pytest.fixture
def make_board(app: Flask) -> Callable[..., Board]:
    def make(slug: str = "riverton") -> Board:
        region = _db.session.query(Region).filter_by(slug="northshire").one_or_none()
        region = region or Region(slug="northshire", name="Northshire")
        board = Board(slug=slug, name=f"{slug.title()} Partnership", region=region)
        _db.session.add(board)
        _db.session.commit()
        return board

    return make


@pytest.fixture
def make_survey(make_board: Callable[..., Board]) -> Callable[..., Survey]:
    counter = iter(range(1, 1000))

    def make(
        definition: dict[str, Any] | None = None,
        board: Board | None = None,
        status: str = "open",
        opens_on: date | None = None,
        closes_on: date | None = None,
        **details: Any,
    ) -> Survey:
        board = board or make_board(f"board{next(counter)}")
        version = save_version(_db.session, parse_definition(definition or SAMPLE_DEFINITION), None)
        today = date.today()
        survey = create_survey(
            _db.session, board, version, slug=f"survey-{next(counter)}", title="Feeling safe",
            opens_on=opens_on or today - timedelta(days=1),
            closes_on=closes_on or today + timedelta(days=30), status=status, **details,
        )  # fmt: skip
        _db.session.commit()
        return survey

    return make


@pytest.fixture
def make_links(app: Flask) -> Callable[[Survey, int], list[str]]:
    def make(survey: Survey, count: int = 1) -> list[str]:
        tokens = issue_invitations(_db.session, signing_keys(app), survey, count)
        _db.session.commit()
        return tokens

    return make


@pytest.fixture
def make_open_link(app: Flask) -> Callable[[Survey], str]:
    def make(survey: Survey) -> str:
        token = open_link_token(_db.session, signing_keys(app), survey)
        _db.session.commit()
        return token

    return make


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    """make_user("manager@x.example", "manager", board) -> a committed user with that role."""

    def make(email: str, role: str = "manager", board: Board | None = None) -> User:
        user = grant(_db.session, email, "correct horse battery staple", role,
                     board.slug if board else None)  # fmt: skip
        _db.session.commit()
        return user

    return make


@pytest.fixture
def staff_client(app: Flask) -> Callable[[User], FlaskClient]:
    """A test client already signed in as the user (second factor satisfied)."""

    def make(user: User) -> FlaskClient:
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
            session.update(session_marks(time.time(), second_factor=True))
        return client

    return make
