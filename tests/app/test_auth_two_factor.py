"""Two-factor sign-in: enrolment with a QR code, the second step, single-use codes."""

import base64
import time

import pyotp
import pytest
from sqlalchemy import select

from app.auth import totp
from app.models import AuditEvent, User
from tests.app.auth_steps import code_now, enter_code, post_form, sign_in
from tests.helpers import page_text

USED = "That code is not right, or it has already been used."


@pytest.fixture
def enrolled(db, make_user, make_board) -> User:
    user = make_user("lead@riverton.example", "manager", make_board("riverton"))
    user.totp_secret = totp.new_secret()
    db.session.commit()
    return user


def enrol(client, db, user: User):  # type: ignore[no-untyped-def]
    page = client.get("/account/two-factor")
    db.session.refresh(user)
    secret = user.totp_pending
    response = post_form(client, "/account/two-factor", {"code": code_now(secret)})
    return page, response, secret


def test_password_alone_grants_nothing_when_two_factor_is_on(client, enrolled):
    response = sign_in(client, enrolled.email)
    assert response.status_code == 302 and response.location == "/login/code"
    with client.session_transaction() as session:
        assert "_user_id" not in session
    assert client.get("/account").location.startswith("/login")
    assert client.get("/boards").location.startswith("/login")


def test_the_right_code_signs_in(client, db, enrolled):
    sign_in(client, enrolled.email, next_page="/account")
    response = enter_code(client, code_now(enrolled.totp_secret))
    assert response.status_code == 302 and response.location == "/account"
    assert client.get("/account").status_code == 200
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.actor_id == enrolled.id))


@pytest.mark.parametrize("code", ["000000", "12345", "abcdef", ""])
def test_a_wrong_code_is_refused(client, enrolled, code):
    sign_in(client, enrolled.email)
    if code == "000000" and code_now(enrolled.totp_secret) == code:
        code = "999999"
    response = enter_code(client, code)
    assert response.status_code == 422
    assert client.get("/account").location.startswith("/login")


def test_a_code_from_the_previous_step_still_works(client, enrolled):
    sign_in(client, enrolled.email)
    assert enter_code(client, code_now(enrolled.totp_secret, steps_ago=1)).status_code == 302


def test_a_code_from_long_ago_is_refused(client, enrolled):
    sign_in(client, enrolled.email)
    assert enter_code(client, code_now(enrolled.totp_secret, steps_ago=3)).status_code == 422


def test_a_used_code_cannot_be_used_again(app, client, db, enrolled):
    code = code_now(enrolled.totp_secret)
    sign_in(client, enrolled.email)
    assert enter_code(client, code).status_code == 302
    other = app.test_client()
    sign_in(other, enrolled.email)
    response = enter_code(other, code)
    assert response.status_code == 422
    assert USED in page_text(response)
    assert other.get("/account").location.startswith("/login")
    failed = select(AuditEvent).where(AuditEvent.action == "two-factor-failed")
    assert db.session.scalars(failed).one().actor_id == enrolled.id


def test_an_older_code_after_a_newer_one_is_refused(app, client, enrolled):
    sign_in(client, enrolled.email)
    assert enter_code(client, code_now(enrolled.totp_secret)).status_code == 302
    other = app.test_client()
    sign_in(other, enrolled.email)
    assert enter_code(other, code_now(enrolled.totp_secret, steps_ago=1)).status_code == 422


def test_matching_step_refuses_reuse_directly():
    secret, now = pyotp.random_base32(), time.time()
    code = pyotp.TOTP(secret).at(now)
    step = totp.matching_step(secret, code, now, None)
    assert step == pyotp.TOTP(secret).timecode(int(now))
    assert totp.matching_step(secret, code, now, step) is None
    assert totp.matching_step(secret, code[:3] + " " + code[3:], now, step - 1) == step


def test_the_code_step_expires(client, enrolled):
    sign_in(client, enrolled.email)
    with client.session_transaction() as session:
        session["pending_sign_in"] = {**session["pending_sign_in"], "at": int(time.time()) - 600}
    response = client.get("/login/code")
    assert response.status_code == 302 and response.location == "/login"
    assert "took too long" in page_text(client.get("/login"))


def test_code_step_without_a_password_first_goes_to_sign_in(client):
    assert client.get("/login/code").location == "/login"


@pytest.mark.parametrize("role", ["admin", "reviewer"])
def test_admins_and_reviewers_without_two_factor_can_only_enrol(
    client, make_user, make_board, role
):
    board = make_board("riverton") if role == "reviewer" else None
    user = make_user(f"{role}@riverton.example", role, board)
    assert sign_in(client, user.email).status_code == 302
    for page in ("/account", "/admin/", "/boards", "/admin/accounts"):
        assert client.get(page).location == "/account/two-factor", page
    assert client.get("/account/two-factor").status_code == 200
    assert client.get("/help").status_code == 200


def test_enrolment_shows_a_qr_code_and_the_key_then_turns_two_factor_on(client, db, make_user):
    admin = make_user("admin@chorus.example", "admin")
    sign_in(client, admin.email)
    page, response, secret = enrol(client, db, admin)
    html = page.get_data(as_text=True)
    assert totp.grouped(secret) in html
    encoded = html.split('src="data:image/svg+xml;base64,')[1].split('"')[0]
    assert base64.b64decode(encoded).startswith(b"<svg")
    assert "<script" not in html
    assert response.status_code == 302
    db.session.refresh(admin)
    assert admin.totp_secret == secret and admin.totp_pending is None
    assert client.get("/admin/").status_code == 200
    assert db.session.scalars(select(AuditEvent.action)).all() == ["sign-in", "two-factor-enrolled"]


def test_enrolment_with_a_wrong_code_changes_nothing(client, db, make_user):
    admin = make_user("admin@chorus.example", "admin")
    sign_in(client, admin.email)
    client.get("/account/two-factor")
    response = post_form(client, "/account/two-factor", {"code": "12345x"})
    assert response.status_code == 422
    assert "Enter the code as 6 digits" in page_text(response)
    db.session.refresh(admin)
    assert admin.totp_secret is None
    assert client.get("/admin/").location == "/account/two-factor"


def test_any_account_may_enrol_and_then_needs_a_code(app, client, db, make_user, make_board):
    manager = make_user("lead@riverton.example", "manager", make_board("riverton"))
    sign_in(client, manager.email)
    assert client.get("/account").status_code == 200
    enrol(client, db, manager)
    db.session.refresh(manager)
    assert manager.totp_secret
    assert sign_in(app.test_client(), manager.email).location == "/login/code"


def test_enrolled_admin_signs_in_with_both_steps(client, db, make_user):
    admin = make_user("admin@chorus.example", "admin")
    admin.totp_secret = totp.new_secret()
    db.session.commit()
    sign_in(client, admin.email)
    assert enter_code(client, code_now(admin.totp_secret)).location == "/admin/"
    assert client.get("/admin/").status_code == 200
