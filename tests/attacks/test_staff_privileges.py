"""Privilege escalation inside a board and mass assignment, from the attacker's chair: a
lesser role posting a manager's actions gets 404 and changes nothing; fields a form does
not offer are ignored, whoever posts them.

Another board's manager on every route is walked in tests/app/test_isolation.py, and
non-admins on every admin route in tests/app/test_admin.py.
"""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.accounts.service import grant
from app.models import Board, LinkBatch, Membership, Questionnaire, Survey, User
from app.questionnaires.store import sync_library
from tests.app.test_isolation import (  # noqa: F401  (make_world is a fixture)
    body_for,
    make_world,
    path_of,
    snapshot,
    walked_rules,
)
from tests.app.test_respond import PAGE_TWO
from tests.helpers import hidden_fields

TODAY = date.today()
# What every role that reads a board may open; everything else under /boards/ is a manager's.
READS = {("GET", "boards.home"), ("GET", "surveys.show")}
# Results and the evidence pack are for analysts and trainers too; analysts keep the codebook.
RESULTS = {("GET", "results.survey"), ("GET", "results.evidence"), ("GET", "results.course"),
           ("GET", "results.session")}  # fmt: skip
CODEBOOK = {("GET", "results.codebook"), ("POST", "results.codebook")}
# Training: analysts and trainers see courses; trainers set them up (manager's work too).
TRAINING_READS = {("GET", f"training.{name}") for name in ("index", "show", "session", "poster")}
TRAINING_EDITS = {(method, f"training.{name}") for name in ("new_course", "new_session")
                  for method in ("GET", "POST")}  # fmt: skip
# The review queue is the reviewers' own (and its settings also the managers').
REVIEWS = {
    (method, f"safeguarding.{name}")
    for name in ("queue", "reviewed", "flag", "contact_request", "settings")
    for method in ("GET", "POST")
}
READS_BY_ROLE = {
    "analyst": READS | RESULTS | TRAINING_READS | CODEBOOK,
    "trainer": READS | RESULTS | TRAINING_READS | TRAINING_EDITS,
    "reviewer": READS | REVIEWS,
    "regional": set(),
}
LESSER = ["analyst", "reviewer", "trainer", "regional"]


def csrf(client, url: str) -> str:  # type: ignore[no-untyped-def]
    return hidden_fields(client.get(url).data)["csrf_token"]


@pytest.fixture
def lesser(db, staff_client):  # type: ignore[no-untyped-def]
    def make(role: str):  # type: ignore[no-untyped-def]
        scope = "northshire" if role == "regional" else "riverton"
        user = grant(
            db.session, f"{role}@riverton.example", "correct horse battery staple", role, scope
        )
        db.session.commit()
        return staff_client(user)

    return make


@pytest.mark.parametrize("role", LESSER)
def test_a_lesser_role_cannot_reach_a_managers_action(app, db, make_world, lesser, role):  # noqa: F811
    world = make_world("riverton")
    client = lesser(role)
    body = body_for(world, csrf(client, "/account"))
    before = snapshot(db)
    reached, seen = [], []
    for rule in (r for r in walked_rules(app) if r.rule.startswith("/boards/")):
        for method in sorted((rule.methods or set()) & {"GET", "POST"}):
            path = path_of(rule, world)
            response = client.open(path, method=method, data=body if method == "POST" else None)
            readable = (method, rule.endpoint) in READS_BY_ROLE[role]
            # The analyst's codebook post lacks its field here, so it is refused as invalid.
            allowed = {200, 422} if readable and method == "POST" else {200 if readable else 404}
            if response.status_code not in allowed:
                reached.append(f"{method} {path}: {response.status_code}")
            seen.append(response.get_data(as_text=True))
    assert reached == [] and len(seen) >= 30
    assert snapshot(db) == before
    # Counts only: no single answer, and never what a child wrote (a reviewer sees only what
    # was flagged, and nothing here was).
    assert not any(PAGE_TWO["safer"] in page or PAGE_TWO["nickname"] in page for page in seen)


# Mass assignment


@pytest.fixture
def world(db, make_board, make_user, make_survey, staff_client):  # type: ignore[no-untyped-def]
    board, other = make_board("riverton"), make_board("hillford")
    theirs = make_survey(board=other, status="draft")
    manager = staff_client(make_user("lead@riverton.example", "manager", board))
    admin = staff_client(make_user("admin@chorus.example", "admin"))
    sync_library(db.session)
    db.session.commit()
    return board, other, theirs, manager, admin


def extras(other: Board, theirs: Survey) -> dict[str, str]:
    """Fields no staff form offers, set to take over something."""
    return {
        "board_id": str(other.id),
        "board": "hillford",
        "board_slug": "hillford",
        "survey_id": str(theirs.id),
        "id": str(theirs.id),
        "status": "open",
        "revoked": "1",
        "role": "admin",
        "is_admin": "1",
        "active": "0",
        "slug": "takeover",
        "audience": "training",
        "version_id": "1",
        "session_version": "99",
        "must_change_password": "0",
        "region_id": "999",
    }


def test_extra_fields_on_a_new_and_an_edited_survey_are_ignored(db, world):
    board, other, theirs, manager, _ = world
    qid = db.session.scalar(select(Survey.version_id).where(Survey.id == theirs.id))
    data = {
        **extras(other, theirs),
        "csrf_token": csrf(manager, "/boards/riverton/surveys/new"),
        "questionnaire": str(_library_id(db)),
        "title": "Ours",
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + timedelta(days=9)).isoformat(),
    }
    assert manager.post("/boards/riverton/surveys/new", data=data).status_code == 303
    ours = db.session.scalars(select(Survey).where(Survey.title == "Ours")).one()
    assert (ours.board_id, ours.status, ours.audience) == (board.id, "draft", "child")
    assert ours.slug != "takeover" and ours.version_id != qid
    url = f"/boards/riverton/surveys/{ours.slug}"
    data = {**data, "csrf_token": csrf(manager, f"{url}/edit"), "title": "Ours, renamed"}
    assert manager.post(f"{url}/edit", data=data).status_code == 303
    db.session.expire_all()
    assert (ours.title, ours.board_id, ours.status, ours.slug) == (
        "Ours, renamed",
        board.id,
        "draft",
        ours.slug,
    )
    assert (theirs.title, theirs.status, theirs.board_id) == ("Feeling safe", "draft", other.id)


def _library_id(db) -> int:  # type: ignore[no-untyped-def]
    query = select(Questionnaire.id).where(Questionnaire.slug == "feeling-safe-8-12")
    return db.session.scalars(query).one()


def test_extra_fields_on_a_new_batch_are_ignored(db, world, make_survey, make_links):
    board, other, theirs, manager, _ = world
    ours = make_survey(board=board)
    make_links(theirs)
    links = f"/boards/riverton/surveys/{ours.slug}/links/"
    data = {**extras(other, theirs), "csrf_token": csrf(manager, links), "count": "3"}
    assert manager.post(f"{links}batches", data=data).status_code == 200
    made = db.session.scalars(select(LinkBatch).order_by(LinkBatch.id.desc())).first()
    assert (made.survey_id, made.revoked, made.size) == (ours.id, False, 3)
    theirs_batches = select(LinkBatch.size).where(LinkBatch.survey_id == theirs.id)
    assert db.session.scalars(theirs_batches).all() == [1]


def test_extra_fields_on_admin_forms_grant_nothing_more(db, world):
    board, other, theirs, _, admin = world
    data = {
        **extras(other, theirs),
        "csrf_token": csrf(admin, "/admin/accounts/new"),
        "email": "new@riverton.example",
        "role": "analyst",
        "board": str(board.id),
    }
    assert admin.post("/admin/accounts/new", data=data).status_code == 200
    user = db.session.scalars(select(User).where(User.email == "new@riverton.example")).one()
    assert not user.is_admin and user.active and user.must_change_password
    assert user.session_version == 1
    assert [(m.role, m.board_id) for m in user.memberships] == [("analyst", board.id)]
    boards = {
        "csrf_token": csrf(admin, "/admin/boards"),
        "name": "New",
        "slug": "newboard",
        "region": str(board.region_id),
        "id": str(other.id),
        "region_id": "999",
    }
    assert admin.post("/admin/boards", data=boards).status_code == 302
    made = db.session.scalars(select(Board).where(Board.slug == "newboard")).one()
    assert made.region_id == board.region_id and made.id != other.id
    assert db.session.get(Board, other.id).name == "Hillford Partnership"


def test_extra_fields_on_a_password_change_change_only_the_password(db, staff_client, world):
    board, other, theirs, _, _ = world
    user = db.session.scalars(select(User).where(User.email == "lead@riverton.example")).one()
    client = staff_client(user)
    data = {
        **extras(other, theirs),
        "csrf_token": csrf(client, "/account/password"),
        "email": "admin@chorus.example",
        "current": "correct horse battery staple",
        "new": "a brand new long passphrase",
        "confirm": "a brand new long passphrase",
    }
    assert client.post("/account/password", data=data).status_code == 302
    db.session.expire_all()
    assert user.email == "lead@riverton.example" and not user.is_admin and user.active
    roles = select(Membership.role, Membership.board_id).where(Membership.user_id == user.id)
    assert db.session.execute(roles).all() == [("manager", board.id)]
