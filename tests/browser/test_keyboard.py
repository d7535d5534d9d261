"""Keyboard only: every kind of question answered and sent with Tab, arrows, Space and Enter."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Live

# Whether the focused element shows a focus indicator. GOV.UK radios and checkboxes hide
# the native input and draw the ring on the label's ::before, so look there for those.
FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  const shown = (s) => (s.boxShadow && s.boxShadow !== 'none') ||
    (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 &&
     !['transparent', 'rgba(0, 0, 0, 0)'].includes(s.outlineColor));
  if (shown(getComputedStyle(el))) return true;
  const label = el.labels && el.labels[0];
  return !!label && el.matches('[type=radio], [type=checkbox]') &&
    (shown(getComputedStyle(label, '::before')) || shown(getComputedStyle(label, '::after')));
}"""
# Where the focus is among the page's elements; -1 when it has left the page's controls.
POSITION = """() => document.activeElement === document.body ? -1 :
  Array.from(document.querySelectorAll('*')).indexOf(document.activeElement)"""
FOCUSED = "() => { const el = document.activeElement; return el.name || el.textContent.trim(); }"


def tab_to(page: Page, name: str, key: str = "Tab", limit: int = 30) -> None:
    """Press Tab (or Shift+Tab) until the named field or button has focus, checking that
    every element passed on the way shows where the focus is."""
    for _ in range(limit):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED)
        assert page.evaluate(FOCUS_SHOWN), f"no visible focus on {focused!r}"
        if focused == name:
            return
    raise AssertionError(f"{key} never reached {name!r}")


def checked(page: Page, name: str) -> list[str]:
    return page.eval_on_selector_all(
        f"[name='{name}']:checked", "inputs => inputs.map(i => i.value)"
    )


def press(page: Page, *keys: str) -> None:
    for key in keys:
        page.keyboard.press(key)


@pytest.mark.parametrize("path", ["/", "/accessibility", "/no-such-page"])
def test_focus_is_visible_on_everything_a_public_page_can_focus(
    live: Live, new_page: Callable[..., Page], path: str
) -> None:
    page = new_page(width=1024, height=768, phone=False)
    page.goto(live.url(path))
    seen: list[str] = []
    positions: set[int] = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        position = page.evaluate(POSITION)
        if position in positions or position < 0:
            break  # back to the start, or out of the page
        focused = page.evaluate(FOCUSED)
        assert page.evaluate(FOCUS_SHOWN), f"no visible focus on {focused!r} at {path}"
        positions.add(position)
        seen.append(focused)
    assert "Skip to main content" in seen and "Accessibility" in seen, seen


def test_every_question_type_by_keyboard(live: Live, new_page: Callable[..., Page]) -> None:
    survey = live.survey("every-type")
    page = new_page(width=1024, height=768, phone=False)
    page.goto(live.links(survey)[0])

    tab_to(page, "safe_school")  # faces: arrows move and choose
    press(page, "ArrowDown", "ArrowDown", "ArrowDown")
    tab_to(page, "adults_listen")  # agree
    press(page, "ArrowRight", "ArrowRight", "ArrowRight", "ArrowRight")
    tab_to(page, "know_who")  # yes_no: Space chooses the first
    press(page, "Space")
    tab_to(page, "heard_from")  # single
    press(page, "ArrowDown", "ArrowDown", "ArrowUp")
    tab_to(page, "know_who", key="Shift+Tab")  # change an answer on the way back
    press(page, "ArrowDown")
    assert checked(page, "safe_school") == ["4"] and checked(page, "adults_listen") == ["5"]
    assert checked(page, "know_who") == ["no"] and checked(page, "heard_from") == ["family"]
    tab_to(page, "Continue")
    with page.expect_navigation():
        press(page, "Enter")

    expect(page.locator(".chorus-progress")).to_contain_text("Part 2 of 2")
    tab_to(page, "places")  # multi: Space ticks each box
    press(page, "Space", "Tab", "Tab", "Space")
    tab_to(page, "score")  # rating
    press(page, *["ArrowRight"] * 7)
    tab_to(page, "age")  # age_band
    press(page, "ArrowDown")
    tab_to(page, "nickname")  # short_text
    page.keyboard.type("football")
    tab_to(page, "safer")  # long_text
    page.keyboard.type("More lights in the park")
    tab_to(page, "nickname", key="Shift+Tab")
    press(page, "End")
    page.keyboard.type(" and drawing")
    tab_to(page, "Send my answers")
    with page.expect_navigation():
        press(page, "Space")

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    assert live.answers(survey) == [
        {
            "safe_school": ["4"],
            "adults_listen": ["5"],
            "know_who": ["no"],
            "heard_from": ["family"],
            "places": ["home", "park"],
            "score": ["7"],
            "age": ["11-12"],
            "nickname": ["football and drawing"],
            "safer": ["More lights in the park"],
        }
    ]


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no script"])
def test_exit_this_page_comes_first_and_leaves_at_once_keeping_the_answers(
    live: Live, new_page: Callable[..., Page], javascript: bool
) -> None:
    page = new_page(javascript=javascript, width=1024, height=768, phone=False)
    neutral = "https://www.bbc.co.uk/weather"
    # No network here: the neutral site is answered by the browser harness itself.
    page.route(neutral, lambda route: route.fulfill(body="<title>Weather</title>Weather"))
    link = live.links(live.survey("child"))[0]
    page.goto(link)
    page.get_by_role("group", name="How safe do you feel at home?").get_by_label("Okay").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()

    press(page, "Tab", "Tab")  # the skip link, then the exit button: first on the page
    assert page.evaluate(FOCUSED) == "Emergency Exit this page"
    assert page.evaluate(FOCUS_SHOWN)
    with page.expect_navigation():
        press(page, "Enter")

    assert page.url == neutral
    page.goto(f"{link}?page=1")
    assert checked(page, "safe_home") == ["3"]  # the saved page is still on the server


def test_pressing_shift_three_times_leaves_too(live: Live, new_page: Callable[..., Page]) -> None:
    page = new_page(width=1024, height=768, phone=False)
    neutral = "https://www.bbc.co.uk/weather"
    page.route(neutral, lambda route: route.fulfill(body="<title>Weather</title>Weather"))
    page.goto(live.links(live.survey("child"))[0])
    expect(page.locator("body.govuk-frontend-supported")).to_have_count(1)  # the script ran

    with page.expect_navigation():
        press(page, "Shift", "Shift", "Shift")

    assert page.url == neutral
