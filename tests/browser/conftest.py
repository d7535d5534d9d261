"""Browser harness: Chromium driving the app on a loopback port with its own database.

Skipped, saying why, when Chromium is missing; with CHORUS_REQUIRE_BROWSER set (CI sets
it) that fails instead. One server and one browser serve the session; each test gets
fresh contexts (no cookies, no cache) and seeds its own surveys and links.
"""

import itertools
import os
import shutil
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from sqlalchemy import select, update
from werkzeug.serving import WSGIRequestHandler, make_server

from app import ROOT, create_app
from app.accounts.service import grant
from app.extensions import db
from app.links.service import issue_invitations, open_link_token, signing_keys
from app.links.tokens import read_token
from app.models import Action, Base, Board, Invitation, OpenLink, Region, Response, Survey
from app.models.questionnaires import QuestionnaireVersion
from app.questionnaires.definition import Definition, Option, Question, parse_definition
from app.questionnaires.library import library_definition
from app.questionnaires.store import save_version, sync_library
from app.surveys.service import create_survey
from tests.conftest import SAMPLE_DEFINITION, TEST_KEY

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE: dict[str, Any] = {"is_mobile": True, "has_touch": True, "device_scale_factor": 2}
STYLESHEET = ROOT / "app" / "static" / "build" / "chorus.css"
EXIT_SCRIPT = ROOT / "app" / "static" / "build" / "exit-this-page.js"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}
AXE = Axe()
MANAGER_PASSWORD = "correct horse battery staple"


def _journey_definition() -> Definition:
    """The 8 to 12 feeling-safe questionnaire with one question required, to meet an error."""

    def required(question: Question) -> Question:
        return replace(question, required=question.key == "know_who_to_tell")

    base = library_definition("feeling-safe-8-12")
    sections = tuple(replace(s, questions=tuple(map(required, s.questions))) for s in base.sections)
    return replace(base, slug="feeling-safe-journey", title="One required", sections=sections)


def _every_type_definition() -> Definition:
    """The shared sample, which has every kind of question but `single`, plus a `single`."""
    sample = parse_definition(
        {**SAMPLE_DEFINITION, "slug": "every-type", "title": "Every kind of question"}
    )
    single = Question(
        key="heard_from",
        type="single",
        text="Who told you about this survey?",
        options=(Option("teacher", "A teacher"), Option("family", "My family")),
    )
    first, *rest = sample.sections
    first = replace(first, questions=(*first.questions, single))
    return replace(sample, sections=(first, *rest))


QUESTIONNAIRES: dict[str, Callable[[], Definition]] = {
    "child": lambda: library_definition("feeling-safe-8-12"),
    "journey": _journey_definition,
    "every-type": _every_type_definition,
}


class _QuietHandler(WSGIRequestHandler):
    """No line per request: respondent URLs hold link tokens."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


class Live:
    """The running app, and the seeding a test needs to meet a respondent's situations."""

    def __init__(self, app: Flask, origin: str) -> None:
        self.app = app
        self.origin = origin
        self.keys = signing_keys(app)
        self._serial = itertools.count(1)
        with app.app_context():
            library = sync_library(db.session)
            board = Board(slug="riverton", name="Riverton Safeguarding Children Partnership",
                          region=Region(slug="northshire", name="Northshire"),
                          help_contact="Riverton children's services: 01632 960000")  # fmt: skip
            db.session.add(board)
            db.session.flush()
            versions = {"child": library["feeling-safe-8-12"]}
            for name in ("journey", "every-type"):  # the board's own questionnaires
                versions[name] = save_version(db.session, QUESTIONNAIRES[name](), board.id)
            db.session.commit()
            self.board_id, self.board_slug, self.board_name = board.id, board.slug, board.name
            self.versions = {name: version.id for name, version in versions.items()}

    def staff_missing(self) -> str:
        """Why staff journeys cannot run yet, or "" once sign-in and surveys exist."""
        routes = {rule.rule for rule in self.app.url_map.iter_rules()}
        blueprints = {endpoint.split(".")[0] for endpoint in self.app.view_functions}
        missing = [name for name, built in (("/login", "/login" in routes),
                                            ("the surveys blueprint", "surveys" in blueprints))
                   if not built]  # fmt: skip
        return f"staff pages not built yet: {' and '.join(missing)} missing" if missing else ""

    def url(self, path: str) -> str:
        return self.origin + path

    def action(self, survey_id: int | None = None, status: str = "done") -> None:
        """A "you said, we did" action on the seeded board, about a survey or a theme."""
        today = date.today()
        with self.app.app_context():
            db.session.add(Action(
                board_id=self.board_id, survey_id=survey_id, theme="" if survey_id else "Parks",
                you_said="Children said the park is dark.", we_did="New lights in the park.",
                for_children="You said the park is dark. Now it has new lights.",
                acted_on=today, status=status, recorded_on=today,
            ))  # fmt: skip
            db.session.execute(update(Board).values(actions_version=Board.actions_version + 1))
            db.session.commit()

    def link(self, token: str) -> str:
        return f"{self.origin}/r/{token}"

    def survey(self, questionnaire: str = "child", **details: Any) -> int:
        """A new survey on the seeded board, open from yesterday for a month unless told."""
        today = date.today()
        window = {"opens_on": today - timedelta(days=1), "closes_on": today + timedelta(days=30)}
        with self.app.app_context():
            version = db.session.get_one(QuestionnaireVersion, self.versions[questionnaire])
            survey = create_survey(
                db.session, db.session.get_one(Board, self.board_id), version,
                slug=f"{questionnaire}-{next(self._serial)}", title="Feeling safe",
                **{"status": "open", **window, **details},
            )  # fmt: skip
            db.session.commit()
            return survey.id

    def slug(self, survey_id: int) -> str:
        with self.app.app_context():
            return db.session.get_one(Survey, survey_id).slug

    def links(self, survey_id: int, count: int = 1) -> list[str]:
        """Fresh single-use respondent URLs for a survey."""
        with self.app.app_context():
            survey = db.session.get_one(Survey, survey_id)
            tokens = issue_invitations(db.session, self.keys, survey, count)
            db.session.commit()
        return [self.link(token) for token in tokens]

    def open_link(self, survey_id: int, cap: int | None = None, uses: int = 0) -> str:
        """The survey's reusable link, with a cap and a count of uses already made."""
        with self.app.app_context():
            token = open_link_token(db.session, self.keys, db.session.get_one(Survey, survey_id))
            db.session.flush()
            nonce_hash = read_token(self.keys, token).nonce_hash
            db.session.execute(
                update(OpenLink).where(OpenLink.nonce_hash == nonce_hash).values(cap=cap, uses=uses)
            )
            db.session.commit()
        return self.link(token)

    def mark_invitation(self, url: str, **values: bool) -> str:
        """Set used or revoked on the invitation behind a URL, as another visit or staff would."""
        nonce_hash = read_token(self.keys, url.rsplit("/", 1)[1]).nonce_hash
        with self.app.app_context():
            db.session.execute(
                update(Invitation).where(Invitation.nonce_hash == nonce_hash).values(**values)
            )
            db.session.commit()
        return url

    def manager(self, email: str = "manager@riverton.example") -> tuple[str, str]:
        """A manager of the seeded board: (email, password)."""
        with self.app.app_context():
            grant(db.session, email, MANAGER_PASSWORD, "manager", self.board_slug)
            db.session.commit()
        return email, MANAGER_PASSWORD

    def answers(self, survey_id: int) -> list[dict[str, list[str]]]:
        """Each stored response of a survey as {question key: sorted values}."""
        with self.app.app_context():
            stored = db.session.scalars(select(Response).where(Response.survey_id == survey_id))
            return [_by_key(response) for response in stored]


def _by_key(response: Response) -> dict[str, list[str]]:
    values: dict[str, list[str]] = defaultdict(list)
    for answer in response.answers:
        values[answer.question_key].append(answer.value)
    return {key: sorted(items) for key, items in values.items()}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def chromium() -> str:
    """Chromium's path; skip (or fail, under CHORUS_REQUIRE_BROWSER) when it cannot run."""
    path = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    problem = None
    if path is None:
        problem = "Chromium is not installed (apt-get install -y chromium): browser tests skipped"
    elif not all(p.with_name(p.name + ".gz").exists() for p in (STYLESHEET, EXIT_SCRIPT)):
        problem = "the stylesheet or script is not built (run `make assets`): browser tests skipped"
    if problem is None:
        return str(path)
    if os.environ.get("CHORUS_REQUIRE_BROWSER"):
        pytest.fail(f"CHORUS_REQUIRE_BROWSER is set but {problem}", pytrace=False)
    pytest.skip(problem)


@pytest.fixture(scope="session")
def live(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """The app served on a free loopback port from a thread, with a fresh SQLite database."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'chorus.sqlite'}"
    app = create_app({"TESTING": False, "SECRET_KEY": TEST_KEY, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        Base.metadata.create_all(db.engine)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    origin = f"http://127.0.0.1:{server.server_port}"
    app.config["CHORUS_BASE_URL"] = origin
    thread = threading.Thread(target=server.serve_forever, name="chorus-live", daemon=True)
    thread.start()
    try:
        yield Live(app, origin)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """new_page(javascript=True, width=360, height=800, phone=True): a page in a fresh context."""
    contexts: list[BrowserContext] = []

    def make(
        javascript: bool = True, width: int = 360, height: int = 800, phone: bool = True
    ) -> Page:
        context = browser.new_context(
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
            **(PHONE if phone else {}),
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    """A phone-sized touch page with JavaScript on."""
    return new_page()


def axe_violations(page: Page, where: str) -> str:
    """What axe finds at WCAG 2.2 A and AA as readable lines (rule, help, each failing
    element), or "" when it finds nothing."""
    violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    lines = [f"{len(violations)} accessibility violation(s) on {where}:"] if violations else []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}\n  {v['helpUrl']}")
        lines += [f"    at {' '.join(map(str, node['target']))}: {node['html'][:160]}\n"
                  f"      {node.get('failureSummary', '').replace(chr(10), ' ')}"
                  for node in v["nodes"]]  # fmt: skip
    return "\n".join(lines)


def assert_accessible(page: Page, where: str) -> None:
    report = axe_violations(page, where)
    assert not report, report
