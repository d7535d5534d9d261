"""Admin pages: regions, boards, accounts and roles, the audit log, and who may see them."""

import pytest
from sqlalchemy import func, select

from app.audit import record
from app.models import AuditEvent, Board, Membership, OutboxMessage, Region, User
from app.security.personal import sealer
from tests.app.auth_steps import PASSWORD, post_form, sign_in
from tests.helpers import hidden_fields, page_text


@pytest.fixture
def manager(make_user, riverton) -> User:
    return make_user("lead@riverton.example", "manager", riverton)


def count(db, model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model))


def actions(db) -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def admin_urls(app) -> list[tuple[str, str]]:
    """Every admin route with its methods, ids filled in."""
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/admin"):
            continue
        url = rule.rule.replace("<int:user_id>", "1")
        url = url.split("/<any")[0] + ("/disable" if "<any" in rule.rule else "")
        found += [(method, url) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return found


def test_non_admins_get_404_on_every_admin_page(app, staff_client, manager):
    client = staff_client(manager)
    token = hidden_fields(client.get("/account").data)["csrf_token"]
    urls = admin_urls(app)
    assert len(urls) >= 12
    for method, url in urls:
        response = client.open(url, method=method, data={"csrf_token": token})
        assert response.status_code == 404, (method, url)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/admin/accounts")
    assert response.status_code == 302
    assert response.location == "/login?next=%2Fadmin%2Faccounts"


def test_admin_home_links_to_every_section(admin_client):
    html = admin_client.get("/admin/").get_data(as_text=True)
    for href in ("/admin/accounts", "/admin/boards", "/admin/regions", "/admin/audit"):
        assert f'href="{href}"' in html


def test_admin_adds_a_region_and_a_board(db, admin_client):
    response = post_form(admin_client, "/admin/regions", {"name": "Eastmoor", "slug": "eastmoor"})
    assert response.status_code == 302
    region = db.session.scalars(select(Region)).one()
    data = {
        "name": "Fenwick Partnership",
        "slug": "fenwick",
        "region": str(region.id),
        "help_contact": "Fenwick children's front door: 01234 567890",
    }
    assert post_form(admin_client, "/admin/boards", data).status_code == 302
    board = db.session.scalars(select(Board)).one()
    assert (board.slug, board.region_id) == ("fenwick", region.id)
    assert "Fenwick Partnership" in page_text(admin_client.get("/admin/boards"))
    assert actions(db) == ["region-created", "board-created"]


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        (
            {"name": "Northshire", "slug": "northshire"},
            400,
            "already a region with that short name",
        ),
        ({"name": "Elsewhere", "slug": "Not A Slug!"}, 422, "Use lower-case letters, numbers"),
        ({"name": "", "slug": "empty"}, 422, "Enter the region name"),
    ],
)
def test_a_bad_region_changes_nothing(db, admin_client, riverton, data, status, message):
    response = post_form(admin_client, "/admin/regions", data)
    assert response.status_code == status
    assert message in page_text(response)
    assert count(db, Region) == 1


@pytest.mark.parametrize(
    ("region", "slug", "message"),
    [
        ("9999", "newboard", "Choose a region from the list"),
        ("", "newboard", "Choose a region"),
        ("REGION", "riverton", "already a board with that short name"),
    ],
)
def test_a_bad_board_changes_nothing(db, admin_client, riverton, region, slug, message):
    region = str(riverton.region_id) if region == "REGION" else region
    data = {"name": "New Partnership", "slug": slug, "region": region}
    response = post_form(admin_client, "/admin/boards", data)
    assert response.status_code in (400, 422)
    assert message in page_text(response)
    assert count(db, Board) == 1


def create_account(client, email: str, role: str, board: str = "", region: str = ""):  # type: ignore[no-untyped-def]
    data = {"email": email, "role": role, "board": board, "region": region}
    return post_form(client, "/admin/accounts/new", data)


def emailed_links(db) -> list[OutboxMessage]:  # type: ignore[no-untyped-def]
    query = select(OutboxMessage).where(OutboxMessage.kind == "set-password")
    return list(db.session.scalars(query))


def test_admin_creates_an_account_that_is_emailed_a_link(app, db, admin_client, riverton):
    response = create_account(
        admin_client, "New.Person@Riverton.example", "analyst", board=str(riverton.id)
    )
    assert response.status_code == 200
    assert "We have emailed new.person@riverton.example a link to set a password." in page_text(
        response
    )
    assert "chorus-secret" not in page_text(response)
    user = db.session.scalars(select(User).where(User.email == "new.person@riverton.example")).one()
    assert user.password_hash.startswith("$argon2id$") and user.must_change_password
    assert [(m.role, m.board_id) for m in user.memberships] == [("analyst", riverton.id)]
    [message] = emailed_links(db)
    assert sealer(app).unseal(message.recipient) == user.email
    granted = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "role-granted"))
    assert granted.one().board_id == riverton.id
    assert "account-created" in actions(db)


@pytest.mark.parametrize(
    ("role", "board", "region", "message"),
    [
        ("manager", "9999", "", "Choose a board from the list"),
        ("manager", "", "", "Choose the board this role is for"),
        ("regional", "", "", "Choose the region this role is for"),
        ("regional", "", "9999", "Choose a region from the list"),
        ("owner", "", "", "Choose a role from the list"),
    ],
)
def test_a_bad_new_account_changes_nothing(
    db, admin_client, riverton, role, board, region, message
):
    response = create_account(admin_client, "new@riverton.example", role, board, region)
    assert response.status_code == 422
    assert message in page_text(response)
    assert count(db, User) == 1


def test_an_existing_email_cannot_be_created_twice(db, admin_client, manager, riverton):
    response = create_account(admin_client, manager.email, "analyst", board=str(riverton.id))
    assert response.status_code == 400
    assert "There is already an account with that email address." in page_text(response)
    assert count(db, Membership) == 2


def test_admin_grants_and_revokes_roles(db, admin_client, manager, riverton):
    url = f"/admin/accounts/{manager.id}"
    data = {"role": "regional", "region": str(riverton.region_id), "board": ""}
    assert post_form(admin_client, f"{url}/roles", data, page=url).status_code == 302
    db.session.refresh(manager)
    regional = next(m for m in manager.memberships if m.role == "regional")
    response = post_form(admin_client, f"{url}/revoke", {"membership": str(regional.id)}, url)
    assert response.status_code == 302
    db.session.refresh(manager)
    assert [m.role for m in manager.memberships] == ["manager"]
    assert actions(db) == ["role-granted", "role-revoked"]


def test_a_duplicate_role_is_refused(db, admin_client, manager, riverton):
    url = f"/admin/accounts/{manager.id}"
    data = {"role": "manager", "board": str(riverton.id), "region": ""}
    response = post_form(admin_client, f"{url}/roles", data, page=url)
    assert response.status_code == 400
    assert "They already have that role." in page_text(response)


def test_another_accounts_role_cannot_be_revoked_through_this_one(db, admin_client, admin, manager):
    theirs = manager.memberships[0].id
    url = f"/admin/accounts/{admin.id}"
    response = post_form(admin_client, f"{url}/revoke", {"membership": str(theirs)}, page=url)
    assert response.status_code == 400
    assert "That role is not on this account. Nothing was changed." in page_text(response)
    assert count(db, Membership) == 2
    assert actions(db) == []


def test_admins_cannot_lock_themselves_out(db, admin_client, admin):
    url = f"/admin/accounts/{admin.id}"
    own_role = admin.memberships[0].id
    refused = post_form(admin_client, f"{url}/revoke", {"membership": str(own_role)}, url)
    assert "You cannot remove your own administrator role" in page_text(refused)
    refused = post_form(admin_client, f"{url}/disable", {}, url)
    assert "You cannot disable your own account" in page_text(refused)
    db.session.refresh(admin)
    assert admin.active and admin.is_admin


def test_disabling_an_account_ends_its_sessions(app, db, admin_client, staff_client, manager):
    session = staff_client(manager)
    assert session.get("/account").status_code == 200
    url = f"/admin/accounts/{manager.id}"
    assert post_form(admin_client, f"{url}/disable", {}, page=url).status_code == 302
    assert session.get("/account").location.startswith("/login")
    refused = sign_in(app.test_client(), manager.email)
    assert "This account has been disabled" in page_text(refused)
    post_form(admin_client, f"{url}/enable", {}, page=url)
    assert sign_in(app.test_client(), manager.email).status_code == 302
    assert actions(db)[:2] == ["account-disabled", "sign-in-refused-disabled"]


def test_emailing_a_password_link_changes_nothing_until_it_is_used(
    app, db, admin_client, staff_client, manager
):
    session = staff_client(manager)
    url = f"/admin/accounts/{manager.id}"
    response = post_form(admin_client, f"{url}/password-link", {}, page=url)
    assert response.status_code == 302 and response.location == url
    assert len(emailed_links(db)) == 1
    assert session.get("/account").status_code == 200
    assert sign_in(app.test_client(), manager.email, PASSWORD).status_code == 302
    assert "password-link-emailed" in actions(db)


def test_resetting_two_factor_lets_them_enrol_again(db, admin_client, manager):
    manager.totp_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    db.session.commit()
    url = f"/admin/accounts/{manager.id}"
    assert post_form(admin_client, f"{url}/two-factor", {}, page=url).status_code == 302
    db.session.refresh(manager)
    assert manager.totp_secret is None
    assert "two-factor-reset" in actions(db)


def test_an_unknown_account_is_404(admin_client):
    assert admin_client.get("/admin/accounts/9999").status_code == 404


def test_accounts_list_shows_roles_and_state(admin_client, manager):
    html = page_text(admin_client.get("/admin/accounts"))
    assert "lead@riverton.example" in html and "Manager (Riverton Partnership)" in html
    assert "Administrator" in html


def test_audit_log_is_paged_newest_first(db, admin_client, admin):
    for n in range(120):
        record(db.session, admin, "export", f"evidence pack {n}")
    db.session.commit()
    first = page_text(admin_client.get("/admin/audit"))
    assert "120 events, page 1 of 3" in first and "evidence pack 119" in first
    assert first.count('<tr class="govuk-table__row">') == 51
    last = page_text(admin_client.get("/admin/audit?page=3"))
    assert "evidence pack 0<" in last and last.count('<tr class="govuk-table__row">') == 21
    assert "page 3 of 3" in page_text(admin_client.get("/admin/audit?page=999"))
    assert "page 1 of 3" in page_text(admin_client.get("/admin/audit?page=nonsense"))


def test_audit_log_shows_text_as_text(db, admin_client, admin):
    record(db.session, admin, "export", '<script>alert("x")</script>')
    db.session.commit()
    html = admin_client.get("/admin/audit").get_data(as_text=True)
    assert "<script>" not in html and "&lt;script&gt;" in html
