"""Joining the panel from its public page: double opt-in, the same page for every address,
clear refusals, and the address kept sealed, found only by its keyed hash."""

import time
from datetime import date, timedelta

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import String, Text, func, select

from app.extensions import limiter
from app.models import AuditEvent, Base, PanelMember
from app.panel import members
from app.panel.tokens import CONFIRM_MAX_AGE, panel_links
from app.security.personal import sealer
from tests.helpers import hidden_fields, page_text
from tests.panel.conftest import ADDRESS, CONFIRM_LINK, LEAVE_LINK, join, outbox


def count(db) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(PanelMember))


def test_the_join_page_works_without_javascript_and_offers_the_boards_list(client, open_panel):
    page = client.get("/panel/riverton/join")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<script" not in html and 'method="post"' in html
    labels = ["Police", "Health", "Children&#39;s social care", "Education", "Early help",
              "Voluntary sector", "Other", "Frontline", "Manager", "Senior leader"]  # fmt: skip
    for label in labels:
        assert label in html, label
    assert " checked" not in html  # nothing chosen for them
    assert "Childline" in html and "/help" in html  # the help footer


def test_joining_makes_one_unconfirmed_member_and_one_email_whose_link_confirms(
    app, db, client, open_panel
):
    response = join(client)
    assert response.status_code == 303
    assert response.headers["Location"] == "/panel/riverton/check-email"
    assert "Check your email" in page_text(client.get(response.headers["Location"]))

    member = db.session.scalars(select(PanelMember)).one()
    assert not member.confirmed and (member.agency, member.level) == ("police", "frontline")
    sent = outbox(app, db)
    assert len(sent) == 1
    recipient, message = sent[0]
    assert recipient == ADDRESS and message.kind == "panel-confirm"
    assert message.sender_name == open_panel.name and message.board_id == open_panel.id
    assert ADDRESS.casefold() not in (message.text + message.html).casefold()
    leave = sealer(app).unseal(message.unsubscribe or "")
    assert LEAVE_LINK.search(message.text).group(0) == leave  # type: ignore[union-attr]

    confirm = CONFIRM_LINK.search(message.text).group(1)  # type: ignore[union-attr]
    page = client.get(confirm)  # a mail scanner opening the link changes nothing
    assert page.status_code == 200 and "Join the panel" in page_text(page)
    db.session.refresh(member)
    assert not member.confirmed
    done = client.post(confirm, data=hidden_fields(page.data))
    assert done.status_code == 200 and "You have joined" in page_text(done)
    db.session.refresh(member)
    assert member.confirmed
    again = client.post(confirm, data=hidden_fields(client.get(confirm).data))
    assert again.status_code == 200 and count(db) == 1


def test_joining_twice_shows_the_same_page_and_keeps_one_member(app, db, client, open_panel):
    first = join(client)
    second = join(client, email=f"  {ADDRESS.upper()} ", agency="health", level="manager")
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    member = db.session.scalars(select(PanelMember)).one()
    assert (member.agency, member.level) == ("health", "manager")  # refreshed while unconfirmed
    assert len(outbox(app, db, "panel-confirm")) == 2


def test_a_confirmed_member_joining_again_sees_the_same_page_and_nothing_changes(
    app, db, client, open_panel, add_member
):
    member = add_member(open_panel, ADDRESS, agency="education", level="senior")
    response = join(client, email=ADDRESS.lower())
    assert response.status_code == 303
    assert response.headers["Location"] == "/panel/riverton/check-email"
    db.session.refresh(member)
    assert (member.agency, member.level, member.confirmed) == ("education", "senior", True)
    assert count(db) == 1
    assert outbox(app, db, "panel-confirm") == []
    [(recipient, note)] = outbox(app, db, "panel-already")
    assert recipient == ADDRESS.lower() and "already a member" in note.text


@pytest.mark.parametrize("typed", ["not an address", "alex@", "@riverton.example", "a@b",
                                   "alex..morgan@x.example", '=HYPERLINK("http://x")@x.example',
                                   "<script>@x.example", "x" * 250 + "@x.example"])  # fmt: skip
def test_an_email_that_is_not_an_address_is_refused_clearly(app, db, client, open_panel, typed):
    response = join(client, email=typed)
    assert response.status_code == 422
    assert "Enter an email address in the right format" in page_text(response)
    assert count(db) == 0 and outbox(app, db) == []


def test_agency_and_level_must_come_from_the_list(app, db, client, open_panel):
    response = join(client, agency="fire", level="")
    text = page_text(response)
    assert response.status_code == 422
    assert "Choose your agency" in text and "Choose your role level" in text
    assert count(db) == 0


def test_a_closed_or_unknown_panel_is_not_found(app, db, client, make_board):
    make_board("hillford")  # panel closed, as every board starts
    for path in ("/panel/hillford/join", "/panel/hillford/check-email", "/panel/nowhere/join"):
        assert client.get(path).status_code == 404, path
    token = hidden_fields(client.get("/login").data)["csrf_token"]
    posted = client.post(
        "/panel/hillford/join",
        data={"csrf_token": token, "email": ADDRESS, "agency": "police", "level": "frontline"},
    )
    assert posted.status_code == 404 and count(db) == 0


def test_joining_is_throttled_per_client_and_per_address(app, db, client, open_panel):
    app.config["PANEL_JOIN_LIMIT"] = "3 per minute"
    assert [join(client, email=f"p{n}@x.example").status_code for n in range(4)] == [
        303, 303, 303, 429]  # fmt: skip
    assert "a lot of requests" in page_text(join(client, email="p9@x.example"))
    limiter.reset()
    app.config["PANEL_JOIN_LIMIT"] = "100 per minute"
    app.config["PANEL_ADDRESS_LIMIT"] = "1 per minute"
    assert join(client, email="q@x.example").status_code == 303
    assert join(client, email=" Q@X.example").status_code == 429
    assert join(client, email="r@x.example").status_code == 303


def test_the_address_is_sealed_and_found_by_its_keyed_hash(app, db, client, open_panel):
    join(client)
    member = db.session.scalars(select(PanelMember)).one()
    assert member.email != ADDRESS and sealer(app).unseal(member.email) == ADDRESS
    assert member.email_hash == sealer(app).lookup(ADDRESS.casefold())
    found = members.find(db.session, sealer(app), open_panel, f" {ADDRESS.upper()} ")
    assert found is not None and found.id == member.id
    for table in Base.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, String | Text)]
        for row in db.session.execute(select(*columns)) if columns else []:
            for value in row:
                assert ADDRESS.casefold() not in str(value or "").casefold(), table.name
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_an_expired_or_tampered_confirm_link_says_so(app, db, client, open_panel, monkeypatch):
    join(client)
    [(_, message)] = outbox(app, db)
    confirm = CONFIRM_LINK.search(message.text).group(1)  # type: ignore[union-attr]
    tampered = confirm[:-6] + ("A" if confirm[-6] != "A" else "B") + confirm[-5:]
    response = client.get(tampered)
    assert response.status_code == 404 and "This link doesn't work" in page_text(response)
    member = db.session.scalars(select(PanelMember)).one()
    stamped = int(time.time()) - CONFIRM_MAX_AGE - 60
    with monkeypatch.context() as past:
        past.setattr(TimestampSigner, "get_timestamp", lambda self: stamped)
        old = panel_links(app).confirm_url(member).removeprefix("http://localhost")
    expired = client.post(old, data=hidden_fields(client.get(confirm).data))
    assert expired.status_code == 410 and "expired" in page_text(expired)
    db.session.refresh(member)
    assert not member.confirmed


def test_unconfirmed_requests_are_deleted_after_seven_days(db, open_panel, add_member):
    today = date.today()
    add_member(open_panel, "old@x.example", confirmed=False, joined_on=today - timedelta(days=8))
    add_member(open_panel, "new@x.example", confirmed=False, joined_on=today - timedelta(days=7))
    add_member(open_panel, "kept@x.example", joined_on=today - timedelta(days=400))
    assert members.purge_unconfirmed(db.session, today) == 1
    assert count(db) == 2
