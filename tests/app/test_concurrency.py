"""Many submissions at once: a single-use link is spent exactly once, nothing half-stored."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select, text

from app.models import Answer, Invitation, Response
from app.respond import submission
from tests.helpers import hidden_fields

ONE_PAGE = {
    "slug": "quick-check",
    "title": "Quick check",
    "audience": "practitioner",
    "version": 1,
    "summary": "One page",
    "intro": "A quick question about the new guide.",
    "sections": [
        {
            "title": "The new guide",
            "questions": [
                {"key": "useful", "type": "rating", "text": "How useful is it?", "required": True},
                {"key": "comment", "type": "long_text", "text": "Anything else?"},
            ],
        }
    ],
}
ANSWERS = {"useful": "8", "comment": "Clear and short"}
CLIENTS = 20


def stored(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Response))


def post_all_at_once(app, token: str, forms: list[dict], clients: list) -> list[int]:
    barrier = threading.Barrier(len(forms))

    def post(index: int) -> int:
        barrier.wait()
        return (
            clients[index].post(f"/r/{token}?page=1", data={**forms[index], **ANSWERS}).status_code
        )

    with ThreadPoolExecutor(len(forms)) as pool:
        return list(pool.map(post, range(len(forms))))


def test_twenty_devices_racing_one_link_store_one_response(app, db, make_survey, make_links):
    token = make_links(make_survey(ONE_PAGE))[0]
    clients = [app.test_client() for _ in range(CLIENTS)]
    forms = [hidden_fields(c.get(f"/r/{token}").data) for c in clients]
    codes = post_all_at_once(app, token, forms, clients)
    assert sorted(codes) == [200] + [409] * (CLIENTS - 1)
    assert stored(db) == 1
    assert db.session.scalar(select(Invitation.used)) is True


def test_a_double_tap_twenty_times_stores_one_and_thanks_every_time(
    app, db, make_survey, make_links
):
    token = make_links(make_survey(ONE_PAGE))[0]
    first = app.test_client()
    fields = hidden_fields(first.get(f"/r/{token}").data)
    cookie = first.get_cookie("session")
    assert cookie is not None
    clients = []
    for _ in range(CLIENTS):  # the same browser: same cookie, same form
        clone = app.test_client()
        clone.set_cookie("session", cookie.value)
        clients.append(clone)
    codes = post_all_at_once(app, token, [fields] * CLIENTS, clients)
    assert codes == [200] * CLIENTS
    assert stored(db) == 1


def test_open_link_under_load_stores_every_response(app, db, make_survey, make_open_link):
    token = make_open_link(make_survey(ONE_PAGE))
    clients = [app.test_client() for _ in range(CLIENTS)]
    forms = [hidden_fields(c.get(f"/r/{token}").data) for c in clients]
    codes = post_all_at_once(app, token, forms, clients)
    assert codes == [200] * CLIENTS
    assert stored(db) == CLIENTS


def test_a_survey_cap_holds_under_a_rush(app, db, make_survey, make_open_link):
    # A cap takes the transactional path on every engine: the survey row is locked first.
    token = make_open_link(make_survey(ONE_PAGE, cap=5))
    clients = [app.test_client() for _ in range(CLIENTS)]
    forms = [hidden_fields(c.get(f"/r/{token}").data) for c in clients]
    codes = post_all_at_once(app, token, forms, clients)
    assert sorted(codes) == [200] * 5 + [409] * (CLIENTS - 5)
    assert stored(db) == 5


def fail_partway(monkeypatch, engine: str) -> None:
    """Make the next submission fail after its link is spent and before it is finished."""
    if engine == "postgresql":
        # One statement: the answers are written only from the link's spent row, and an
        # over-long question key makes the database reject that part of the statement.
        original_values = submission.answer_values

        def values_then_too_long(answers, questions):  # type: ignore[no-untyped-def]
            yield from original_values(answers, questions)
            yield submission.AnswerRow("k" * 81, "too long for its column", None, None)

        monkeypatch.setattr(submission, "answer_values", values_then_too_long)
        return
    original = submission._spend_link

    def spend_then_fail(connection, admission) -> None:  # type: ignore[no-untyped-def]
        original(connection, admission)
        raise RuntimeError("power cut")

    monkeypatch.setattr(submission, "_spend_link", spend_then_fail)


def test_failure_mid_submission_rolls_back_and_the_link_still_works(
    app, db, make_survey, make_links, monkeypatch
):
    token = make_links(make_survey(ONE_PAGE))[0]
    fail_partway(monkeypatch, db.engine.dialect.name)
    client = app.test_client()
    fields = hidden_fields(client.get(f"/r/{token}").data)
    assert client.post(f"/r/{token}?page=1", data={**fields, **ANSWERS}).status_code == 500
    assert stored(db) == 0
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 0
    assert db.session.scalar(select(Invitation.used)) is False
    monkeypatch.undo()
    retry = client.post(f"/r/{token}?page=1", data={**fields, **ANSWERS})
    assert retry.status_code == 200
    assert stored(db) == 1
    assert db.session.scalar(select(func.count()).select_from(Answer)) == len(ANSWERS)


def test_sqlite_runs_in_wal_mode(db):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
