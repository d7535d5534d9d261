"""Whole journeys in a real browser: a child on a phone, with and without JavaScript, and staff."""

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import Live, assert_accessible

TITLE_END = " \N{EN DASH} Chorus"
ABOUT_TELLING = "If something was worrying you, would you know who to tell?"
ADULTS_LISTEN = "When you tell adults how you feel, do they listen?"


def question(page: Page, text: str) -> Locator:
    """The fieldset of one question, found by its legend as a screen reader would."""
    return page.get_by_role("group", name=text)


def choose(page: Page, text: str, answer: str) -> None:
    question(page, text).get_by_label(answer, exact=True).tap()


def press_button(page: Page, name: str) -> None:
    page.get_by_role("button", name=name).tap()


def expect_part(page: Page, part: int) -> None:
    expect(page.locator(".chorus-progress")).to_contain_text(f"Part {part} of 4")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_child_answers_on_a_phone(
    live: Live, new_page: Callable[..., Page], javascript: bool
) -> None:
    survey = live.survey("journey")
    link = live.links(survey)[0]
    page = new_page(javascript=javascript)

    opened = page.goto(link)
    assert opened is not None and opened.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Where you feel safe")
    choose(page, "How safe do you feel at home?", "Quite safe")
    choose(page, "How safe do you feel at school?", "Very safe")
    press_button(page, "Continue")

    expect_part(page, 2)
    choose(page, ADULTS_LISTEN, "Sometimes")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        press_button(page, "Continue")
    assert posted.value.status == 422
    expect(page).to_have_title("Error: Your views, part 2 of 4" + TITLE_END)
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary.get_by_role("link")).to_have_text(f"Choose an answer: {ABOUT_TELLING}")
    expect(page.locator("#know_who_to_tell-error")).to_have_text("Error: Choose an answer")
    expect(question(page, ADULTS_LISTEN).get_by_label("Sometimes")).to_be_checked()
    summary.get_by_role("link").tap()
    assert page.url.endswith("#know_who_to_tell-1")

    choose(page, ABOUT_TELLING, "Yes")
    press_button(page, "Continue")
    expect_part(page, 3)

    page.get_by_role("link", name="Back").tap()
    expect_part(page, 2)
    page.reload()
    expect_part(page, 2)
    expect(question(page, ABOUT_TELLING).get_by_label("Yes", exact=True)).to_be_checked()
    expect(question(page, ADULTS_LISTEN).get_by_label("Sometimes")).to_be_checked()
    page.get_by_role("link", name="Back").tap()
    expect_part(page, 1)
    home = question(page, "How safe do you feel at home?")
    expect(home.get_by_label("Quite safe")).to_be_checked()
    school = question(page, "How safe do you feel at school?")
    expect(school.get_by_label("Very safe", exact=True)).to_be_checked()

    press_button(page, "Continue")
    press_button(page, "Continue")
    expect_part(page, 3)
    choose(page, "How old are you?", "11 or 12")
    press_button(page, "Continue")
    expect_part(page, 4)
    choose(page, "Are you in care?", "No")
    press_button(page, "Send my answers")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page).to_have_title("Answers sent" + TITLE_END)

    again = page.goto(link)
    assert again is not None and again.status == 409
    expect(page.get_by_role("heading", level=1)).to_have_text("This link has already been used")
    expect(page).to_have_title("This link has already been used" + TITLE_END)
    assert live.answers(survey) == [
        {
            "safe_home": ["4"],
            "safe_school": ["5"],
            "know_who_to_tell": ["yes"],
            "adults_listen": ["3"],
            "age_band": ["11-12"],
            "looked_after": ["no"],
        }
    ]


def test_manager_creates_survey_hands_out_links_and_sees_a_response(
    live: Live, new_page: Callable[..., Page]
) -> None:
    """Sign in, set up a survey from the library, make a batch of links, see the count rise."""
    if reason := live.staff_missing():
        pytest.skip(reason)
    email, password = live.manager()
    staff = new_page(width=1024, height=768, phone=False)
    staff.goto(live.url("/login"))
    assert_accessible(staff, "sign in")
    staff.get_by_label("Email address").fill(email)
    staff.get_by_label("Password").fill(password)
    staff.get_by_role("button", name="Sign in").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(live.board_name)
    assert_accessible(staff, "board home")

    staff.get_by_role("button", name="Set up a survey").click()
    assert_accessible(staff, "set up a survey")
    library = staff.get_by_label("Questionnaire").locator("option")
    choice = library.filter(has_text="Feeling safe (ages 8 to 12)").filter(has_text="shared")
    staff.get_by_label("Questionnaire").select_option(choice.get_attribute("value"))
    staff.get_by_label("Title shown to respondents").fill("Feeling safe at Riverton schools")
    staff.get_by_label("Opening date").fill(date.today().isoformat())
    staff.get_by_label("Closing date").fill((date.today() + timedelta(days=30)).isoformat())
    staff.get_by_role("button", name="Set up the survey").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Feeling safe at Riverton schools")
    staff.get_by_role("button", name="Open the survey").click()
    assert_accessible(staff, "survey page")
    survey_page = staff.url
    expect(staff.locator("#responses-total")).to_have_text("0")

    staff.get_by_role("link", name=re.compile("^Hand out links")).click()
    assert_accessible(staff, "hand out links")
    staff.get_by_label("How many links").fill("5")
    staff.get_by_role("button", name="Make links").click()
    expect(staff.get_by_role("heading", level=1)).to_contain_text("5 new links")
    assert_accessible(staff, "new batch of links")
    links = staff.locator(".chorus-slip__url a").evaluate_all("links => links.map(a => a.href)")
    assert len(set(links)) == 5 and all(link.startswith(live.origin + "/r/") for link in links)

    child = new_page()
    child.goto(links[0])
    choose(child, "How safe do you feel at home?", "Okay")
    for _ in range(3):
        press_button(child, "Continue")
    press_button(child, "Send my answers")
    expect(child.get_by_role("heading", level=1)).to_have_text("Thank you")

    staff.goto(survey_page)
    expect(staff.locator("#responses-total")).to_have_text("1")
    expect(staff.locator("#completion")).to_contain_text("1 of 5")
