"""Managers record, change and move on their board's actions; nobody else can, and bad input
gets a clear message, never a 500 or a half-stored action."""

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.models import Action
from tests.actions.conftest import FIELDS, audit_actions, post_action, post_status
from tests.helpers import hidden_fields, page_text


def stored(db) -> list[Action]:  # type: ignore[no-untyped-def]
    return list(db.session.scalars(select(Action).order_by(Action.id)))


def test_a_manager_records_changes_and_moves_on_an_action(db, manager, closed_survey):
    added = post_action(manager, survey=str(closed_survey.id))
    assert added.status_code == 303
    [action] = stored(db)
    assert (action.survey_id, action.status, action.about) == (
        closed_survey.id,
        "planned",
        closed_survey.title,
    )
    listed = page_text(manager.get("/boards/riverton/actions"))
    assert FIELDS["you_said"] in listed and FIELDS["we_did"] in listed and "Planned" in listed
    edited = post_action(
        manager,
        url=f"{action.id}/edit",
        survey="none",
        theme="Transport",
        we_did="Police patrol on Fridays and Saturdays.",
    )
    assert edited.status_code == 303
    assert post_status(manager, action.id, "in_progress").status_code == 303
    db.session.refresh(action)
    assert (action.survey_id, action.theme, action.status) == (None, "Transport", "in_progress")
    assert audit_actions(db) == ["action.added", "action.edited", "action.status-in_progress"]


def test_the_edit_form_shows_what_the_action_says(db, manager, closed_survey):
    post_action(manager, survey=str(closed_survey.id), theme="Transport")
    action = stored(db)[0]
    page = page_text(manager.get(f"/boards/riverton/actions/{action.id}/edit"))
    assert FIELDS["you_said"] in page and 'value="Transport"' in page
    assert f'<option value="{closed_survey.id}" selected>' in page


@pytest.mark.parametrize("role", ["analyst", "trainer", "reviewer"])
def test_only_managers_see_or_change_actions(
    db, make_user, staff_client, riverton, manager, closed_survey, role
):
    post_action(manager, survey=str(closed_survey.id))
    action = stored(db)[0]
    client = staff_client(make_user(f"{role}@riverton.example", role, riverton))
    token = hidden_fields(client.get("/account/password").data).get("csrf_token", "")
    for url in ("", "/new", f"/{action.id}/edit"):
        assert client.get(f"/boards/riverton/actions{url}").status_code == 404
    for url in ("/new", f"/{action.id}/edit", f"/{action.id}/status"):
        sent = client.post(
            f"/boards/riverton/actions{url}", data={**FIELDS, "csrf_token": token, "status": "done"}
        )
        assert sent.status_code in (400, 404)
    db.session.refresh(action)
    assert action.status == "planned" and len(stored(db)) == 1


def test_another_boards_manager_gets_404_for_every_page_and_action(
    db, make_user, staff_client, hillford, manager, closed_survey, make_survey
):
    post_action(manager, survey=str(closed_survey.id))
    action = stored(db)[0]
    other = staff_client(make_user("manager@hillford.example", "manager", hillford))
    token = hidden_fields(other.get("/boards/hillford/actions/new").data)["csrf_token"]
    assert other.get("/boards/riverton/actions").status_code == 404
    assert other.get(f"/boards/riverton/actions/{action.id}/edit").status_code == 404
    # Through their own board's address, Riverton's action is nobody's either.
    assert other.get(f"/boards/hillford/actions/{action.id}/edit").status_code == 404
    moved = other.post(
        f"/boards/hillford/actions/{action.id}/status", data={"csrf_token": token, "status": "done"}
    )
    assert moved.status_code == 404
    # Nor can a Hillford action be set against Riverton's survey.
    theirs = other.post(
        "/boards/hillford/actions/new",
        data={**FIELDS, "csrf_token": token, "survey": str(closed_survey.id)},
    )
    assert theirs.status_code == 422 and "Choose a survey" in page_text(theirs)
    db.session.refresh(action)
    assert action.status == "planned" and len(stored(db)) == 1


def test_words_too_hard_for_children_are_refused_with_the_grade(db, manager, closed_survey):
    hard = (
        "Following comprehensive consultation, the partnership commissioned additional "
        "evening patrols, strengthening multi-agency safeguarding arrangements considerably."
    )
    refused = post_action(manager, survey=str(closed_survey.id), for_children=hard)
    text = page_text(refused)
    assert refused.status_code == 422
    assert "read at school grade" in text and "should be 5 or below" in text
    assert stored(db) == [] and audit_actions(db) == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"you_said": ""}, "Say what people told the board"),
        ({"we_did": "   "}, "Say what the board did"),
        ({"for_children": ""}, "Write the words for children"),
        ({"acted_on": "31/02/2026"}, "Enter the date as a real date"),
        ({"acted_on": ""}, "Enter the date"),
        ({"status": "finished"}, "Choose planned, in progress or done"),
        ({"survey": "none", "theme": ""}, "Give the theme"),
        ({"survey": "999999"}, "Choose a survey"),
        ({"survey": "'; DROP TABLE board_action;--"}, "Choose a survey"),
        ({"theme": "x" * 121}, "Use 120 characters or fewer"),
        ({"we_did": "x" * 1001}, "Use 1000 characters or fewer"),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(
    db, manager, closed_survey, fields, message
):
    sent = post_action(manager, **{"survey": str(closed_survey.id), **fields})
    assert sent.status_code == 422 and message in page_text(sent)
    assert stored(db) == []


def test_posts_without_the_csrf_token_or_to_no_action_are_refused(db, manager, closed_survey):
    sent = manager.post(
        "/boards/riverton/actions/new", data={**FIELDS, "survey": "none", "theme": "Transport"}
    )
    assert sent.status_code == 400 and stored(db) == []
    assert manager.get("/boards/riverton/actions/abc/edit").status_code == 404
    assert manager.get("/boards/riverton/actions/123456/edit").status_code == 404
    post_action(manager, survey=str(closed_survey.id))
    bad = post_status(manager, stored(db)[0].id, "finished")
    assert bad.status_code == 400 and stored(db)[0].status == "planned"


def test_the_database_holds_only_the_three_statuses_and_needs_a_subject(db, riverton):
    def add(**values: object) -> None:
        db.session.add(
            Action(
                board_id=riverton.id,
                you_said="a",
                we_did="b",
                for_children="c",
                acted_on=date.today(),
                recorded_on=date.today(),
                **values,
            )
        )
        db.session.flush()

    with pytest.raises(IntegrityError):
        add(theme="Transport", status="finished")
    db.session.rollback()
    with pytest.raises(IntegrityError):
        add(theme="", status="done")
    db.session.rollback()
    add(theme="Transport", status="in_progress")
    db.session.commit()
