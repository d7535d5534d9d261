"""Setting up surveys, moving them through their states, and the survey page's counts."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.models import AuditEvent, Invitation, Response, Survey
from app.questionnaires.definition import parse_definition
from app.questionnaires.store import save_version, sync_library
from app.surveys.progress import bar_widths
from app.surveys.service import Details, SurveyError, slugify, update_survey
from tests.app.test_respond import answer_all
from tests.conftest import SAMPLE_DEFINITION
from tests.helpers import hidden_fields, page_text

TODAY = date.today()


@pytest.fixture(autouse=True)
def priorities(db, board):
    """The board's own list of priorities, which a survey's priority is chosen from."""
    board.priorities = ["Neglect", "Early help"]
    db.session.commit()


@pytest.fixture
def library(db):
    versions = sync_library(db.session)
    db.session.commit()
    return versions


def csrf(client, url: str = "/boards/riverton/surveys/new") -> str:
    return hidden_fields(client.get(url).data)["csrf_token"]


def form_data(questionnaire_id: int, **changes: str) -> dict[str, str]:
    data = {
        "questionnaire": str(questionnaire_id),
        "title": "Feeling safe in Riverton",
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + timedelta(days=30)).isoformat(),
        "cap": "",
        "qa_section": "D",
        "priority": "Neglect",
        "themes": "neglect, online safety, neglect, ",
        "distribution": "This survey is being shared in Riverton primary schools.",
        "outcomes": "",
    }
    return {**data, **changes}


def create(staff, questionnaire_id: int, **changes: str):
    token = csrf(staff)
    data = {**form_data(questionnaire_id, **changes), "csrf_token": token}
    return staff.post("/boards/riverton/surveys/new", data=data)


def surveys(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Survey))


def audit_actions(db) -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_the_form_offers_the_library_and_the_boards_own_only(db, staff, board, make_board, library):
    own = save_version(
        db.session, parse_definition({**SAMPLE_DEFINITION, "title": "Ours"}), board.id
    )
    other = make_board("hillford")
    theirs = save_version(
        db.session, parse_definition({**SAMPLE_DEFINITION, "title": "Theirs"}), other.id
    )
    db.session.commit()
    html = page_text(staff.get("/boards/riverton/surveys/new"))
    assert "Feeling safe (ages 8 to 12): for children and young people (shared library" in html
    assert f'value="{own.questionnaire_id}"' in html and "Ours: for children" in html
    assert f'value="{theirs.questionnaire_id}"' not in html and "Theirs" not in html


def test_manager_creates_a_draft_survey_from_the_library(db, staff, library):
    version = library["feeling-safe-8-12"]
    response = create(staff, version.questionnaire_id)
    assert response.status_code == 303
    survey = db.session.scalars(select(Survey)).one()
    assert response.headers["Location"] == f"/boards/riverton/surveys/{survey.slug}"
    assert survey.slug == "riverton-feeling-safe-in-riverton"
    assert (survey.status, survey.audience, survey.version_id) == ("draft", "child", version.id)
    assert survey.tags == {"qa_section": "D", "priority": "Neglect",
                           "themes": ["neglect", "online safety"]}  # fmt: skip
    assert survey.cap is None and survey.outcomes == []
    assert survey.distribution == "This survey is being shared in Riverton primary schools."
    assert audit_actions(db) == ["survey.created"]
    page = page_text(staff.get(response.headers["Location"]))
    assert "Survey set up as a draft" in page and "Draft" in page


def test_same_title_gets_a_numbered_slug(db, staff, library):
    qid = library["feeling-safe-8-12"].questionnaire_id
    create(staff, qid)
    create(staff, qid)
    create(staff, qid, title="Feeling safe in Riverton!")
    slugs = sorted(db.session.scalars(select(Survey.slug)))
    assert slugs == ["riverton-feeling-safe-in-riverton", "riverton-feeling-safe-in-riverton-2",
                     "riverton-feeling-safe-in-riverton-3"]  # fmt: skip


def test_slugify_keeps_plain_ascii_words():
    assert slugify("Élan: Year 6 — Oak Class!") == "elan-year-6-oak-class"
    assert slugify("¿¡!") == "survey"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"closes_on": (TODAY - timedelta(days=1)).isoformat()},
         "The closing date must be the same as or after the opening date"),
        ({"cap": "0"}, "The limit must be between 1 and 100,000"),
        ({"cap": "-1"}, "The limit must be between 1 and 100,000"),
        ({"cap": "lots"}, "Enter the limit as a whole number, like 200, or leave it empty"),
        ({"opens_on": "2026-02-31"}, "Enter the opening date as a real date"),
        ({"title": "  "}, "Enter the title respondents will see"),
        ({"questionnaire": "999999"}, "Choose a questionnaire from the list"),
        ({"questionnaire": ""}, "Choose a questionnaire from the list"),
        ({"questionnaire": "not-a-number"}, "Choose a questionnaire from the list"),
        ({"themes": ", ".join(f"theme {n}" for n in range(11))}, "Give at most 10 themes"),
    ],
)  # fmt: skip
def test_bad_input_is_explained_and_changes_nothing(db, staff, library, changes, message):
    response = create(staff, library["feeling-safe-8-12"].questionnaire_id, **changes)
    assert response.status_code == 422
    html = page_text(response)
    assert "There is a problem" in html and message in html
    assert surveys(db) == 0
    assert audit_actions(db) == []


def test_another_boards_questionnaire_cannot_be_chosen(db, staff, make_board, library):
    other = make_board("hillford")
    theirs = save_version(db.session, parse_definition(SAMPLE_DEFINITION), other.id)
    db.session.commit()
    response = create(staff, theirs.questionnaire_id)
    assert response.status_code == 422
    assert "Choose a questionnaire from the list" in page_text(response)
    assert surveys(db) == 0


def test_training_survey_needs_and_keeps_its_outcomes(db, staff, library):
    qid = library["training-after"].questionnaire_id
    refused = create(staff, qid, title="Working Together")
    assert refused.status_code == 422
    assert "Give at least one learning outcome, one per line" in page_text(refused)
    assert surveys(db) == 0
    made = create(
        staff, qid, title="Working Together", outcomes="Spot harm\n\n  Share a concern \n"
    )
    assert made.status_code == 303
    survey = db.session.scalars(select(Survey)).one()
    assert survey.audience == "training"
    assert survey.outcomes == ["Spot harm", "Share a concern"]


def test_distribution_note_reaches_respondents_on_page_one(db, staff, library, make_links):
    create(staff, library["feeling-safe-8-12"].questionnaire_id)
    survey = db.session.scalars(select(Survey)).one()
    survey.status = "open"
    db.session.commit()
    html = page_text(staff.application.test_client().get(f"/r/{make_links(survey)[0]}"))
    assert "This survey is being shared in Riverton primary schools." in html


def post_action(staff, survey, action: str, **data: str):
    url = f"/boards/riverton/surveys/{survey.slug}"
    return staff.post(f"{url}/{action}", data={"csrf_token": csrf(staff, url), **data})


def test_survey_moves_through_its_states(db, staff, make_survey, board):
    survey = make_survey(board=board, status="draft")
    steps = [("open", "open"), ("pause", "paused"), ("open", "open"), ("close", "closed"),
             ("reopen", "open")]  # fmt: skip
    for action, status in steps:
        response = post_action(staff, survey, action)
        assert response.status_code == 303, action
        db.session.refresh(survey)
        assert survey.status == status
    assert audit_actions(db) == [f"survey.{action}" for action, _ in steps]


@pytest.mark.parametrize(
    ("status", "action", "message"),
    [("draft", "pause", "This survey is a draft, so it cannot be paused."),
     ("draft", "close", "This survey is a draft, so it cannot be closed."),
     ("open", "open", "This survey is open, so it cannot be opened."),
     ("closed", "pause", "This survey is closed, so it cannot be paused."),
     ("open", "reopen", "This survey is open, so it cannot be reopened.")],
)  # fmt: skip
def test_moves_that_make_no_sense_are_refused(
    db, staff, make_survey, board, status, action, message
):
    survey = make_survey(board=board, status=status)
    response = post_action(staff, survey, action)
    assert response.status_code == 409
    assert message in page_text(response)
    db.session.refresh(survey)
    assert survey.status == status


def test_reopening_after_the_closing_date_asks_for_a_new_one(db, staff, make_survey, board):
    survey = make_survey(board=board, status="closed", opens_on=TODAY - timedelta(days=20),
                         closes_on=TODAY - timedelta(days=2))  # fmt: skip
    page = page_text(staff.get(f"/boards/riverton/surveys/{survey.slug}"))
    assert "has passed. Choose today or later." in page and 'name="closes_on"' in page
    refused = post_action(staff, survey, "reopen")
    assert refused.status_code == 422
    assert "has passed. Give a new closing date, today or later." in page_text(refused)
    past = post_action(staff, survey, "reopen", closes_on=(TODAY - timedelta(days=1)).isoformat())
    assert past.status_code == 422
    db.session.refresh(survey)
    assert survey.status == "closed" and survey.closes_on == TODAY - timedelta(days=2)
    new_date = TODAY + timedelta(days=14)
    assert post_action(staff, survey, "reopen", closes_on=new_date.isoformat()).status_code == 303
    db.session.refresh(survey)
    assert (survey.status, survey.closes_on) == ("open", new_date)


def test_state_changes_need_post_and_csrf(db, staff, make_survey, board):
    survey = make_survey(board=board, status="open")
    url = f"/boards/riverton/surveys/{survey.slug}/close"
    assert staff.get(url).status_code == 405
    assert staff.post(url, data={}).status_code == 400
    db.session.refresh(survey)
    assert survey.status == "open"


def test_duplicate_makes_a_draft_copy_without_links_or_answers(
    db, staff, make_survey, make_links, board
):
    survey = make_survey(board=board, status="open", cap=50, tags={"themes": ["neglect"]},
                         distribution="In schools")  # fmt: skip
    make_links(survey, 3)
    response = post_action(staff, survey, "duplicate")
    assert response.status_code == 303
    copy = db.session.scalars(select(Survey).where(Survey.id != survey.id)).one()
    assert response.headers["Location"] == f"/boards/riverton/surveys/{copy.slug}"
    assert copy.slug == "riverton-feeling-safe"
    assert (copy.status, copy.version_id, copy.cap) == ("draft", survey.version_id, 50)
    assert copy.tags == {"themes": ["neglect"]} and copy.distribution == "In schools"
    links = db.session.scalar(select(func.count()).where(Invitation.survey_id == copy.id))
    assert links == 0


def edit(staff, survey, **data: str):
    url = f"/boards/riverton/surveys/{survey.slug}/edit"
    return staff.post(url, data={"csrf_token": csrf(staff, url), **data})


def details_of(survey) -> dict[str, str]:
    return {"title": survey.title, "opens_on": survey.opens_on.isoformat(),
            "closes_on": survey.closes_on.isoformat()}  # fmt: skip


def test_editing_a_survey_without_responses_can_change_its_questionnaire(
    db, staff, make_survey, board, library
):
    survey = make_survey(board=board, status="draft")
    new = library["family-experience"]
    page = page_text(staff.get(f"/boards/riverton/surveys/{survey.slug}/edit"))
    assert 'name="questionnaire"' in page and 'value="Feeling safe"' in page
    changes = {"questionnaire": str(new.questionnaire_id), "title": "Your family", "cap": "120"}
    response = edit(staff, survey, **{**details_of(survey), **changes})
    assert response.status_code == 303
    db.session.refresh(survey)
    assert (survey.version_id, survey.audience, survey.title, survey.cap) == (
        new.id, "family", "Your family", 120)  # fmt: skip


def test_a_survey_with_responses_keeps_its_questions(
    db, staff, manager, make_survey, make_links, board, library
):
    survey = make_survey(board=board)
    answer_all(staff.application.test_client(), make_links(survey)[0])
    version = survey.version_id
    page = page_text(staff.get(f"/boards/riverton/surveys/{survey.slug}/edit"))
    assert 'name="questionnaire"' not in page
    assert "make a new version of the questionnaire" in page
    other = library["family-experience"].questionnaire_id
    changes = {"title": "Renamed", "questionnaire": str(other)}
    response = edit(staff, survey, **{**details_of(survey), **changes})
    assert response.status_code == 303
    db.session.refresh(survey)
    assert (survey.title, survey.version_id, survey.audience) == ("Renamed", version, "child")
    with pytest.raises(SurveyError, match="has responses, so its questions cannot change"):
        update_survey(db.session, survey, manager, Details("x", TODAY, TODAY, None, {}, ""),
                      (other, []))  # fmt: skip


def test_survey_page_shows_counts_per_day_and_completion_but_no_answers(
    db, staff, make_survey, make_links, board
):
    survey = make_survey(board=board)
    tokens = make_links(survey, 4)
    for token in tokens[:2]:
        answer_all(staff.application.test_client(), token)
    db.session.add(Response(survey_id=survey.id, submitted_on=TODAY - timedelta(days=1)))
    db.session.commit()
    html = page_text(staff.get(f"/boards/riverton/surveys/{survey.slug}"))
    assert '<dd class="govuk-summary-list__value" id="responses-total">3</dd>' in html
    assert "2 of 4 handed out have been used: 50% complete" in html
    today_row = f"{TODAY:%a %-d %b}</th>"
    assert today_row in html and "chorus-bar--100" in html and "chorus-bar--50" in html
    assert "More lights in the park" not in html and "football" not in html
    assert " style=" not in html and "<script" not in html


def test_survey_page_updates_on_reload(db, staff, make_survey, make_links, board):
    survey = make_survey(board=board)
    token = make_links(survey)[0]
    url = f"/boards/riverton/surveys/{survey.slug}"
    assert 'id="responses-total">0<' in staff.get(url).get_data(as_text=True)
    answer_all(staff.application.test_client(), token)
    assert 'id="responses-total">1<' in staff.get(url).get_data(as_text=True)


def test_bar_widths_round_up_to_five_percent_steps():
    assert bar_widths([0, 1, 30, 15, 29]) == [0, 5, 100, 50, 100]
    assert bar_widths([0, 0]) == [0, 0]
    assert bar_widths([]) == []


def test_analyst_sees_counts_but_cannot_change_anything(
    db, make_user, staff_client, make_survey, board
):
    survey = make_survey(board=board, status="open")
    analyst = staff_client(make_user("analyst@riverton.example", "analyst", board))
    page = analyst.get(f"/boards/riverton/surveys/{survey.slug}")
    assert page.status_code == 200
    assert "Pause" not in page_text(page) and "Hand out links" not in page_text(page)
    token = csrf(analyst, "/boards/riverton")
    for url in (f"/boards/riverton/surveys/{survey.slug}/pause", "/boards/riverton/surveys/new"):
        assert analyst.post(url, data={"csrf_token": token}).status_code == 404
    db.session.refresh(survey)
    assert survey.status == "open" and surveys(db) == 1
    assert db.session.scalar(select(func.count()).select_from(Response)) == 0


@pytest.mark.parametrize("field", ["qa_section", "priority"])
def test_section_and_priority_come_only_from_the_boards_lists(db, staff, library, field):
    version = library["feeling-safe-8-12"]
    response = create(staff, version.questionnaire_id, **{field: "children"})
    assert response.status_code == 422
    assert "Not a valid choice" in page_text(response)
    assert db.session.scalars(select(Survey)).first() is None


def test_the_form_offers_the_frameworks_sections_and_the_boards_priorities(staff, library):
    page = page_text(staff.get("/boards/riverton/surveys/new"))
    assert "Section D: Involvement of children and young people" in page
    assert "Early help" in page
