"""Attacks on the staff side, from the attacker's chair: SQL metacharacters, spreadsheet
formulas, sign-in guessing, redirects off the site and framing. Each meets a clear 4xx or
a harmless result, and changes nothing it should not.

Already proven elsewhere, so not repeated here: the 11th sign-in attempt a minute per client
and per account, and the lock's wording for an unknown address (test_auth_throttle.py);
``next`` on the sign-in form (test_auth.py); a plain =HYPERLINK label in the CSV and every
formula start in ``formula_safe`` (test_links.py).
"""

import csv
import io
import re
from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from app.links.printing import FORMULA_STARTS
from app.models import Board, LinkBatch, Membership, Region, Survey, User
from app.questionnaires.store import sync_library
from tests.app.auth_steps import PASSWORD, at, sign_in
from tests.helpers import hidden_fields, page_text

SQL = [
    "' OR 1=1--",
    "1; DROP TABLE survey",
    "riverton' OR '1'='1",
    '1" OR ""="',
    "1 UNION SELECT 1",
]
TABLES = (Board, Region, Survey, User, Membership, LinkBatch)


def counts(db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {m.__name__: db.session.scalar(select(func.count()).select_from(m)) for m in TABLES}


def csrf(client, url: str) -> str:  # type: ignore[no-untyped-def]
    return hidden_fields(client.get(url).data)["csrf_token"]


@pytest.fixture
def board(make_board) -> Board:  # type: ignore[no-untyped-def]
    return make_board("riverton")


@pytest.fixture
def manager(make_user, board) -> User:  # type: ignore[no-untyped-def]
    return make_user("lead@riverton.example", "manager", board)


@pytest.fixture
def staff(staff_client, manager):  # type: ignore[no-untyped-def]
    return staff_client(manager)


@pytest.fixture
def admin(staff_client, make_user):  # type: ignore[no-untyped-def]
    return staff_client(make_user("admin@chorus.example", "admin"))


# SQL metacharacters


@pytest.mark.parametrize("payload", SQL)
def test_sql_in_every_url_slug_and_id_is_a_plain_404(db, staff, admin, make_survey, board, payload):
    survey = make_survey(board=board)
    before = counts(db)
    bad = quote(payload, safe="")
    surveys = f"/boards/riverton/surveys/{survey.slug}"
    for client, url in [
        (staff, f"/boards/{bad}"),
        (staff, f"/boards/{bad}/surveys/{survey.slug}"),
        (staff, f"/boards/riverton/surveys/{bad}"),
        (staff, f"/boards/riverton/surveys/{bad}/links/"),
        (staff, f"{surveys}/links/batches/{bad}/revoke"),
        (staff, f"/boards/riverton/questionnaires/{bad}"),
        (staff, f"/boards/riverton/questionnaires/{bad}/edit"),
        (admin, f"/admin/accounts/{bad}"),
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Page not found" in page_text(response), url
    assert staff.get(f"{surveys}?page={bad}").status_code == 200
    assert admin.get(f"/admin/audit?page={bad}").status_code == 200
    assert counts(db) == before


@pytest.mark.parametrize("payload", SQL)
def test_sql_in_id_fields_of_forms_is_refused_and_changes_nothing(
    db, staff, admin, make_survey, board, manager, payload
):
    sync_library(db.session)
    db.session.commit()
    survey = make_survey(board=board)
    before = counts(db)
    new_survey = {
        "csrf_token": csrf(staff, "/boards/riverton/surveys/new"),
        "title": "T",
        "questionnaire": payload,
        "opens_on": "2030-01-01",
        "closes_on": "2030-02-01",
    }
    refused = staff.post("/boards/riverton/surveys/new", data=new_survey)
    assert refused.status_code == 422
    assert "Choose a questionnaire from the list" in page_text(refused)
    links = f"/boards/riverton/surveys/{survey.slug}/links/"
    batch = staff.post(f"{links}batches", data={"csrf_token": csrf(staff, links), "count": payload})
    assert batch.status_code == 422
    assert "Enter how many links as a whole number, like 30" in page_text(batch)
    account = f"/admin/accounts/{manager.id}"
    token = csrf(admin, account)
    role = admin.post(
        f"{account}/roles", data={"csrf_token": token, "role": "manager", "board": payload}
    )
    assert role.status_code == 422 and "Choose a board from the list" in page_text(role)
    revoke = admin.post(f"{account}/revoke", data={"csrf_token": token, "membership": payload})
    assert revoke.status_code in (400, 404)
    region = admin.post(
        "/admin/regions",
        data={"csrf_token": csrf(admin, "/admin/regions"), "name": "North", "slug": payload},
    )
    assert region.status_code == 422
    assert "Use lower-case letters, numbers and single hyphens" in page_text(region)
    assert counts(db) == before
    roles = select(Membership.role).where(Membership.user_id == manager.id)
    assert db.session.scalars(roles).all() == ["manager"]


@pytest.mark.parametrize("payload", SQL)
def test_sql_in_free_text_fields_is_stored_as_text(db, staff, admin, make_survey, board, payload):
    survey = make_survey(board=board)
    links = f"/boards/riverton/surveys/{survey.slug}/links/"
    made = staff.post(
        f"{links}batches", data={"csrf_token": csrf(staff, links), "count": "2", "label": payload}
    )
    assert made.status_code == 200
    assert db.session.scalars(select(LinkBatch.label)).one() == payload
    region = admin.post(
        "/admin/regions",
        data={"csrf_token": csrf(admin, "/admin/regions"), "name": payload, "slug": "north"},
    )
    assert region.status_code == 302
    assert db.session.scalars(select(Region.name).where(Region.slug == "north")).one() == payload
    assert counts(db)["Survey"] == 1 and counts(db)["Board"] == 1


@pytest.mark.parametrize("email", [f"{p.replace(' ', '')}@riverton.example" for p in SQL[:3]])
def test_sql_in_the_sign_in_address_signs_no_one_in(client, db, manager, email):
    response = sign_in(client, email, PASSWORD)
    assert response.status_code == 422
    with client.session_transaction() as session:
        assert "_user_id" not in session
    assert counts(db)["User"] == 1


# CSV formula injection


def test_formulas_hidden_behind_whitespace_in_a_batch_label_are_quoted(
    db, staff, make_survey, board
):
    survey = make_survey(board=board)
    links = f"/boards/riverton/surveys/{survey.slug}/links/"
    labels = [
        "  =1+1",
        "\t=cmd|' /C calc'!A0",
        "\r\n+SUM(1)",
        "\u00a0-2+3",
        " @SUM(A1)",
        '\u200b=HYPERLINK("http://evil.example")',
        "\u202e=1+1",
    ]
    for label in labels:
        page = staff.post(
            f"{links}batches", data={"csrf_token": csrf(staff, links), "count": "2", "label": label}
        )
        assert page.status_code == 200, label
        batch_id = max(db.session.scalars(select(LinkBatch.id)))
        download = staff.post(f"{links}batches/{batch_id}/csv", data=hidden_fields(page.data))
        assert download.status_code == 200, label
        rows = list(csv.reader(io.StringIO(download.get_data(as_text=True))))
        assert rows[0] == ["link", "batch"]
        assert len(rows) == 3
        for cell in (cell for row in rows for cell in row):
            assert not cell.lstrip().startswith(FORMULA_STARTS), (label, cell)
            assert not re.match(r"[\s\u200b-\u200f\u202a-\u202e]+[=+\-@]", cell), (label, cell)
        assert {row[1] for row in rows[1:]} == {"'" + label.strip().lstrip("\u200b\u202e")}


# Sign-in guessing


def test_a_locked_account_and_an_unknown_address_get_the_same_page(app, manager):
    def lock(address: str, ip: str) -> str:
        client = at(app.test_client(), ip)
        for n in range(4):
            sign_in(client, address, f"wrong guess {n}")
        locked = sign_in(client, address, "wrong guess 5")
        assert locked.status_code == 429
        text = page_text(locked).replace(address, "ADDRESS")
        text = re.sub(r'(name="csrf_token"[^>]*value=")[^"]*', r"\1", text)
        return re.sub(r"Try again in \d+ minutes? \(after \d\d:\d\d", "Try again in N", text)

    assert lock(manager.email, "203.0.113.1") == lock("nobody@riverton.example", "203.0.113.2")


def test_changing_the_case_or_spacing_of_the_address_does_not_dodge_the_lock(app, manager):
    variants = [
        "LEAD@riverton.example",
        " lead@RIVERTON.example",
        "lead@riverton.EXAMPLE  ",
        "Lead@Riverton.Example",
        "lEaD@rIvErToN.eXaMpLe",
    ]
    statuses = [
        sign_in(at(app.test_client(), f"198.51.100.{n}"), email, "wrong guess").status_code
        for n, email in enumerate(variants, 1)
    ]
    assert statuses == [422, 422, 422, 422, 429]
    assert sign_in(at(app.test_client(), "198.51.100.99"), manager.email).status_code == 429


# Redirects off the site


@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example/x", "/\\evil.example"])
def test_a_signed_in_user_sent_to_sign_in_again_stays_on_the_site(staff, target):
    response = staff.get("/login", query_string={"next": target})
    assert response.status_code == 302
    assert response.location == "/boards"


def test_a_forged_host_header_never_puts_another_site_in_a_redirect(
    client, staff, make_survey, board
):
    headers = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
    asked = client.get("/account", headers=headers)
    assert asked.status_code == 302 and "evil" not in asked.location
    signed_in = sign_in(client, "lead@riverton.example")
    assert signed_in.status_code == 302 and "evil" not in signed_in.location
    survey = make_survey(board=board, status="draft")
    url = f"/boards/riverton/surveys/{survey.slug}"
    moved = staff.post(f"{url}/open", data={"csrf_token": csrf(staff, url)})
    assert moved.status_code == 303 and moved.location == url  # a path: no host to poison


# Framing and caching


def test_every_staff_page_refuses_framing_and_caching(client, admin, staff, make_survey, board):
    survey = make_survey(board=board)
    url = f"/boards/riverton/surveys/{survey.slug}"
    pages = [
        (client, "/login"),
        (staff, "/account"),
        (staff, "/boards/riverton"),
        (staff, url),
        (staff, f"{url}/edit"),
        (staff, f"{url}/links/"),
        (staff, f"{url}/links/open"),
        (staff, "/boards/riverton/questionnaires"),
        (admin, "/admin/accounts"),
        (admin, "/admin/audit"),
        (admin, "/admin/boards"),
    ]
    for client, path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["X-Frame-Options"] == "DENY", path
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], path
        assert response.headers["Cache-Control"] == "no-store", path
