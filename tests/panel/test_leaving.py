"""Leaving the panel from any message: a page with one button, RFC 8058's one-click POST,
and a friendly 4xx for a link that was changed, used already or belongs to a past member."""

from datetime import date, timedelta

from sqlalchemy import func, select

from app.models import PanelMember
from app.panel.tokens import leave_url, panel_links
from tests.helpers import page_text
from tests.panel.conftest import ADDRESS, leave_path

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


def remaining(db) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(PanelMember))


def test_the_leave_page_has_one_button_and_opening_it_changes_nothing(
    app, db, client, open_panel, add_member
):
    path = leave_path(app, add_member(open_panel, ADDRESS))
    page = client.get(path)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and open_panel.name in page_text(page)
    assert html.count("<button") == 1 and "Leave the panel" in html
    assert f'action="{path}"' in html and "<script" not in html
    assert remaining(db) == 1


def test_the_button_leaves_and_deletes_the_address(app, db, client, open_panel, add_member):
    path = leave_path(app, add_member(open_panel, ADDRESS))
    done = client.post(path, data=ONE_CLICK)
    assert done.status_code == 200 and "You have left the panel" in page_text(done)
    assert remaining(db) == 0


def test_a_mail_clients_one_click_post_leaves_without_a_session_or_csrf_token(
    app, db, open_panel, add_member
):
    member = add_member(open_panel, ADDRESS)
    url = leave_url(app, member)
    response = app.test_client().post(
        url.removeprefix("http://localhost"), data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )  # fmt: skip
    assert response.status_code == 200
    assert remaining(db) == 0


def test_a_leave_link_used_twice_says_so_kindly(app, db, client, open_panel, add_member):
    path = leave_path(app, add_member(open_panel, ADDRESS))
    assert client.post(path, data=ONE_CLICK).status_code == 200
    for response in (client.post(path, data=ONE_CLICK), client.get(path)):
        assert response.status_code == 410
        assert "already been used" in page_text(response)
        assert "Traceback" not in page_text(response)


def test_a_tampered_leave_link_removes_nobody(app, db, client, open_panel, add_member):
    member = add_member(open_panel, ADDRESS)
    add_member(open_panel, "someone.else@x.example")
    path = leave_path(app, member)
    token = path.rsplit("/", 1)[1]
    payload, signature = token.split(".")
    forged = [
        f"{payload[:-1]}{'A' if payload[-1] != 'A' else 'B'}.{signature}",
        f"{payload}.{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}",
        f"{payload}.{signature[:-4]}",
        "x",
        token + "A",
    ]
    for bad in forged:
        for response in (client.get(f"/panel/leave/{bad}"),
                         client.post(f"/panel/leave/{bad}", data=ONE_CLICK)):  # fmt: skip
            assert response.status_code == 404, bad
            assert "This link doesn't work" in page_text(response)
    assert remaining(db) == 2


def test_a_confirm_link_is_not_a_leave_link(app, db, client, open_panel, add_member):
    member = add_member(open_panel, ADDRESS)
    token = panel_links(app).confirm_url(member).rsplit("/", 1)[1]
    assert client.post(f"/panel/leave/{token}", data=ONE_CLICK).status_code == 404
    assert remaining(db) == 1


def test_an_old_link_does_not_remove_someone_who_joined_later(
    app, db, client, open_panel, add_member
):
    """A member who left and joined again, or a new member given a freed id, gets new links."""
    gone = add_member(open_panel, ADDRESS, joined_on=date.today() - timedelta(days=30))
    old = leave_path(app, gone)
    assert client.post(old, data=ONE_CLICK).status_code == 200
    again = add_member(open_panel, ADDRESS)
    assert client.post(old, data=ONE_CLICK).status_code == 410
    assert remaining(db) == 1
    assert leave_path(app, again) != old
    assert client.post(leave_path(app, again), data=ONE_CLICK).status_code == 200
    assert remaining(db) == 0


def test_an_unconfirmed_request_can_be_withdrawn_from_the_confirmation_email(
    app, db, client, open_panel, add_member
):
    path = leave_path(app, add_member(open_panel, ADDRESS, confirmed=False))
    assert client.post(path, data=ONE_CLICK).status_code == 200
    assert remaining(db) == 0
