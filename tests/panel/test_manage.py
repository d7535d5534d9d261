"""The board's panel pages: managers open and close it, print the poster, see counts,
members' addresses and remove one; every other role and board gets 404."""

import pytest
from sqlalchemy import func, select

from app.models import AuditEvent, PanelMember
from tests.helpers import hidden_fields, page_text

ADDRESSES = [f"person{n:02d}@riverton-health.example" for n in range(12)]


@pytest.fixture
def panel(open_panel, add_member):  # type: ignore[no-untyped-def]
    """Twelve members: nine from health, three from the police; one still unconfirmed."""
    made = [add_member(open_panel, a, agency="police" if n < 3 else "health")
            for n, a in enumerate(ADDRESSES)]  # fmt: skip
    made.append(add_member(open_panel, "waiting@x.example", confirmed=False))
    return made


def csrf(client) -> str:  # type: ignore[no-untyped-def]
    return hidden_fields(client.get("/boards/riverton/panel").data)["csrf_token"]


def test_the_board_home_links_to_the_panel_for_managers_only(
    db, open_panel, panel_manager, make_user, staff_client
):
    assert "/boards/riverton/panel" in panel_manager.get("/boards/riverton").get_data(as_text=True)
    analyst = staff_client(make_user("analyst@riverton.example", "analyst", open_panel))
    assert "/boards/riverton/panel" not in analyst.get("/boards/riverton").get_data(as_text=True)


def test_a_manager_opens_and_closes_the_panel(app, db, client, open_panel, panel_manager):
    token = csrf(panel_manager)
    closed = panel_manager.post("/boards/riverton/panel/close", data={"csrf_token": token})
    assert closed.status_code == 303
    assert client.get("/panel/riverton/join").status_code == 404
    assert "Closed" in page_text(panel_manager.get("/boards/riverton/panel"))
    opened = panel_manager.post("/boards/riverton/panel/open", data={"csrf_token": token})
    assert opened.status_code == 303
    assert client.get("/panel/riverton/join").status_code == 200
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["panel.closed", "panel.opened"]


def test_the_panel_page_shows_the_join_link_and_suppressed_counts(panel, panel_manager):
    page = page_text(panel_manager.get("/boards/riverton/panel"))
    assert "http://localhost/panel/riverton/join" in page
    assert 'id="panel-members">12<' in panel_manager.get("/boards/riverton/panel").get_data(
        as_text=True
    )
    assert "person00" not in page and "waiting@" not in page
    # Police 3 is hidden, and health 9 with it (secondary suppression).
    assert ">Police</th>" in page and page.count(">c</td>") == 2


def test_the_poster_prints_the_join_link_as_a_qr_code(open_panel, panel_manager):
    poster = panel_manager.get("/boards/riverton/panel/poster")
    html = poster.get_data(as_text=True)
    qr = '<img class="chorus-poster__qr" src="data:image/svg+xml;base64,'
    assert poster.status_code == 200 and html.count(qr) == 1
    assert "localhost/panel/riverton/join" in html


def test_managers_see_every_members_address(panel, panel_manager):
    page = page_text(panel_manager.get("/boards/riverton/panel/members"))
    for address in [*ADDRESSES, "waiting@x.example"]:
        assert address in page
    assert "Waiting to confirm" in page


def test_removing_a_member_asks_first_and_logs_no_address(db, panel, panel_manager):
    member_id = panel[0].id
    ask = panel_manager.get(f"/boards/riverton/panel/remove?member={member_id}")
    assert ask.status_code == 200 and ADDRESSES[0] in page_text(ask)
    assert db.session.get(PanelMember, member_id) is not None
    done = panel_manager.post("/boards/riverton/panel/remove", data=hidden_fields(ask.data))
    assert done.status_code == 303
    db.session.expire_all()
    assert db.session.get(PanelMember, member_id) is None
    event = db.session.scalars(select(AuditEvent)).one()
    assert event.action == "panel.member-removed" and "@" not in event.target
    again = panel_manager.post("/boards/riverton/panel/remove", data=hidden_fields(ask.data))
    assert again.status_code == 404


def test_another_boards_member_cannot_be_removed_through_your_own_board(
    db, make_board, make_user, staff_client, add_member, panel, panel_manager
):
    hillford = make_board("hillford")
    theirs = add_member(hillford, "theirs@hillford.example")
    intruder = staff_client(make_user("manager@hillford.example", "manager", hillford))
    token = hidden_fields(intruder.get("/boards/hillford/panel").data)["csrf_token"]
    victim = panel[0]
    assert intruder.get(f"/boards/hillford/panel/remove?member={victim.id}").status_code == 404
    posted = intruder.post("/boards/hillford/panel/remove",
                           data={"csrf_token": token, "member": str(victim.id)})  # fmt: skip
    assert posted.status_code == 404
    own = intruder.get(f"/boards/hillford/panel/remove?member={theirs.id}")
    assert own.status_code == 200
    count = db.session.scalar(select(func.count()).select_from(PanelMember))
    assert count == len(panel) + 1


@pytest.mark.parametrize("role", ["analyst", "trainer", "reviewer"])
def test_other_roles_and_other_boards_get_404_everywhere(
    db, make_board, make_user, staff_client, panel, open_panel, role
):
    lesser = staff_client(make_user(f"{role}@riverton.example", role, open_panel))
    hillford = make_board("hillford")
    other = staff_client(make_user("manager@hillford.example", "manager", hillford))
    for client in (lesser, other):
        token = hidden_fields(client.get("/account").data)["csrf_token"]
        for path in ("", "/members", "/poster", "/import", f"/remove?member={panel[0].id}"):
            response = client.get(f"/boards/riverton/panel{path}")
            assert response.status_code == 404, path
            assert ADDRESSES[0] not in response.get_data(as_text=True)
        for path in ("/open", "/close", "/remove", "/import"):
            data = {"csrf_token": token, "member": str(panel[0].id)}
            assert client.post(f"/boards/riverton/panel{path}", data=data).status_code == 404
    assert db.session.scalar(select(func.count()).select_from(PanelMember)) == len(panel)
