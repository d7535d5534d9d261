"""Staff passwords: argon2id hashes, long passphrases, refused weak ones, changing them."""

import pytest
from sqlalchemy import select

from app.accounts.passwords import password_problem
from app.accounts.service import grant
from app.models import AuditEvent, User
from tests.app.auth_steps import PASSWORD, post_form, sign_in
from tests.helpers import page_text


@pytest.fixture
def manager(make_user, make_board) -> User:
    return make_user("lead@riverton.example", "manager", make_board("riverton"))


def events(db, action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_passwords_are_hashed_with_argon2id(manager):
    assert manager.password_hash.startswith("$argon2id$")
    assert PASSWORD not in manager.password_hash


def test_a_64_character_password_works(client, db, make_board):
    long_password = "tangerine kettle orbit " * 2 + "lantern velvet ghi"
    assert len(long_password) == 64
    grant(db.session, "long@riverton.example", long_password, "manager", make_board().slug)
    db.session.commit()
    assert sign_in(client, "long@riverton.example", long_password).status_code == 302
    assert client.get("/account").status_code == 200


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short pass", "Use at least 12 characters."),
        ("Password1234!", "That password is too common"),
        ("qwertyuiop123", "That password is too common"),
        ("aaaaaaaaaaaaaaaa", "That password is too common"),
        ("football2024!!", "That password is too common"),
    ],
)
def test_weak_and_breached_passwords_are_refused(password, problem):
    assert (password_problem(password) or "").startswith(problem)


def test_changing_password_ends_other_sessions(app, db, client, manager):
    sign_in(client, manager.email)
    elsewhere = app.test_client()
    sign_in(elsewhere, manager.email)
    new = "a brand new long passphrase"
    data = {"current": PASSWORD, "new": new, "confirm": new}
    response = post_form(client, "/account/password", data)
    assert response.status_code == 302
    assert "Your password has been changed" in page_text(client.get("/account"))
    assert elsewhere.get("/account").status_code == 302
    assert sign_in(app.test_client(), manager.email, new).status_code == 302
    assert len(events(db, "password-changed")) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"current": "wrong password here", "new": "a brand new long passphrase"},
            "Your current password is not right.",
        ),
        ({"current": PASSWORD, "new": "too short"}, "Use at least 12 characters."),
        ({"current": PASSWORD, "new": "Password1234!"}, "That password is too common"),
        ({"current": PASSWORD, "new": PASSWORD}, "different from your current one"),
    ],
)
def test_a_refused_password_change_changes_nothing(db, staff_client, manager, data, message):
    client = staff_client(manager)
    before = manager.password_hash
    response = post_form(client, "/account/password", {**data, "confirm": data["new"]})
    assert response.status_code == 422
    assert message in page_text(response)
    db.session.refresh(manager)
    assert manager.password_hash == before
    assert client.get("/account").status_code == 200


def test_new_passwords_must_match(staff_client, manager):
    data = {"current": PASSWORD, "new": "a brand new long passphrase", "confirm": "another"}
    response = post_form(staff_client(manager), "/account/password", data)
    assert "The two new passwords are not the same" in page_text(response)


def test_a_temporary_password_must_be_changed_first(db, client, manager):
    manager.must_change_password = True
    db.session.commit()
    sign_in(client, manager.email)
    assert client.get("/account").location == "/account/password"
    assert "Choose your own password" in page_text(client.get("/account/password"))
    new = "my own long passphrase"
    post_form(client, "/account/password", {"current": PASSWORD, "new": new, "confirm": new})
    assert client.get("/account").status_code == 200
