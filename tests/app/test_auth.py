"""Staff sign-in and sessions: new sessions, timeouts, sign-out, cookies and safe redirects."""

import time

import pytest
from sqlalchemy import select

from app import create_app
from app.auth.sessions import safe_next
from app.models import AuditEvent, User
from tests.app.auth_steps import PASSWORD, post_form, sign_in
from tests.conftest import TEST_KEY
from tests.helpers import hidden_fields, page_text

WRONG = "The email address or password is not right. Check them and try again."


@pytest.fixture
def manager(make_user, make_board) -> User:
    return make_user("lead@riverton.example", "manager", make_board("riverton"))


def events(db, action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_login_page_labels_every_field(client):
    page = client.get("/login")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<label class="govuk-label govuk-label--s" for="email">Email address</label>' in html
    assert 'for="password">Password</label>' in html
    assert 'autocomplete="current-password"' in html
    assert "<script" not in html


def test_sign_in_starts_a_new_session(client, manager):
    with client.session_transaction() as planted:
        planted["fixed"] = "attacker's session"
    response = sign_in(client, manager.email)
    assert response.status_code == 302
    with client.session_transaction() as session:
        assert "fixed" not in session
        assert session["_user_id"] == manager.get_id()
        assert session["signed_in_at"] == pytest.approx(time.time(), abs=5)


def test_sign_in_is_audited(client, db, manager):
    sign_in(client, manager.email)
    (event,) = events(db, "sign-in")
    assert event.actor_id == manager.id


def test_wrong_password_and_unknown_email_look_the_same(client, db, manager):
    started = time.perf_counter()
    wrong = sign_in(client, manager.email, "not the right password")
    wrong_time = time.perf_counter() - started
    started = time.perf_counter()
    unknown = sign_in(client, "nobody@riverton.example", "not the right password")
    unknown_time = time.perf_counter() - started
    assert wrong.status_code == unknown.status_code == 422
    assert WRONG in page_text(wrong) and WRONG in page_text(unknown)
    # The unknown address is checked against a dummy hash, so neither answers much faster.
    assert unknown_time > wrong_time / 5 and wrong_time > unknown_time / 5
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_failed_sign_in_is_audited_with_a_hash_not_the_address(client, db, manager):
    sign_in(client, manager.email, "guessed password 1")
    (event,) = events(db, "sign-in-failed")
    assert event.actor_id is None
    assert event.target.startswith("email-hash ")
    assert "riverton" not in event.target and "guessed" not in event.target


def test_missing_fields_are_explained(client):
    response = post_form(client, "/login", {"email": "", "password": ""})
    text = page_text(response)
    assert response.status_code == 422
    assert "There is a problem" in text
    assert "Enter your email address" in text and "Enter your password" in text


def test_csrf_token_from_another_session_is_refused(app, manager):
    other, victim = app.test_client(), app.test_client()
    token = hidden_fields(other.get("/login").data)["csrf_token"]
    victim.get("/login")
    response = victim.post(
        "/login", data={"csrf_token": token, "email": manager.email, "password": PASSWORD}
    )
    assert response.status_code == 400
    assert "The form had expired or came from another page" in page_text(response)
    assert victim.get("/account").status_code == 302


def test_sign_out_is_a_post_and_ends_the_session(client, db, manager):
    sign_in(client, manager.email)
    assert client.get("/logout").status_code == 405
    response = post_form(client, "/logout", {}, page="/account")
    assert response.status_code == 302 and response.location == "/login"
    assert "You have signed out." in page_text(client.get("/login"))
    assert client.get("/account").status_code == 302
    assert len(events(db, "sign-out")) == 1


def test_cookie_replayed_after_sign_out_is_refused(app, client, manager):
    sign_in(client, manager.email)
    stolen = client.get_cookie("session").value
    post_form(client, "/logout", {}, page="/account")
    replay = app.test_client()
    replay.set_cookie("session", stolen)
    response = replay.get("/account")
    assert response.status_code == 302
    assert response.location.startswith("/login")


def test_disabled_user_session_is_refused(db, staff_client, manager):
    client = staff_client(manager)
    assert client.get("/account").status_code == 200
    manager.active = False
    db.session.commit()
    assert client.get("/account").location.startswith("/login")


@pytest.mark.parametrize(
    ("mark", "seconds_ago", "message"),
    [
        ("seen_at", 31 * 60, "You were signed out after 30 minutes without activity."),
        ("signed_in_at", 12 * 3600 + 5, "signed in for 12 hours"),
    ],
)
def test_sessions_expire_when_idle_and_at_most_after_12_hours(
    staff_client, manager, mark, seconds_ago, message
):
    client = staff_client(manager)
    with client.session_transaction() as session:
        session[mark] = int(time.time()) - seconds_ago
    response = client.get("/account")
    assert response.status_code == 302 and response.location.startswith("/login")
    assert message in page_text(client.get("/login"))
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_activity_keeps_a_session_alive(staff_client, manager):
    client = staff_client(manager)
    with client.session_transaction() as session:
        session["seen_at"] = int(time.time()) - 29 * 60
    assert client.get("/account").status_code == 200
    with client.session_transaction() as session:
        assert session["seen_at"] == pytest.approx(time.time(), abs=5)


def test_a_session_without_timestamps_is_refused(app, manager):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = manager.get_id()
    assert client.get("/account").location.startswith("/login")


def test_session_cookie_is_httponly_and_lax(client, manager):
    sign_in(client, manager.email)
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax"
    assert not cookie.secure  # plain http in tests; see the HTTPS test below


def test_over_https_the_cookie_is_secure_host_only_and_csrf_still_passes(app, db, manager):
    secure_app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "SECRET_KEY": TEST_KEY,
            "CHORUS_BASE_URL": "https://chorus.example",
        }
    )
    client = secure_app.test_client()
    login = client.get("/login", base_url="https://chorus.example")
    response = client.post(
        "/login",
        base_url="https://chorus.example",
        headers={"Referer": "https://chorus.example/login"},
        data={**hidden_fields(login.data), "email": manager.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    cookie = client.get_cookie("__Host-chorus", domain="chorus.example")
    assert cookie is not None and cookie.secure and cookie.http_only
    assert cookie.same_site == "Lax" and cookie.path == "/"
    device = client.get_cookie("__Host-chorus-device", domain="chorus.example")
    assert device is not None and device.secure and device.http_only
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
    with secure_app.app_context():
        db.engine.dispose()  # a second app has its own pool; give its connections back


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "///evil.example",
        "https://evil.example",
        "http:evil.example",
        "javascript:alert(1)",
        "/\\evil.example",
        "\\\\evil.example",
        "/account\\..\\evil",
        "/\t/evil.example",
        "/account\r\nSet-Cookie: x=1",
        "evil.example",
    ],
)
def test_next_never_leaves_the_site(client, manager, target):
    assert safe_next(target) is None
    response = sign_in(client, manager.email, next_page=target)
    assert response.status_code == 302
    assert response.location == "/boards"


def test_next_keeps_a_local_path(client, manager):
    response = sign_in(client, manager.email, next_page="/account?tab=roles")
    assert response.location == "/account?tab=roles"


def test_signing_in_from_a_protected_page_comes_back_to_it(client, manager):
    asked = client.get("/account/password")
    assert asked.status_code == 302
    assert asked.location == "/login?next=%2Faccount%2Fpassword"
    response = sign_in(client, manager.email, next_page="/account/password")
    assert response.location == "/account/password"


def test_staff_header_shows_who_and_a_sign_out_button(staff_client, manager):
    html = staff_client(manager).get("/account").get_data(as_text=True)
    assert "Signed in as lead@riverton.example" in html
    assert '<a href="/boards">Your boards</a>' in html
    assert 'href="/account">Account</a>' in html
    assert '<form class="chorus-header__form" method="post" action="/logout">' in html
    assert 'name="csrf_token"' in html
    assert "Manager for Riverton Partnership" in html
