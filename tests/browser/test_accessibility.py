"""axe-core at WCAG 2.2 A and AA on every page a respondent can reach, and reflow at 320 px.

Adding a page to the scan is one line in PUBLIC_PAGES, PROBLEM_LINKS or STAFF_PAGES.
"""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from app.links.tokens import make_token, new_nonce
from tests.browser.conftest import Live, assert_accessible, axe_violations

# name -> path, scanned signed out.
PUBLIC_PAGES = {
    "home": "/",
    "get help now": "/help",
    "privacy notice": "/privacy",
    "privacy notice for children": "/privacy/child",
    "privacy notice for families": "/privacy/family",
    "privacy notice for practitioners": "/privacy/practitioner",
    "privacy notice for training": "/privacy/training",
    "accessibility statement": "/accessibility",
    "you said, we did": "/b/riverton/you-said-we-did",
    "page not found": "/no-such-page",
}

# name -> (how to make such a link, the status its page must have).
PROBLEM_LINKS: dict[str, tuple[Callable[[Live], str], int]] = {
    "invalid": (lambda live: live.url("/r/iNotALinkAtAll.forged"), 404),
    "unknown": (lambda live: live.link(make_token(live.keys, "invitation", new_nonce())), 404),
    "closed": (lambda live: live.links(live.survey(status="closed"))[0], 410),
    "not yet open": (
        lambda live: live.links(live.survey(opens_on=date.today() + timedelta(days=7)))[0],
        403,
    ),
    "paused": (lambda live: live.links(live.survey(status="paused"))[0], 403),
    "revoked": (lambda live: live.mark_invitation(live.links(live.survey())[0], revoked=True), 410),
    "used": (lambda live: live.mark_invitation(live.links(live.survey())[0], used=True), 409),
    "full": (lambda live: live.open_link(live.survey(), cap=2, uses=2), 409),
}

# name -> (what happens between opening a questionnaire and sending its first page,
#          the status of the page then shown, a sentence it must say).
INTERRUPTIONS: dict[str, tuple[Callable[[Live, Page, str], object], int, str]] = {
    "session expired": (
        lambda live, page, link: page.context.clear_cookies(),
        400,
        "Your answers are still here",
    ),
    "link withdrawn": (
        lambda live, page, link: live.mark_invitation(link, revoked=True),
        410,
        "Your answers below were not sent",
    ),
}

# name -> path, scanned signed in as the seeded board's manager; {board} and {survey} are
# filled in with the board's slug and a new survey's. The staff journey in
# test_respondent_journey.py scans every page it passes through as well.
STAFF_PAGES = {
    "your account": "/account",
    "change password": "/account/password",
    "change survey details": "/boards/{board}/surveys/{survey}/edit",
    "open link poster": "/boards/{board}/surveys/{survey}/links/open",
    "survey results": "/boards/{board}/surveys/{survey}/results",
    "evidence pack": "/boards/{board}/evidence",
    "results settings": "/boards/{board}/results-settings",
    "codebook": "/boards/{board}/codebook",
    "you said, we did": "/boards/{board}/actions",
    "record an action": "/boards/{board}/actions/new",
}

QUESTIONNAIRES = {"child": 4, "every-type": 2}


def submit(page: Page) -> None:
    """Press the page's button and wait for the next page to load."""
    with page.expect_navigation():
        page.locator("form button[type=submit]").tap()


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_violations(live: Live, page: Page, name: str) -> None:
    response = page.goto(live.url(PUBLIC_PAGES[name]))
    assert response is not None and response.status == (404 if "not found" in name else 200)
    assert_accessible(page, name)


@pytest.mark.parametrize("reason", PROBLEM_LINKS)
def test_problem_page_has_no_violations(live: Live, page: Page, reason: str) -> None:
    make_link, status = PROBLEM_LINKS[reason]
    response = page.goto(make_link(live))
    assert response is not None and response.status == status
    assert_accessible(page, f"the {reason} link page")


@pytest.mark.parametrize("name", INTERRUPTIONS)
def test_interrupted_answer_page_has_no_violations(live: Live, page: Page, name: str) -> None:
    interrupt, status, sentence = INTERRUPTIONS[name]
    link = live.links(live.survey("every-type"))[0]
    page.goto(link)
    school = page.get_by_role("group", name="How safe do you feel at school?")
    school.get_by_label("Happy", exact=True).tap()
    interrupt(live, page, link)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        submit(page)
    assert posted.value.status == status
    expect(page.locator("main")).to_contain_text(sentence)
    assert_accessible(page, f"the page shown when the {name}")


@pytest.mark.parametrize("questionnaire", QUESTIONNAIRES)
def test_every_questionnaire_page_has_no_violations(
    live: Live, page: Page, questionnaire: str
) -> None:
    """Each page, the error state where a question is required, and the thank-you page."""
    page.goto(live.links(live.survey(questionnaire))[0])
    reports = []
    for part in range(1, QUESTIONNAIRES[questionnaire] + 1):
        reports.append(axe_violations(page, f"{questionnaire} part {part}"))
        submit(page)
        if page.locator(".govuk-error-summary").count():
            reports.append(axe_violations(page, f"{questionnaire} part {part}, with an error"))
            page.locator("form input[type=radio]").first.check()
            submit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    reports.append(axe_violations(page, f"{questionnaire} thank-you page"))
    assert not any(reports), "\n\n".join(filter(None, reports))


@pytest.fixture(scope="module")
def manager_cookies(live: Live, browser: Browser) -> list[Any]:
    """A signed-in manager's cookies, signing in once: sign-in is throttled per client."""
    if reason := live.staff_missing():
        pytest.skip(reason)
    email, password = live.manager()
    context = browser.new_context()
    page = context.new_page()
    page.goto(live.url("/login"))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(live.board_name)
    cookies = context.cookies()
    context.close()
    return cookies  # type: ignore[return-value]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_page_has_no_violations(
    live: Live, new_page: Callable[..., Page], manager_cookies: list[Any], name: str
) -> None:
    page = new_page(width=1024, height=768, phone=False)
    page.context.add_cookies(manager_cookies)
    survey = live.slug(live.survey("child", status="draft"))
    response = page.goto(live.url(STAFF_PAGES[name].format(board=live.board_slug, survey=survey)))
    assert response is not None and response.status == 200
    assert_accessible(page, name)


@pytest.mark.parametrize("questionnaire", QUESTIONNAIRES)
def test_questionnaire_reflows_at_320_pixels(
    live: Live, new_page: Callable[..., Page], questionnaire: str
) -> None:
    """WCAG 1.4.10: 1280 px at 400% zoom (or 640 px at 200%) is 320 px; nothing scrolls sideways."""
    page = new_page(width=320, height=640)
    page.goto(live.links(live.survey(questionnaire))[0])
    for part in range(1, QUESTIONNAIRES[questionnaire] + 1):
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"{questionnaire} part {part} scrolls sideways: {widths}"
        page.locator("form input[type=radio]").first.check()
        submit(page)


def test_pages_that_show_actions_have_no_violations_and_reflow(
    live: Live, new_page: Callable[..., Page]
) -> None:
    """The board's page for children, a closed survey's link and a thank-you page, each
    listing what the board did, at 320 px."""
    closed = live.survey(status="closed")
    live.action(closed)
    live.action(status="planned")
    page = new_page(width=320, height=640)
    pages = {"you said, we did": live.url("/b/riverton/you-said-we-did"),
             "closed link with actions": live.links(closed)[0]}  # fmt: skip
    for name, url in pages.items():
        page.goto(url)
        expect(page.locator("main")).to_contain_text("Now it has new lights.")
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"{name} scrolls sideways: {widths}"
        assert_accessible(page, name)
