"""The accessibility statement: linked from every page, in the form the 2018 regulations ask."""

import re
from datetime import date, datetime

import pytest

from app.pages import ACCESSIBILITY_REVIEWED
from tests.browser.conftest import AXE_OPTIONS
from tests.helpers import page_text


def footer(html: str) -> str:
    found = re.search(r"<footer\b.*?</footer>", html, re.S)
    assert found, "page has no footer"
    return found.group(0)


def sections(html: str) -> dict[str, str]:
    """The statement's text under each second-level heading, tags removed."""
    parts = re.split(r"<h2[^>]*>(.*?)</h2>", html, flags=re.S)
    texts = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part)) for part in parts]
    return {texts[i].strip(): texts[i + 1] for i in range(1, len(texts) - 1, 2)}


@pytest.fixture
def statement(client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    response = client.get("/accessibility")
    assert response.status_code == 200
    return sections(page_text(response))


def assert_links_to_statement(response) -> None:  # type: ignore[no-untyped-def]
    links = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', footer(page_text(response)))
    assert ("/accessibility", "Accessibility") in links


@pytest.mark.parametrize("path", ["/", "/help", "/privacy", "/accessibility", "/nowhere"])
def test_public_and_error_pages_link_to_statement(client, path):
    assert_links_to_statement(client.get(path))


def test_questionnaire_and_link_problem_pages_link_to_statement(client, make_survey, make_links):
    token = make_links(make_survey())[0]
    assert_links_to_statement(client.get(f"/r/{token}"))
    assert_links_to_statement(client.get(f"/r/{token[:-3]}xyz"))


def test_compliance_status_names_wcag_2_2_aa(statement):
    status = statement["Compliance status"]
    assert "Web Content Accessibility Guidelines version 2.2 AA standard" in status
    assert re.search(r"\b(fully|partially|not) compliant\b", status)
    # The claim is only as good as the checks behind it: the browser tests scan at 2.2 AA.
    assert "wcag22aa" in AXE_OPTIONS["runOnly"]["values"]
    assert "WCAG 2.2 A and AA" in statement["How we check this"]


def test_known_issues_are_stated(statement):
    issues = statement["Known issues"]
    assert "We know of no parts of Chorus that fail WCAG 2.2 AA" in issues or re.search(
        r"fix (it|this|them) by \d{1,2} \w+ \d{4}", issues
    )


def test_says_how_to_ask_for_another_format(statement):
    text = statement["What to do if you need another format"]
    assert all(word in text for word in ("paper", "large print", "easy read"))


def test_says_how_to_report_a_problem(statement):
    text = statement["Reporting accessibility problems"]
    assert re.search(r"[\w.-]+@[\w.-]+\.\w+", text)
    assert "working days" in text


def test_names_the_enforcement_procedure(statement):
    text = statement["Enforcement procedure"]
    assert "Equality and Human Rights Commission (EHRC)" in text
    assert "Equality Advisory and Support Service (EASS)" in text
    assert "Accessibility Regulations 2018" in text


def test_last_review_date_is_shown_and_real(statement):
    text = statement["Preparation of this statement"]
    assert f"last reviewed on {ACCESSIBILITY_REVIEWED}" in text
    reviewed = datetime.strptime(ACCESSIBILITY_REVIEWED, "%d %B %Y").date()
    assert reviewed <= date.today()
