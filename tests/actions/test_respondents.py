"""Respondents hear what changed: on the thank-you page of a later survey (cheaply), on a
closed survey's link, and on the board's page for children."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import event

from analysis.readability import grade
from app.extensions import db as _db
from tests.actions.conftest import FIELDS, FOR_CHILDREN, TODAY, post_action, post_status
from tests.helpers import hidden_fields, page_text

SCRIPT = "<script>alert(1)</script>"


def words(response) -> str:  # type: ignore[no-untyped-def]
    """The page's text without tags, spaces run together."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page_text(response)))


def send(app, token: str, answers: dict[str, str]):  # type: ignore[no-untyped-def]
    client = app.test_client()
    fields = hidden_fields(client.get(f"/r/{token}").data)
    return client.post(f"/r/{token}", data={**fields, **answers})


def send_child(app, token: str):  # type: ignore[no-untyped-def]
    return send(app, token, {"safe_school": "4"})


def test_a_later_childrens_survey_thanks_with_the_childrens_words(
    app, manager, closed_survey, child_survey, make_links
):
    post_action(manager, survey=str(closed_survey.id), status="done")
    thanks = send_child(app, make_links(child_survey)[0])
    text = page_text(thanks)
    assert thanks.status_code == 200 and "Thank you" in text
    assert FOR_CHILDREN in text and "We have done this" in text
    assert FIELDS["we_did"] not in text


def test_a_later_adults_survey_thanks_with_what_was_said_and_done(
    app, manager, closed_survey, staff_survey, make_links
):
    post_action(manager, survey=str(closed_survey.id), status="in_progress")
    text = words(send(app, make_links(staff_survey)[0], {"useful": "8"}))
    assert f"You said: {FIELDS['you_said']}" in text and f"We did: {FIELDS['we_did']}" in text
    assert "In progress" in text and FOR_CHILDREN not in text


def test_the_thank_you_page_reads_the_actions_once_until_they_change(
    app, manager, closed_survey, child_survey, make_links
):
    post_action(manager, survey=str(closed_survey.id))
    tokens = make_links(child_survey, 4)
    reads: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if "board_action" in statement:
            reads.append(statement)

    event.listen(_db.engine, "before_cursor_execute", count)
    try:
        assert FOR_CHILDREN in page_text(send_child(app, tokens[0]))
        assert FOR_CHILDREN in page_text(send_child(app, tokens[1]))
        assert len(reads) == 1  # the second submission paid nothing for the actions
        post_action(manager, survey="none", theme="Parks", for_children="The park has new lights.")
        reads.clear()
        assert "The park has new lights." in page_text(send_child(app, tokens[2]))
        assert "The park has new lights." in page_text(send_child(app, tokens[3]))
        assert len([r for r in reads if r.lstrip().upper().startswith("SELECT")]) == 1
    finally:
        event.remove(_db.engine, "before_cursor_execute", count)


def test_a_surveys_own_actions_are_not_on_its_own_thank_you_page(
    app, manager, child_survey, make_links
):
    post_action(manager, survey=str(child_survey.id), for_children="We fixed the gate.")
    assert "We fixed the gate." not in page_text(send_child(app, make_links(child_survey)[0]))


def test_a_closed_surveys_link_shows_what_the_board_did_about_it(
    app, manager, closed_survey, make_links, make_open_link
):
    post_action(manager, survey="none", theme="Parks", for_children="The park has new lights.")
    post_action(manager, survey=str(closed_survey.id), status="done")
    for token in (make_links(closed_survey)[0], make_open_link(closed_survey)):
        page = app.test_client().get(f"/r/{token}")
        text = page_text(page)
        assert page.status_code == 410 and "This survey has closed" in text
        assert "What we did about what people told us" in text
        assert FOR_CHILDREN in text and "We have done this" in text
        assert "The park has new lights." not in text  # only what came of this survey
        assert "Need help now?" in text


def test_a_closed_survey_with_no_actions_of_its_own_shows_the_boards_latest(
    app, manager, closed_survey, make_links, make_survey, hillford
):
    post_action(manager, survey="none", theme="Parks", for_children="The park has new lights.")
    theirs = make_survey(
        board=hillford,
        status="closed",
        opens_on=TODAY - timedelta(days=9),
        closes_on=TODAY - timedelta(days=2),
    )
    text = page_text(app.test_client().get(f"/r/{make_links(closed_survey)[0]}"))
    assert "The park has new lights." in text
    other = page_text(app.test_client().get(f"/r/{make_links(theirs)[0]}"))
    assert "This survey has closed" in other and "The park has new lights." not in other


def test_the_public_page_is_for_children_and_needs_no_sign_in(
    app, client, manager, closed_survey, riverton
):
    post_action(manager, survey=str(closed_survey.id), status="done")
    post_action(manager, survey="none", theme="Parks", for_children="The park will get lights.")
    page = client.get("/b/riverton/you-said-we-did")
    html = page.get_data(as_text=True)
    text = page_text(page)
    assert page.status_code == 200 and "no-store" in page.headers.get("Cache-Control", "")
    assert FOR_CHILDREN in text and "The park will get lights." in text
    assert "We have done this" in text and "We plan to do this" in text
    assert FIELDS["we_did"] not in text and "Need help now?" in text
    # The one script is Exit this page, from our own origin, as on every child's page.
    assert html.count("<script") == 1 and 'src="/static/build/exit-this-page.js' in html
    assert 'class="govuk-exit-this-page' in html and 'name="viewport"' in html
    assert client.get("/b/nowhere/you-said-we-did").status_code == 404


def test_the_public_pages_own_words_read_at_grade_five_or_below(client, riverton):
    html = client.get("/b/riverton/you-said-we-did").get_data(as_text=True)
    main = html.split("<main", 1)[1].split("<aside", 1)[0]
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main.split(">", 1)[1])).strip()
    assert "You said, we did" in words
    assert grade(words) <= 5, words


@pytest.mark.parametrize("field", ["theme", "you_said", "we_did", "for_children"])
def test_a_script_in_any_field_stays_text_everywhere(
    app, manager, closed_survey, staff_survey, child_survey, make_links, field
):
    value = f"We put up {SCRIPT} lights <img src=x onerror=alert(1)> in the park."
    theme = {"theme": "Parks"} if field != "theme" else {}
    added = post_action(
        manager, survey=str(closed_survey.id), status="done", **{field: value, **theme}
    )
    assert added.status_code == 303
    pages = [
        manager.get("/boards/riverton/actions"),
        app.test_client().get("/b/riverton/you-said-we-did"),
        app.test_client().get(f"/r/{make_links(closed_survey)[0]}"),
        send(app, make_links(staff_survey)[0], {"useful": "8"}),
        send_child(app, make_links(child_survey)[0]),
    ]
    for page in pages:
        html = page.get_data(as_text=True)
        assert SCRIPT not in html and "<img src=x" not in html
    shown = "".join(page_text(p) for p in pages)
    assert value in shown


def test_a_status_change_reaches_the_thank_you_page(
    app, db, manager, closed_survey, child_survey, make_links
):
    post_action(manager, survey=str(closed_survey.id))
    tokens = make_links(child_survey, 2)
    assert "We plan to do this" in page_text(send_child(app, tokens[0]))
    from app.models import Action

    action_id = db.session.scalars(db.select(Action.id)).one()
    post_status(manager, action_id, "done")
    assert "We have done this" in page_text(send_child(app, tokens[1]))
