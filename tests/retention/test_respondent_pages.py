"""Exit this page, the words before the first question, and the privacy notice link."""

import json
import re

import pytest
from sqlalchemy import select

from analysis.readability import grade
from app import ROOT, create_app
from app.config import exit_url, from_environment
from app.models import Draft
from app.questionnaires.readability import grade_limit
from tests.app.test_respond import PAGE_ONE, PAGE_TWO, post_page
from tests.conftest import SAMPLE_DEFINITION, TEST_KEY

EXIT = "https://www.bbc.co.uk/weather"
SCRIPT = "/static/build/exit-this-page.js"  # govuk-frontend's module, built from npm
FIXTURES = ROOT / "node_modules/govuk-frontend/dist/govuk/components/exit-this-page/fixtures.json"
# The youngest readers the brief names: 9 years old, within the 8 to 12 limit.
CHILD_LIMIT = grade_limit("child", "8-12")


def definition(audience: str) -> dict:
    return {**SAMPLE_DEFINITION, "slug": f"sample-{audience}", "audience": audience,
            "age_range": "8-12" if audience == "child" else None,
            **({"phase": "after"} if audience == "training" else {})}  # fmt: skip


def exit_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"[^>]*govuk-exit-this-page__button', html)


def sentences(html: str) -> list[str]:
    """The sentences of some HTML, tags and links taken out."""
    text = re.sub(r"<[^>]+>", "\n", html)
    found = re.split(r"(?<=[.?!])\s+|\n", text)
    return [s.strip() for s in found if len(s.split()) > 2]


def respondent_pages(client, token: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    pages = {"first": client.get(f"/r/{token}").get_data(as_text=True)}
    post_page(client, token, 1, PAGE_ONE)
    pages["second"] = client.get(f"/r/{token}?page=2").get_data(as_text=True)
    post_page(client, token, 2, PAGE_TWO)
    pages["used"] = client.get(f"/r/{token}").get_data(as_text=True)
    return pages


@pytest.mark.parametrize("audience", ["child", "family"])
def test_every_child_and_family_page_has_the_exit_link_first(client, make_survey, make_links,
                                                              audience):  # fmt: skip
    token = make_links(make_survey(definition(audience)))[0]
    pages = respondent_pages(client, token)
    sent = post_page(client, make_links(make_survey(definition(audience)))[0], 1, PAGE_ONE)
    assert sent.status_code == 303
    pages["forged link"] = client.get("/r/notALink.forged").get_data(as_text=True)
    pages["help"] = client.get("/help").get_data(as_text=True)
    pages["notice"] = client.get(f"/privacy/{audience}").get_data(as_text=True)
    for name, html in pages.items():
        assert exit_links(html) == [EXIT], name
        assert re.findall(r'<script[^>]*src="([^"?]*)', html) == [SCRIPT], name
        # First after the skip link: before the back link, the form and the help panel.
        body = html.split('class="govuk-skip-link"')[1]
        assert body.index("govuk-exit-this-page") < body.index("<main"), name


@pytest.mark.parametrize("audience", ["practitioner", "training"])
def test_practitioner_and_training_pages_have_no_exit_link(client, make_survey, make_links,
                                                           audience):  # fmt: skip
    token = make_links(make_survey(definition(audience)))[0]
    for name, html in respondent_pages(client, token).items():
        assert "govuk-exit-this-page" not in html and "<script" not in html, name
    assert "govuk-exit-this-page" not in client.get(f"/privacy/{audience}").get_data(as_text=True)


def test_the_exit_link_is_govuk_frontends_markup(client, make_survey, make_links):
    if not FIXTURES.exists():
        pytest.skip("govuk-frontend is not installed (make assets): its fixture is the reference")
    fixture = next(f for f in json.loads(FIXTURES.read_text())["fixtures"]
                   if f["name"] == "default")  # fmt: skip
    expected = fixture["html"].replace(fixture["options"]["redirectUrl"], EXIT)
    html = client.get(f"/r/{make_links(make_survey())[0]}").get_data(as_text=True)
    squeeze = lambda text: re.sub(r"\s+", " ", text).replace("> <", "><")  # noqa: E731
    assert squeeze(expected) in squeeze(html)


def test_leaving_by_the_exit_link_keeps_the_saved_answers(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    post_page(client, token, 1, PAGE_ONE)
    second = client.get(f"/r/{token}?page=2").get_data(as_text=True)
    assert exit_links(second) == [EXIT]  # leaving is a link to another site: nothing is sent

    back = client.get(f"/r/{token}?page=1").get_data(as_text=True)

    assert db.session.scalars(select(Draft.answers)).one() == PAGE_ONE
    assert 'value="4" checked' in back and "Part 1 of 2" in back


def test_the_exit_address_is_set_per_deployment(monkeypatch):
    monkeypatch.setenv("CHORUS_EXIT_URL", "https://www.example.org/weather")
    assert from_environment()["EXIT_URL"] == "https://www.example.org/weather"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                      "SECRET_KEY": TEST_KEY, **from_environment()})  # fmt: skip
    html = app.test_client().get("/help").get_data(as_text=True)
    assert exit_links(html) == ["https://www.example.org/weather"]


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "/weather", "www.bbc.co.uk", "https://"])
def test_an_exit_address_that_is_not_a_web_address_is_refused(bad):
    with pytest.raises(ValueError, match="CHORUS_EXIT_URL"):
        exit_url(bad)


def before_panel(html: str) -> str:
    return html.split('class="chorus-promise chorus-before"')[1].split("</div>")[0]


def test_before_the_first_question_a_child_reads_what_happens(client, make_survey, make_links):
    survey = make_survey()
    html = client.get(f"/r/{make_links(survey)[0]}").get_data(as_text=True)
    panel = before_panel(html)
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", panel))
    assert "Tell us what you think." in words  # the survey's own words about what it is for
    for promise in ("We do not ask your name. We cannot tell who wrote what.",
                    "A person who is trained to help will read it.",
                    "They cannot find out who you are. But if you ask, someone can get in touch",
                    "You can stop at any time. You can skip any question."):  # fmt: skip
        assert promise in words
    assert f'href="/privacy/child/{survey.board.slug}"' in panel
    assert html.index("Before you start") < html.index("How safe do you feel at school?")


@pytest.mark.parametrize("audience", ["child", "family"])
def test_the_words_before_the_first_question_read_at_age_nine(audience):
    panel = (ROOT / "templates/respond/_before.html").read_text()
    child, family = panel.split("{% if survey.audience == 'child' %}")[1].split("{% else %}")
    found = sentences(child if audience == "child" else family.split("{% endif %}")[0])
    assert len(found) >= 6
    assert {s: grade(s) for s in found if grade(s) > CHILD_LIMIT} == {}


def test_a_family_reads_the_same_promises_in_adult_words(client, make_survey, make_links):
    html = client.get(f"/r/{make_links(make_survey(definition('family')))[0]}")
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", before_panel(html.get_data(as_text=True))))
    assert "Nobody, not even us, can tell who wrote which answers." in words
    assert "They cannot find out who wrote it. But if you ask, someone can contact you." in words
    assert "You can stop at any time and skip any question." in words


def test_practitioners_keep_the_short_promise(client, make_survey, make_links):
    html = client.get(f"/r/{make_links(make_survey(definition('practitioner')))[0]}")
    text = html.get_data(as_text=True)
    assert "Before you start" not in text and "Nobody, not even us" in text


def test_the_first_page_is_still_served_prerendered_and_equal_to_a_full_render(
    client, make_survey, make_links
):
    survey = make_survey()
    first, second = (client.get(f"/r/{t}") for t in make_links(survey, 2))
    assert first.status_code == second.status_code == 200
    assert before_panel(first.get_data(as_text=True)) == before_panel(second.get_data(as_text=True))


def test_every_respondent_page_links_to_its_audiences_notice(client, make_survey, make_links):
    survey = make_survey(definition("family"))
    notice = f'href="/privacy/family/{survey.board.slug}"'
    for name, html in respondent_pages(client, make_links(survey)[0]).items():
        assert notice in html, name
