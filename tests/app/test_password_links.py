"""Password links: a new account sets its own password, "forgotten your password?" emails
a reset link, and each link works once, runs out, and dies with a disabled account.
"""

import logging
import re
import time
from datetime import timedelta

import pytest
from itsdangerous import URLSafeTimedSerializer
from itsdangerous.encoding import base64_decode
from itsdangerous.timed import TimestampSigner
from sqlalchemy import select

from app.accounts.password_links import MAX_AGE
from app.auth import totp
from app.links.service import signing_keys
from app.models import AuditEvent, Board, OutboxMessage, User
from app.security.personal import sealer
from tests.app.auth_steps import PASSWORD, at, post_form, sign_in
from tests.helpers import hidden_fields, page_text

NEW_PASSWORD = "lantern orchard pebble violin"
LINK = re.compile(r"http://localhost(/password/set/[A-Za-z0-9_.\-]+)")
SENT = "If that address has an account, we have sent a link to it."


@pytest.fixture
def manager(make_user, riverton) -> User:
    return make_user("lead@riverton.example", "manager", riverton)


def mails(db, kind: str) -> list[OutboxMessage]:  # type: ignore[no-untyped-def]
    query = select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)
    return list(db.session.scalars(query))


def link_in(message: OutboxMessage) -> str:
    """The path of the one link in the message's text."""
    found = LINK.findall(message.text)
    assert len(found) == 1, message.text
    return str(found[0])


def create_account(client, board: Board, email: str = "new.person@riverton.example"):  # type: ignore[no-untyped-def]
    data = {"email": email, "role": "analyst", "board": str(board.id), "region": ""}
    return post_form(client, "/admin/accounts/new", data)


def choose(client, path: str, password: str = NEW_PASSWORD):  # type: ignore[no-untyped-def]
    return post_form(client, path, {"new": password, "confirm": password})


def post_anyway(client, path: str, password: str = NEW_PASSWORD):  # type: ignore[no-untyped-def]
    """POST to a link whose page refuses it, with a CSRF token from another page."""
    token = hidden_fields(client.get("/login").data)["csrf_token"]
    return client.post(path, data={"csrf_token": token, "new": password, "confirm": password})


def ask_for_reset(client, email: str):  # type: ignore[no-untyped-def]
    return post_form(client, "/password/forgotten", {"email": email})


def reset_link(app, db, user: User) -> str:  # type: ignore[no-untyped-def]
    assert ask_for_reset(app.test_client(), user.email).status_code == 200
    return link_in(mails(db, "password-reset")[-1])


def actions(db) -> list[str]:  # type: ignore[no-untyped-def]
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def later(monkeypatch, seconds: float) -> None:  # type: ignore[no-untyped-def]
    """Every signature is read as if this many seconds had passed."""
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time() + seconds))


def test_a_new_account_is_emailed_a_link_and_the_admin_sees_no_password(
    app, db, admin_client, riverton
):
    response = create_account(admin_client, riverton, "New.Person@Riverton.example")
    assert response.status_code == 200
    text = page_text(response)
    assert "We have emailed new.person@riverton.example a link to set a password." in text
    assert "chorus-secret" not in text and "temporary password" not in text.lower()
    [message] = mails(db, "set-password")
    assert sealer(app).unseal(message.recipient) == "new.person@riverton.example"
    assert message.sender_name == "Chorus" and "7 days" in message.text
    assert link_in(message) in message.html
    user = db.session.scalars(select(User).where(User.email == "new.person@riverton.example")).one()
    assert user.must_change_password and user.password_hash.startswith("$argon2id$")
    assert actions(db)[:2] == ["account-created", "password-link-emailed"]


def test_the_link_sets_the_password_and_then_no_longer_works(app, db, admin_client, riverton):
    create_account(admin_client, riverton)
    path = link_in(mails(db, "set-password")[0])
    newcomer = app.test_client()
    assert newcomer.get(path).status_code == 200  # a mail scanner's visit uses nothing up
    page = newcomer.get(path)
    assert page.status_code == 200 and "Choose your password" in page_text(page)
    done = choose(newcomer, path)
    assert done.status_code == 302 and done.location == "/login"
    user = db.session.scalars(select(User).where(User.email == "new.person@riverton.example")).one()
    assert not user.must_change_password and user.session_version == 2
    assert sign_in(app.test_client(), user.email, NEW_PASSWORD).status_code == 302
    assert "password-set-by-link" in actions(db)
    again = app.test_client()
    assert again.get(path).status_code == 410
    assert "This link no longer works" in page_text(again.get(path))
    assert post_anyway(again, path, "another long enough password").status_code == 410
    assert sign_in(app.test_client(), user.email, NEW_PASSWORD).status_code == 302


def test_a_weak_or_mismatched_password_is_refused_and_the_link_still_works(app, db, manager):
    path = reset_link(app, db, manager)
    client = app.test_client()
    short = choose(client, path, "short")
    assert short.status_code == 422 and "Use at least 12 characters." in page_text(short)
    typo = post_form(client, path, {"new": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"})
    assert typo.status_code == 422 and "not the same" in page_text(typo)
    assert choose(client, path).status_code == 302


def test_a_reset_link_lasts_an_hour_and_a_new_account_link_7_days():
    assert MAX_AGE["set-password"] == timedelta(days=7)
    assert MAX_AGE["reset-password"] == timedelta(hours=1)


@pytest.mark.parametrize("purpose", ["set-password", "reset-password"])
@pytest.mark.parametrize(("past_its_time", "status"), [(False, 200), (True, 410)])
def test_links_run_out(  # type: ignore[no-untyped-def]
    app, db, admin_client, riverton, manager, monkeypatch, purpose, past_its_time, status
):
    if purpose == "set-password":
        create_account(admin_client, riverton)
        path = link_in(mails(db, "set-password")[0])
    else:
        path = reset_link(app, db, manager)
    later(monkeypatch, MAX_AGE[purpose].total_seconds() + (5 if past_its_time else -60))
    client = app.test_client()
    response = client.get(path)
    assert response.status_code == status
    if past_its_time:
        assert "This link has run out" in page_text(response)
        assert post_anyway(client, path).status_code == 410
    else:
        assert choose(client, path).status_code == 302


def _flip(token: str, at_: int) -> str:
    swapped = "A" if token[at_] != "A" else "B"
    return token[:at_] + swapped + token[at_ + 1 :]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: _flip(t, 3),  # the payload
        lambda t: _flip(t, len(t) - 2),  # the signature
        lambda t: t[:-6],  # truncated
        lambda t: t + "x",
        lambda t: "nonsense",
        lambda t: "A" * 400,
    ],
)
def test_a_tampered_link_is_refused(app, db, manager, tamper):  # type: ignore[no-untyped-def]
    path = reset_link(app, db, manager)
    token = path.rsplit("/", 1)[1]
    bad = f"/password/set/{tamper(token)}"
    client = app.test_client()
    response = client.get(bad)
    assert response.status_code == 400
    assert "This link is not valid" in page_text(response)
    assert post_anyway(client, bad).status_code == 400
    assert sign_in(app.test_client(), manager.email, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("salt", "payload"),
    [
        ("chorus.staff-device", "ID"),  # another purpose's salt, same keys
        ("chorus.set-password", ["1", "fingerprint"]),  # our salt, a payload we never sign
        ("chorus.reset-password", {"user": "ID"}),
    ],
)
def test_a_token_signed_for_anything_else_is_refused(app, db, manager, salt, payload):  # type: ignore[no-untyped-def]
    if payload == "ID":
        payload = [manager.id, "x" * 24]
    token = URLSafeTimedSerializer(signing_keys(app), salt=salt).dumps(payload)
    assert app.test_client().get(f"/password/set/{token}").status_code == 400


def test_a_link_signed_with_another_key_is_refused(app, db, manager):
    forged = URLSafeTimedSerializer("some-other-key-entirely", salt="chorus.reset-password")
    token = forged.dumps([manager.id, "x" * 24])
    assert app.test_client().get(f"/password/set/{token}").status_code == 400


def test_the_token_carries_only_an_id_and_a_fingerprint(app, db, manager):
    token = reset_link(app, db, manager).rsplit("/", 1)[1]
    payload = base64_decode(token.split(".")[0]).decode()
    assert re.fullmatch(rf"\[{manager.id},\"[0-9a-f]{{24}}\"\]", payload)
    assert "riverton" not in payload and "argon2" not in payload


def sent_page(client, email: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    response = ask_for_reset(client, email)
    body = re.sub(r'name="csrf_token" value="[^"]*"', "", response.get_data(as_text=True))
    return response.status_code, body


def test_forgotten_password_reads_the_same_for_known_and_unknown_addresses(app, db, manager):
    login = page_text(app.test_client().get("/login"))
    assert 'href="/password/forgotten"' in login
    known = sent_page(at(app.test_client(), "192.0.2.1"), manager.email)
    unknown = sent_page(at(app.test_client(), "192.0.2.2"), "nobody@riverton.example")
    assert known == unknown and known[0] == 200 and SENT in known[1]
    [message] = db.session.scalars(select(OutboxMessage)).all()
    assert message.kind == "password-reset"
    assert sealer(app).unseal(message.recipient) == manager.email
    assert "lasts one hour" in message.text and "you can ignore this email" in message.text
    assert manager.email not in message.subject
    assert actions(db) == ["password-reset-emailed", "password-reset-not-sent"]
    assert manager.email not in " ".join(
        db.session.scalars(select(AuditEvent.target).where(AuditEvent.actor_id.is_(None)))
    )


@pytest.mark.parametrize("email", ["lead@riverton.example", "nobody@riverton.example"])
def test_an_address_gets_at_most_three_links_an_hour(app, db, manager, email):
    for n in range(3):
        client = at(app.test_client(), f"198.51.100.{n + 1}")
        assert ask_for_reset(client, email.upper()).status_code == 200
    refused = ask_for_reset(at(app.test_client(), "198.51.100.9"), email)
    assert refused.status_code == 429
    assert "Too many password requests" in page_text(refused)
    assert len(mails(db, "password-reset")) == (3 if email == manager.email else 0)


def test_one_client_is_throttled_after_five_requests_a_minute(app, db, manager):
    client = at(app.test_client(), "203.0.113.5")
    for n in range(5):
        assert ask_for_reset(client, f"person{n}@riverton.example").status_code == 200
    assert ask_for_reset(client, manager.email).status_code == 429
    assert mails(db, "password-reset") == []
    assert ask_for_reset(at(app.test_client(), "203.0.113.6"), manager.email).status_code == 200


def test_a_reset_keeps_two_factor_on_and_signs_out_everywhere(app, db, manager, staff_client):
    secret = totp.new_secret()
    manager.totp_secret = secret
    db.session.commit()
    elsewhere = staff_client(manager)
    assert elsewhere.get("/account").status_code == 200
    path = reset_link(app, db, manager)
    assert choose(app.test_client(), path).status_code == 302
    db.session.refresh(manager)
    assert manager.totp_secret == secret
    assert elsewhere.get("/account").location.startswith("/login")
    client = app.test_client()
    asked = sign_in(client, manager.email, NEW_PASSWORD)
    assert asked.status_code == 302 and asked.location == "/login/code"
    assert "password-reset-by-link" in actions(db)


def test_a_disabled_accounts_link_is_refused_and_it_gets_no_new_one(app, db, admin_client, manager):
    path = reset_link(app, db, manager)
    url = f"/admin/accounts/{manager.id}"
    assert post_form(admin_client, f"{url}/disable", {}, page=url).status_code == 302
    client = app.test_client()
    assert client.get(path).status_code == 410
    assert post_anyway(client, path).status_code == 410
    assert ask_for_reset(client, manager.email).status_code == 200
    assert len(mails(db, "password-reset")) == 1
    post_form(admin_client, f"{url}/enable", {}, page=url)
    assert client.get(path).status_code == 410  # re-enabling does not revive it


def test_a_newer_password_kills_every_older_link(app, db, manager):
    first, second = reset_link(app, db, manager), reset_link(app, db, manager)
    assert choose(app.test_client(), second).status_code == 302
    assert app.test_client().get(first).status_code == 410


def test_a_reset_lifts_a_sign_in_lock(app, db, manager):
    client = app.test_client()
    for n in range(5):
        sign_in(client, manager.email, f"wrong guess {n}")
    assert sign_in(client, manager.email).status_code == 429
    assert choose(app.test_client(), reset_link(app, db, manager)).status_code == 302
    assert sign_in(app.test_client(), manager.email, NEW_PASSWORD).status_code == 302


def test_the_admin_emails_a_fresh_link_instead_of_showing_a_password(
    app, db, admin_client, manager
):
    url = f"/admin/accounts/{manager.id}"
    assert "Email a link to set a new password" in page_text(admin_client.get(url))
    sent = post_form(admin_client, f"{url}/password-link", {}, page=url)
    assert sent.status_code == 302 and sent.location == url
    shown = page_text(admin_client.get(url))
    assert "We have emailed lead@riverton.example a link to set a new password." in shown
    assert "chorus-secret" not in shown
    [message] = mails(db, "set-password")
    assert sealer(app).unseal(message.recipient) == manager.email
    assert sign_in(app.test_client(), manager.email, PASSWORD).status_code == 302
    assert choose(app.test_client(), link_in(message)).status_code == 302
    assert sign_in(app.test_client(), manager.email, PASSWORD).status_code == 422
    assert "password-link-emailed" in actions(db)


def test_a_disabled_account_is_not_sent_a_link_by_the_admin(db, admin_client, manager):
    manager.active = False
    db.session.commit()
    url = f"/admin/accounts/{manager.id}"
    refused = post_form(admin_client, f"{url}/password-link", {}, page=url)
    assert refused.status_code == 400
    assert "This account is disabled." in page_text(refused)
    assert mails(db, "set-password") == []


def test_the_token_never_reaches_the_log(app, db, manager, caplog):
    path = reset_link(app, db, manager)
    token = path.rsplit("/", 1)[1]
    with caplog.at_level(logging.DEBUG):  # every logger, the access log among them
        client = app.test_client()
        client.get(path)
        choose(client, path)
        client.get(path)
    assert "/password/set/<token>" in caplog.text
    assert token not in caplog.text
    targets = " ".join(db.session.scalars(select(AuditEvent.target)))
    assert token not in targets
