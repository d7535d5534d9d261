"""Boards never see each other: every staff route answers another board's manager with 404.

The walk covers every rule in the URL map under /boards/ and /admin/, so a route added
later is checked without anyone remembering to add it here.
"""

import re
import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from werkzeug.routing import AnyConverter, IntegerConverter, Rule

from app.links.export import seal
from app.links.service import issue_invitations, open_link_token, signing_keys
from app.models import (
    Action,
    AuditEvent,
    ContactRequest,
    CourseSession,
    Flag,
    Invitation,
    LinkBatch,
    OpenLink,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    Survey,
    User,
)
from app.questionnaires.definition import parse_definition
from app.questionnaires.store import save_version, sync_library
from app.security.personal import sealer
from app.training.courses import CourseDetails, SessionDetails, new_course, plan_session
from tests.app.test_links import QR_IMG, answer_survey, slip_urls
from tests.app.test_respond import answer_all
from tests.conftest import SAMPLE_DEFINITION
from tests.helpers import hidden_fields, page_text

WALKED = ("/boards/", "/admin/")
TODAY = date.today()


OBJECT_KINDS = ("survey", "batch", "questionnaire", "board", "region", "user", "action")


@dataclass
class World:
    """One board with something behind every kind of id a staff route can take."""

    values: dict[str, object]
    sealed: str
    owner: User
    # The board's safeguarding reviewer: the review queue is theirs, not the manager's.
    reviewer: User

    def with_values(self, **changes: object) -> "World":
        return replace(self, values={**self.values, **changes})

    def value(self, name: str, converter: object) -> object:
        """A URL value for a rule argument; unknown names are matched by the kind they name."""
        if isinstance(converter, AnyConverter):
            return sorted(converter.items)[0]
        if name in self.values:
            return self.values[name]
        number = isinstance(converter, IntegerConverter)
        kind = next((kind for kind in OBJECT_KINDS if kind in name), None)
        if kind is None:
            return 1 if number else "x"
        return self.values[f"{kind}_id" if number else f"{kind}_slug"]


@pytest.fixture
def make_world(app, db, make_board, make_user, make_survey):
    """A board with a manager, an answered survey, a batch, an open link, its own questionnaire."""

    def make(slug: str) -> World:
        board = make_board(slug)
        owner = make_user(f"manager@{slug}.example", "manager", board)
        survey = make_survey(board=board)
        own = save_version(db.session, parse_definition(SAMPLE_DEFINITION), board.id)
        tokens = issue_invitations(db.session, signing_keys(app), survey, 3, "Year 6")
        open_link_token(db.session, signing_keys(app), survey)
        db.session.commit()
        answer_all(app.test_client(), tokens[0])
        batch = db.session.scalars(select(LinkBatch).where(LinkBatch.survey_id == survey.id)).one()
        action = Action(board_id=board.id, survey_id=survey.id, you_said="Said", we_did="Did",
                        for_children="We did it.", acted_on=TODAY, recorded_on=TODAY)  # fmt: skip
        db.session.add(action)
        db.session.commit()
        held = _course_session(app, db, board, owner)
        reviewer = make_user(f"reviewer@{slug}.example", "reviewer", board)
        flag, asked = _safeguarding_items(db, board, survey)
        values = {
            "board_slug": board.slug, "board_id": board.id, "region_slug": board.region.slug,
            "region_id": board.region_id, "survey_slug": survey.slug, "survey_id": survey.id,
            "batch_id": batch.id, "questionnaire_id": own.questionnaire_id,
            "user_id": owner.id, "question_key": "safe_school", "page": 1,
            "action_id": action.id,
            "course_id": held.course_id, "session_id": held.id, "phase": "before",
            "flag_id": flag, "request_id": asked,
        }  # fmt: skip
        return World(values, seal(signing_keys(app), batch.id, tokens), owner, reviewer)

    return make


def _course_session(app, db, board, owner) -> CourseSession:  # type: ignore[no-untyped-def]
    """A training course of the board with one session, so training routes lead somewhere."""
    details = CourseDetails("Spotting neglect", ["Recognise neglect"], "", "Sam Lead", 12, 4)
    course = new_course(db.session, sealer(app), board, owner, details)
    place = SessionDetails(TODAY + timedelta(days=7), "Jo Trainer", False, "Town Hall", 20)
    held = plan_session(db.session, signing_keys(app), course, place, TODAY)
    db.session.commit()
    return held


def _safeguarding_items(db, board, survey) -> tuple[uuid.UUID, uuid.UUID]:  # type: ignore[no-untyped-def]
    """A flag on the board's response and a request for contact, for the review routes."""
    response_id = db.session.scalars(
        select(Response.id).where(Response.survey_id == survey.id)
    ).one()
    flag = Flag(response_id=response_id, survey_id=survey.id, flagged_on=TODAY, context="Open link",
                categories=["physical"], words=["hits me"], questions=[])  # fmt: skip
    asked = ContactRequest(board_id=board.id, made_on=TODAY, story="sealed", reach_by="school",
                           reach_at="sealed", safe_time="sealed")  # fmt: skip
    db.session.add_all([flag, asked])
    db.session.commit()
    return flag.id, asked.id


@pytest.fixture
def victim(make_world) -> World:
    return make_world("riverton")


@pytest.fixture
def intruder(db, make_board, make_user, make_survey, staff_client):
    board = make_board("hillford")
    make_survey(board=board)
    return staff_client(make_user("manager@hillford.example", "manager", board))


def snapshot(db) -> tuple:
    """Everything a refused request must leave exactly as it was."""
    counts = tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Survey, LinkBatch, Invitation, OpenLink, Response, Questionnaire,
                      QuestionnaireVersion, User)
    )  # fmt: skip
    surveys = db.session.execute(
        select(Survey.slug, Survey.status, Survey.title, Survey.closes_on, Survey.version_id)
        .order_by(Survey.id)
    ).all()  # fmt: skip
    batches = db.session.execute(select(LinkBatch.id, LinkBatch.revoked)).all()
    users = db.session.execute(select(User.id, User.active, User.session_version)).all()
    actions = db.session.execute(select(Action.id, Action.status, Action.we_did)).all()
    return counts, surveys, batches, users, actions


def walked_rules(app) -> list[Rule]:
    return sorted(
        (rule for rule in app.url_map.iter_rules() if rule.rule.startswith(WALKED)),
        key=lambda rule: rule.rule,
    )


def path_of(rule: Rule, world: World) -> str:
    converters = getattr(rule, "_converters", {})
    values = {name: world.value(name, converters.get(name)) for name in rule.arguments}
    built = rule.build(values, append_unknown=False)
    assert built is not None, rule.rule
    return built[1]


def body_for(world: World, csrf_token: str) -> dict[str, str]:
    """A plausible body for any form, every id in it pointing at the world's things."""
    return {
        "csrf_token": csrf_token, "count": "5", "label": "taken", "sealed": world.sealed,
        "title": "Taken over", "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + timedelta(days=9)).isoformat(),
        "questionnaire": str(world.values["questionnaire_id"]),
        "membership": "1", "role": "manager", "board": str(world.values["board_id"]),
    }  # fmt: skip


def attacks(app, victim: World, own: World) -> list[tuple[Rule, str, str]]:
    """(rule, method, path): the victim's board in the URL; then the intruder's own board
    with the victim's survey; then the intruder's own board and survey with the victim's
    other ids. Each rule is tried wherever the URL names something of the victim's."""
    theirs_in_mine = victim.with_values(board_slug=own.values["board_slug"])
    deepest = theirs_in_mine.with_values(survey_slug=own.values["survey_slug"])
    found: dict[tuple[str, str], tuple[Rule, str, str]] = {}
    for rule in walked_rules(app):
        # A fixed choice (a download's format) names nothing of the victim's.
        converters = getattr(rule, "_converters", {})
        names = {n for n in rule.arguments if not isinstance(converters.get(n), AnyConverter)}
        worlds = [victim]
        if names - {"board_slug"} and "board_slug" in names:
            worlds.append(theirs_in_mine)
        if names - {"board_slug", "survey_slug"} and "survey_slug" in names:
            worlds.append(deepest)
        for world in worlds:
            path = path_of(rule, world)
            for method in sorted(rule.methods & {"GET", "POST"}):
                found.setdefault((method, path), (rule, method, path))
    return list(found.values())


def test_the_walk_covers_the_staff_routes(app):
    endpoints = {rule.endpoint for rule in walked_rules(app)}
    expected = {"boards.home", "surveys.new", "surveys.show", "surveys.edit", "surveys.pause",
                "surveys.open_survey", "surveys.close", "surveys.reopen", "surveys.copy",
                "links.index", "links.create", "links.download", "links.confirm_revoke",
                "links.revoke", "links.poster", "links.make_open"}  # fmt: skip
    assert expected <= endpoints


def test_another_boards_manager_gets_404_on_every_staff_route(app, db, victim, make_world,
                                                              staff_client):  # fmt: skip
    own = make_world("hillford")
    intruder = staff_client(own.owner)
    body = body_for(victim, hidden_fields(intruder.get("/boards/hillford").data)["csrf_token"])
    before = snapshot(db)
    adapter = app.url_map.bind("localhost")
    reached = []
    tried = attacks(app, victim, own)
    for rule, method, path in tried:
        assert adapter.match(path, method=method)[0] == rule.endpoint, path
        response = intruder.open(path, method=method, data=body if method == "POST" else None)
        if response.status_code != 404:
            reached.append(f"{method} {path}: {response.status_code}")
    assert reached == [], "reachable from another board:\n" + "\n".join(reached)
    assert len(tried) >= 30
    assert snapshot(db) == before
    changes = select(AuditEvent.action).where(
        AuditEvent.action.regexp_match("^(survey|links|action)\\.")
    )
    assert db.session.scalars(changes).all() == []


def test_another_boards_reviewer_gets_404_on_every_safeguarding_route(
    app, db, victim, make_world, staff_client
):
    own = make_world("hillford")
    intruder = staff_client(own.reviewer)
    body = body_for(victim, hidden_fields(intruder.get("/boards/hillford").data)["csrf_token"])
    before = snapshot(db), db.session.execute(select(Flag.id, Flag.outcome)).all()
    tried = [a for a in attacks(app, victim, own) if a[0].endpoint.startswith("safeguarding.")]
    reached = [
        f"{method} {path}"
        for _, method, path in tried
        if intruder.open(path, method=method, data=body if method == "POST" else None).status_code
        != 404
    ]
    assert reached == [] and len(tried) >= 8
    assert (snapshot(db), db.session.execute(select(Flag.id, Flag.outcome)).all()) == before


def test_every_walked_url_works_for_its_own_boards_manager(app, db, make_world, staff_client):
    """So the 404s above come from the board check, not from URLs that lead nowhere."""
    failed = []
    for number, rule in enumerate(r for r in walked_rules(app) if r.rule.startswith("/boards/")):
        for method in sorted(rule.methods & {"GET", "POST"}):
            world = make_world(f"owner{number}{method.lower()}")  # a fresh board: POSTs change it
            reviews = rule.endpoint.startswith("safeguarding.")
            owner = staff_client(world.reviewer if reviews else world.owner)
            token = hidden_fields(owner.get(f"/boards/{world.values['board_slug']}").data)
            data = body_for(world, token["csrf_token"]) if method == "POST" else None
            status = owner.open(path_of(rule, world), method=method, data=data).status_code
            if status == 404 or status >= 500:
                failed.append(f"{method} {rule.rule}: {status}")
    assert failed == []


def test_the_board_list_shows_only_the_users_boards(victim, intruder):
    own = intruder.get("/boards")
    assert own.status_code == 302 and own.headers["Location"] == "/boards/hillford"
    home = page_text(intruder.get("/boards/hillford"))
    assert "Hillford Partnership" in home and "Riverton" not in home


def test_done_when_a_class_set_of_slips_brings_an_answer_the_other_board_cannot_see(
    app, db, make_board, make_user, staff_client, intruder
):
    """Issue 3: a manager sets up a library survey, prints 30 slips, a child answers from one,
    the count goes up; the other board's manager cannot reach any of it."""
    versions = sync_library(db.session)
    board = make_board("riverton")
    db.session.commit()
    manager = staff_client(make_user("manager@riverton.example", "manager", board))
    token = hidden_fields(manager.get("/boards/riverton/surveys/new").data)["csrf_token"]
    made = manager.post("/boards/riverton/surveys/new", data={
        "csrf_token": token, "questionnaire": str(versions["feeling-safe-8-12"].questionnaire_id),
        "title": "Feeling safe at school", "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + timedelta(days=28)).isoformat(),
    })  # fmt: skip
    assert made.status_code == 303
    survey_url = made.headers["Location"]
    assert manager.post(f"{survey_url}/open", data={"csrf_token": token}).status_code == 303
    batch_form = {"csrf_token": token, "count": "30", "label": "Class 6B"}
    slips = manager.post(f"{survey_url}/links/batches", data=batch_form)
    assert slips.get_data(as_text=True).count(QR_IMG) == 30
    urls = slip_urls(slips)
    assert len(urls) == 30
    assert 'id="responses-total">0<' in manager.get(survey_url).get_data(as_text=True)

    child = app.test_client()
    survey = db.session.scalars(select(Survey).where(Survey.board_id == board.id)).one()
    thanks = answer_survey(child, urls[7].rsplit("/", 1)[1], survey)
    assert "Your answers have been sent" in page_text(thanks)

    page = page_text(manager.get(survey_url))
    assert 'id="responses-total">1<' in page
    assert "1 of 30 handed out have been used: 3% complete" in page
    home = page_text(manager.get("/boards/riverton"))
    assert re.search(r"Feeling safe at school.*?numeric\">1</td>\s*<td[^>]*>30</td>", home, re.S)

    batch = db.session.scalars(select(LinkBatch)).one()
    intruder_token = hidden_fields(intruder.get("/boards/hillford").data)["csrf_token"]
    for path in ("/boards/riverton", survey_url, f"{survey_url}/links/", f"{survey_url}/links/open",
                 f"{survey_url}/links/batches/{batch.id}/revoke"):  # fmt: skip
        assert intruder.get(path).status_code == 404, path
    sealed = {**hidden_fields(slips.data), "csrf_token": intruder_token}
    download = intruder.post(f"{survey_url}/links/batches/{batch.id}/csv", data=sealed)
    assert download.status_code == 404
    closing = intruder.post(f"{survey_url}/close", data={"csrf_token": intruder_token})
    assert closing.status_code == 404
    db.session.refresh(survey)
    assert survey.status == "open"
