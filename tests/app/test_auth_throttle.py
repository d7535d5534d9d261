"""Sign-in throttling: 10 attempts a minute per client and per account, then a lockout that
backs off, says when it lifts, reads the same for every address and cannot shut anyone out.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.auth.lockout import CLIENT, MAX_LOCK, lock_length
from app.models import AuditEvent, SignInThrottle, User
from tests.app.auth_steps import PASSWORD, at, post_form, sign_in
from tests.helpers import page_text

LIMITED = "Too many sign-in attempts"
PAUSED = re.compile(
    r"Signing in to this account is paused after too many wrong attempts\. "
    r"Try again in (\d+) minutes? \(after \d\d:\d\d UK time\)\."
)


@pytest.fixture
def manager(make_user, make_board) -> User:
    return make_user("lead@riverton.example", "manager", make_board("riverton"))


def test_the_11th_attempt_in_a_minute_from_one_client_is_refused(app, manager):
    client = at(app.test_client(), "203.0.113.7")
    for n in range(10):
        assert sign_in(client, f"person{n}@riverton.example", "wrong guess").status_code == 422
    refused = sign_in(client, manager.email)
    assert refused.status_code == 429
    assert LIMITED in page_text(refused)
    with client.session_transaction() as session:
        assert "_user_id" not in session
    other_client = at(app.test_client(), "198.51.100.1")
    assert sign_in(other_client, manager.email).status_code == 302


def test_the_11th_attempt_in_a_minute_on_one_account_is_refused(app, manager):
    for n in range(10):
        client = at(app.test_client(), f"192.0.2.{n + 1}")
        assert sign_in(client, "Lead@Riverton.example", "wrong guess").status_code in (422, 429)
    refused = sign_in(at(app.test_client(), "192.0.2.99"), manager.email)
    assert refused.status_code == 429
    assert LIMITED in page_text(refused)


def test_failures_lock_the_account_with_a_time_it_unlocks(app, db, client, manager):
    statuses = [sign_in(client, manager.email, f"wrong guess {n}").status_code for n in range(5)]
    assert statuses == [422, 422, 422, 422, 429]
    locked = sign_in(client, manager.email)  # even the right password waits
    assert locked.status_code == 429
    assert PAUSED.search(page_text(locked)).group(1) == "1"
    with client.session_transaction() as session:
        assert "_user_id" not in session
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert actions.count("sign-in-failed") == 5 and "sign-in-refused-locked" in actions


def test_the_lock_reads_the_same_for_an_unknown_address(client):
    for n in range(4):
        sign_in(client, "nobody@riverton.example", f"wrong guess {n}")
    locked = sign_in(client, "nobody@riverton.example", "wrong guess 5")
    assert locked.status_code == 429
    assert PAUSED.search(page_text(locked))


def account_bucket(db) -> SignInThrottle:  # type: ignore[no-untyped-def]
    query = select(SignInThrottle).where(SignInThrottle.key_hash.not_like("client:%"))
    return db.session.scalars(query).one()


def test_the_lock_lifts_by_itself_and_a_success_clears_it(app, db, client, manager):
    for n in range(5):
        sign_in(client, manager.email, f"wrong guess {n}")
    row = account_bucket(db)
    assert manager.email not in row.key_hash
    row.locked_until = datetime.now(UTC) - timedelta(seconds=1)
    db.session.commit()
    assert sign_in(client, manager.email).status_code == 302
    keys = db.session.scalars(select(SignInThrottle.key_hash)).all()
    assert len(keys) == 1 and keys[0].startswith("client:")  # the client's count stays


def test_backoff_doubles_and_stops_at_15_minutes():
    assert [lock_length(n).total_seconds() / 60 for n in range(1, 11)] == [
        0,
        0,
        0,
        0,
        1,
        2,
        4,
        8,
        15,
        15,
    ]
    assert lock_length(10_000) == MAX_LOCK
    assert lock_length(19, CLIENT) == timedelta(0) and lock_length(20, CLIENT).seconds == 60


def test_the_next_failure_after_a_lock_backs_off_further(db, client, manager):
    for n in range(5):
        sign_in(client, manager.email, f"wrong guess {n}")
    row = account_bucket(db)
    row.locked_until = datetime.now(UTC) - timedelta(seconds=1)
    db.session.commit()
    again = sign_in(client, manager.email, "wrong guess 6")
    assert PAUSED.search(page_text(again)).group(1) == "2"


NETWORK_PAUSED = "Signing in from your network is paused after too many wrong attempts."


def test_many_failures_from_one_client_pause_it_whatever_the_address(app, manager):
    app.config["SIGN_IN_LIMIT"] = "100 per minute"
    client = at(app.test_client(), "203.0.113.50")
    for n in range(19):
        assert sign_in(client, f"person{n}@riverton.example", "wrong guess").status_code == 422
    assert sign_in(client, manager.email).status_code == 302  # a success does not reset it
    post_form(client, "/logout", {}, page="/account")
    twentieth = sign_in(client, "person20@riverton.example", "wrong guess")
    assert twentieth.status_code == 429 and NETWORK_PAUSED in page_text(twentieth)
    fresh = at(app.test_client(), "203.0.113.50")
    assert NETWORK_PAUSED in page_text(sign_in(fresh, manager.email))
    assert sign_in(client, manager.email).status_code == 302  # this browser is known
    assert sign_in(at(app.test_client(), "198.51.100.3"), manager.email).status_code == 302


def test_an_attacker_cannot_lock_out_a_browser_that_signed_in_before(app, manager):
    usual = at(app.test_client(), "198.51.100.20")
    assert sign_in(usual, manager.email).status_code == 302
    post_form(usual, "/logout", {}, page="/account")
    attacker = at(app.test_client(), "203.0.113.66")
    for n in range(10):
        sign_in(attacker, manager.email, f"wrong guess {n}")
    assert sign_in(attacker, manager.email).status_code == 429
    assert sign_in(usual, manager.email).status_code == 302


def test_a_forged_device_cookie_is_ignored(app, manager):
    attacker = at(app.test_client(), "203.0.113.66")
    attacker.set_cookie("chorus-device", "eyJhIjoiZm9yZ2VkIn0.forged.signature")
    for n in range(5):
        sign_in(attacker, manager.email, f"wrong guess {n}")
    assert sign_in(attacker, manager.email).status_code == 429


def test_sign_in_throttle_is_separate_from_the_link_guess_throttle(app, make_survey, make_links):
    token = make_links(make_survey())[0]
    client = at(app.test_client(), "203.0.113.9")
    for n in range(10):
        sign_in(client, f"person{n}@riverton.example", "wrong guess")
    assert sign_in(client, "x@riverton.example", "wrong guess").status_code == 429
    assert client.get(f"/r/{token}").status_code == 200
    assert client.get("/r/not-a-real-token").status_code == 404


def test_the_password_is_never_stored_or_audited(db, client, manager):
    sign_in(client, manager.email, "my secret guess 1")
    sign_in(client, manager.email, PASSWORD)
    for event in db.session.scalars(select(AuditEvent)):
        assert "guess" not in event.target and PASSWORD not in event.target
