"""Stored XSS planted by a hostile or compromised staff account, from the attacker's chair:
every field one member of staff types and someone else reads (respondents, other staff,
admins) comes back as text. No tag, no event handler, no javascript: link is ever made.

Question wording, hints, options and page titles are proven escaped in
tests/app/test_questionnaires.py, and audit detail text in tests/app/test_admin.py.
"""

from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from app.models import Board, LinkBatch, Region, Survey, User
from app.questionnaires.store import sync_library
from app.respond.visit import definition_of
from forms.respond import options_of
from tests.app.test_questionnaires import base, clone, own, post_edit, run_survey
from tests.helpers import hidden_fields, page_text

TODAY = date.today()
XSS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)"]
EXIT_SCRIPT = "/static/build/exit-this-page.js"
# Shapes that pass the email check (it looks for text@text.text) yet carry markup.
HOSTILE_EMAILS = [
    "<script>alert(1)</script>@evil.example",
    '"><img/src=x/onerror=alert(1)>@evil.example',
    "javascript:alert(1)@evil.example",
]


def _ours(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """Exit this page's script, a file from our own origin: the one script pages may load."""
    source = dict(attrs).get("src") or ""
    return tag == "script" and source.startswith(EXIT_SCRIPT + "?")


class _Executable(HTMLParser):
    """Everything in a page a browser could run: script tags, on* handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "svg", "iframe", "object", "embed") and not _ours(tag, attrs):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            url = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            elif name in ("href", "src", "action", "formaction") and url.startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")


def assert_inert(response, payload: str, where: str, status: int = 200) -> None:  # type: ignore[no-untyped-def]
    """The page shows the payload as text, never as markup, and nothing in it can run."""
    html = response.get_data(as_text=True)
    assert response.status_code == status, (where, response.status_code)
    assert payload in page_text(response), f"{where}: the payload is not shown, so not tested"
    if "<" in payload or '"' in payload:
        assert payload not in html, where
    parser = _Executable()
    parser.feed(html)
    assert parser.found == [], (where, parser.found)


def csrf(client, url: str) -> str:  # type: ignore[no-untyped-def]
    return hidden_fields(client.get(url).data)["csrf_token"]


@pytest.fixture
def library(db):  # type: ignore[no-untyped-def]
    versions = sync_library(db.session)
    db.session.commit()
    return versions


@pytest.fixture
def board(make_board) -> Board:  # type: ignore[no-untyped-def]
    return make_board("riverton")


@pytest.fixture
def staff(staff_client, make_user, board):  # type: ignore[no-untyped-def]
    return staff_client(make_user("manager@riverton.example", "manager", board))


@pytest.fixture
def analyst(staff_client, make_user, board):  # type: ignore[no-untyped-def]
    return staff_client(make_user("analyst@riverton.example", "analyst", board))


@pytest.fixture
def admin(staff_client, make_user):  # type: ignore[no-untyped-def]
    return staff_client(make_user("admin@chorus.example", "admin"))


def set_up_survey(staff, db, questionnaire_id: int, payload: str, outcomes: str = "") -> Survey:  # type: ignore[no-untyped-def]
    """A manager sets up a survey with the payload in every text field, then opens it.

    The section and priority come from the board's lists, so the payload goes there.
    """
    board = db.session.scalars(select(Board).where(Board.slug == "riverton")).one()
    board.qa_sections, board.priorities = [{"code": "P", "name": payload}], [payload]
    db.session.commit()
    data = {
        "csrf_token": csrf(staff, "/boards/riverton/surveys/new"),
        "questionnaire": str(questionnaire_id),
        "title": payload,
        "distribution": payload,
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + timedelta(days=30)).isoformat(),
        "qa_section": "P",
        "priority": payload,
        "themes": f"{payload}, plain",
        "outcomes": outcomes,
    }
    assert staff.post("/boards/riverton/surveys/new", data=data).status_code == 303
    survey = db.session.scalars(select(Survey)).one()
    url = f"/boards/riverton/surveys/{survey.slug}"
    assert staff.post(f"{url}/open", data={"csrf_token": csrf(staff, url)}).status_code == 303
    assert survey.title == payload and survey.tags["themes"] == [payload, "plain"]
    return survey


def respondent_pages(client, token: str, survey: Survey):  # type: ignore[no-untyped-def]
    """Every page of the survey as a respondent walks it, answering what must be answered."""
    for number, page in enumerate(definition_of(survey).sections, 1):
        shown = client.get(f"/r/{token}?page={number}")
        yield f"respondent page {number}", shown
        answers = {q.key: options_of(q)[0][0] for q in page.questions if q.required}
        fields = hidden_fields(shown.data)
        client.post(f"/r/{token}?page={number}", data={**fields, **answers})


@pytest.mark.parametrize("payload", XSS)
def test_survey_title_note_and_tags_are_inert_for_respondents_and_staff(
    client, db, staff, analyst, library, make_links, payload
):
    survey = set_up_survey(staff, db, library["feeling-safe-8-12"].questionnaire_id, payload)
    token = make_links(survey)[0]
    url = f"/boards/riverton/surveys/{survey.slug}"
    pages = {
        "board home": staff.get("/boards/riverton"),
        "survey page": staff.get(url),
        "edit form": staff.get(f"{url}/edit"),
        "links page": staff.get(f"{url}/links/"),
        "poster": staff.get(f"{url}/links/open"),
        "analyst's board home": analyst.get("/boards/riverton"),
        "analyst's survey page": analyst.get(url),
        "results page": analyst.get(f"{url}/results"),
        "results settings": staff.get("/boards/riverton/results-settings"),
    }
    for where, response in pages.items():
        assert_inert(response, payload, where)
    for where, response in respondent_pages(client, token, survey):
        assert_inert(response, payload, where)


@pytest.mark.parametrize("payload", XSS)
def test_learning_outcomes_are_inert_in_the_training_questions(
    client, db, staff, library, make_links, payload
):
    qid = library["training-after"].questionnaire_id
    survey = set_up_survey(staff, db, qid, "Working Together", outcomes=f"{payload}\nSpot harm")
    assert survey.outcomes == [payload, "Spot harm"]
    assert_inert(staff.get(f"/boards/riverton/surveys/{survey.slug}"), payload, "survey page")
    pages = dict(respondent_pages(client, make_links(survey)[0], survey))
    assert_inert(pages["respondent page 1"], payload, "outcome questions")
    assert pages["respondent page 1"].get_data(as_text=True).count("Spot harm") >= 2


@pytest.mark.parametrize("payload", XSS)
def test_batch_labels_are_inert_on_every_links_page(db, staff, make_survey, board, payload):
    survey = make_survey(board=board)
    url = f"/boards/riverton/surveys/{survey.slug}/links/"
    made = staff.post(
        f"{url}batches", data={"csrf_token": csrf(staff, url), "count": "2", "label": payload}
    )
    assert_inert(made, payload, "new batch page")
    batch_id = db.session.scalars(select(LinkBatch.id)).one()
    assert_inert(staff.get(url), payload, "links page")
    assert_inert(staff.get(f"{url}batches/{batch_id}/revoke"), payload, "withdraw page")


@pytest.mark.parametrize("payload", XSS)
def test_board_region_and_help_contact_from_an_admin_are_inert(
    app, client, db, admin, make_user, staff_client, make_links, make_survey, payload
):
    regions = admin.post(
        "/admin/regions",
        data={"csrf_token": csrf(admin, "/admin/regions"), "name": payload, "slug": "evil-region"},
    )
    assert regions.status_code == 302
    region_id = db.session.scalars(select(Region.id).where(Region.slug == "evil-region")).one()
    made = admin.post(
        "/admin/boards",
        data={
            "csrf_token": csrf(admin, "/admin/boards"),
            "name": payload,
            "slug": "evil",
            "region": str(region_id),
            "help_contact": payload,
        },
    )
    assert made.status_code == 302
    board = db.session.scalars(select(Board).where(Board.slug == "evil")).one()
    assert (board.name, board.help_contact, board.region.name) == (payload, payload, payload)
    user = make_user("lead@evil.example", "manager", board)
    manager = staff_client(user)
    token = make_links(make_survey(board=board))[0]
    pages = {
        "admin regions": admin.get("/admin/regions"),
        "admin boards": admin.get("/admin/boards"),
        "admin accounts": admin.get("/admin/accounts"),
        "admin account": admin.get(f"/admin/accounts/{user.id}"),
        "audit log": admin.get("/admin/audit"),
        "board home": manager.get("/boards/evil"),
        "account page": manager.get("/account"),
        "respondent page": client.get(f"/r/{token}"),
    }
    for where, response in pages.items():
        assert_inert(response, payload, where)
    assert page_text(pages["respondent page"]).count(payload) >= 2  # shown, as text


@pytest.mark.parametrize("email", HOSTILE_EMAILS)
def test_an_account_email_is_inert_in_admin_lists_audit_and_staff_pages(
    db, admin, staff_client, board, email
):
    page = "/admin/accounts/new"
    shown = admin.post(
        page,
        data={
            "csrf_token": csrf(admin, page),
            "email": email,
            "role": "manager",
            "board": str(board.id),
        },
    )
    assert_inert(shown, email, "temporary password page")
    user = db.session.scalars(select(User).where(User.email == email)).one()
    user.must_change_password = False
    db.session.commit()
    pages = {
        "admin accounts": admin.get("/admin/accounts"),
        "admin account": admin.get(f"/admin/accounts/{user.id}"),
        "audit log": admin.get("/admin/audit"),
        "their own pages": staff_client(user).get("/account"),
        "their board": staff_client(user).get("/boards/riverton"),
    }
    for where, response in pages.items():
        assert_inert(response, email, where)


@pytest.mark.parametrize("payload", XSS)
def test_a_typed_sign_in_address_is_shown_back_as_text(client, payload):
    shown = client.post(
        "/login", data={"csrf_token": csrf(client, "/login"), "email": payload, "password": "x"}
    )
    assert shown.status_code == 422
    assert_inert(shown, payload, "sign-in form", 422)


@pytest.mark.parametrize("payload", XSS)
def test_questionnaire_title_summary_and_introduction_are_inert(
    app, client, db, staff, board, library, payload
):
    copy = clone(staff, db)
    saved = post_edit(
        staff, f"/{copy}/details", {"title": payload, "summary": payload, "intro": payload}
    )
    assert saved.status_code == 303
    token = run_survey(app, db, board, own(db, board)[0].latest)
    pages = {
        "library": staff.get(base()),
        "show": staff.get(f"{base()}/{copy}"),
        "editor": staff.get(f"{base()}/{copy}/edit"),
        "details form": staff.get(f"{base()}/{copy}/details"),
        "preview": staff.get(f"{base()}/{copy}/preview"),
        "survey form": staff.get("/boards/riverton/surveys/new"),
        "respondent": client.get(f"/r/{token}"),
    }
    for where, response in pages.items():
        assert_inert(response, payload, where)
