"""Trainers and managers set up courses and sessions; bad input is explained; other boards
and other roles get 404; each session gets three phase surveys with links and posters."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.models import Course, CourseSession, OpenLink, SessionPhase, Survey
from app.questionnaires.definition import parse_definition
from tests.helpers import hidden_fields, page_text
from tests.training.conftest import OUTCOMES, TODAY

COURSE = {"title": "Neglect: spotting it early", "outcomes": "\n".join(OUTCOMES),
          "audience": "Frontline staff", "lead_name": "Sam Patel",
          "follow_up_weeks": "12", "window_weeks": "4"}  # fmt: skip


def post_form(client, url: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    fields = hidden_fields(client.get(url).data)
    return client.post(url, data={**fields, **data})


def session_form(**changes: str) -> dict[str, str]:
    return {"held_on": (TODAY + timedelta(days=7)).isoformat(), "trainer": "Jo Trainer",
            "place": "Riverton Town Hall", "expected": "18", **changes}  # fmt: skip


def count(db, model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("role", ["trainer", "manager"])
def test_a_trainer_or_manager_sets_up_a_course(db, people, board, role):
    made = post_form(people[role], "/boards/riverton/training/new", COURSE)
    assert made.status_code == 303
    course = db.session.scalar(select(Course))
    assert course.outcomes == OUTCOMES and course.follow_up_weeks == 12
    assert course.lead_email == f"{role}@riverton.example"
    assert course.title in page_text(people[role].get(made.headers["Location"]))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"outcomes": "  \n \n"}, "Give at least one learning outcome"),
        ({"follow_up_weeks": "0"}, "The follow-up must come at least 1 week after the session"),
        ({"follow_up_weeks": "twelve"}, "as a whole number of weeks"),
        ({"window_weeks": "0"}, "stay open for at least 1 week"),
        ({"title": ""}, "Enter the course"),
    ],
)
def test_bad_course_input_is_explained(db, people, change, message):
    refused = post_form(people["trainer"], "/boards/riverton/training/new", {**COURSE, **change})
    assert refused.status_code == 422
    assert message in page_text(refused)
    assert count(db, Course) == 0


def test_a_session_gets_three_phase_surveys_with_links(db, people, course):
    url = f"/boards/riverton/training/{course.id}/sessions/new"
    made = post_form(people["trainer"], url, session_form())
    assert made.status_code == 303
    held = db.session.scalar(select(CourseSession))
    phases = {p.phase: p for p in held.phases}
    assert set(phases) == {"before", "end", "follow_up"}
    day = held.held_on
    assert phases["before"].closes_on == day and phases["end"].opens_on == day
    assert phases["follow_up"].opens_on == day + timedelta(weeks=12)
    assert phases["follow_up"].closes_on == day + timedelta(weeks=16, days=-1)
    assert count(db, OpenLink) == 3
    for phase in phases.values():
        assert phase.survey.outcomes == OUTCOMES and phase.survey.audience == "training"
        assert (phase.survey.opens_on, phase.survey.closes_on) == (phase.opens_on, phase.closes_on)
    page = page_text(people["trainer"].get(made.headers["Location"]))
    assert page.count('href="http://localhost/r/') == 3 and "Poster with a QR code" in page


def test_every_outcome_is_asked_the_same_way_in_every_phase(db, people, course):
    post_form(people["trainer"], f"/boards/riverton/training/{course.id}/sessions/new",
              session_form())  # fmt: skip
    surveys = list(db.session.scalars(select(Survey).join(SessionPhase)))
    asked = [outcome_questions(survey) for survey in surveys]
    assert len(asked) == 3 and asked[0] == asked[1] == asked[2]
    assert set(asked[0]) == {"confidence.1", "confidence.2", "knowledge.1", "knowledge.2"}
    assert OUTCOMES[1] in asked[0]["knowledge.2"]


def outcome_questions(survey: Survey) -> dict[str, str]:
    """The per-outcome questions a phase asks: key -> text as the attendee reads it."""
    definition = parse_definition(survey.version.definition).expand_outcomes(survey.outcomes)
    return {q.key: q.text for q in definition.questions() if "." in q.key}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"held_on": (TODAY - timedelta(days=1)).isoformat()}, "today or later"),
        ({"held_on": "31/02/2027"}, "as a real date"),
        ({"place": ""}, "Enter where the session is held"),
        ({"expected": "0"}, "between 1 and 1,000"),
    ],
)
def test_bad_session_input_is_explained(db, people, course, change, message):
    url = f"/boards/riverton/training/{course.id}/sessions/new"
    refused = post_form(people["manager"], url, session_form(**change))
    assert refused.status_code == 422
    assert message in page_text(refused)
    assert count(db, CourseSession) == 0 and count(db, Survey) == 0


def test_an_online_session_needs_no_place(db, people, course):
    url = f"/boards/riverton/training/{course.id}/sessions/new"
    made = post_form(people["trainer"], url, session_form(place="", online="y"))
    assert made.status_code == 303
    assert db.session.scalar(select(CourseSession.online)) is True


def test_a_phase_poster_has_its_qr_code(db, people, course, make_session):
    held = make_session(course)
    poster = people["trainer"].get(
        f"/boards/riverton/training/{course.id}/sessions/{held.id}/end/poster"
    )
    assert poster.status_code == 200
    assert "data:image/svg+xml" in poster.get_data(as_text=True) or "data:image" in page_text(
        poster
    )
    missing = f"/boards/riverton/training/{course.id}/sessions/{held.id}/during/poster"
    assert people["trainer"].get(missing).status_code == 404


def test_analysts_may_look_but_not_set_up(db, people, course, make_session):
    held = make_session(course)
    analyst = people["analyst"]
    assert analyst.get("/boards/riverton/training").status_code == 200
    assert (
        analyst.get(f"/boards/riverton/training/{course.id}/sessions/{held.id}").status_code == 200
    )
    assert "Set up a course" not in page_text(analyst.get("/boards/riverton/training"))
    assert analyst.get("/boards/riverton/training/new").status_code == 404
    token = hidden_fields(analyst.get("/boards/riverton/training").data)
    assert (
        analyst.post("/boards/riverton/training/new", data={**token, **COURSE}).status_code == 404
    )
    url = f"/boards/riverton/training/{course.id}/sessions/new"
    assert analyst.post(url, data={**token, **session_form()}).status_code == 404
    assert count(db, Course) == 1 and count(db, CourseSession) == 1


def test_reviewers_see_no_training(people, course):
    assert people["reviewer"].get("/boards/riverton/training").status_code == 404
    assert people["reviewer"].get(f"/boards/riverton/training/{course.id}").status_code == 404


def test_another_boards_courses_are_not_found(
    db, make_user, staff_client, other_board, course, make_session
):
    held = make_session(course)
    elmside = staff_client(make_user("trainer@elmside.example", "trainer", other_board))
    assert elmside.get("/boards/riverton/training").status_code == 404
    for url in (f"/boards/elmside/training/{course.id}",
                f"/boards/elmside/training/{course.id}/sessions/{held.id}",
                f"/boards/elmside/training/{course.id}/sessions/{held.id}/end/poster"):  # fmt: skip
        assert elmside.get(url).status_code == 404
    token = hidden_fields(elmside.get("/boards/elmside").data)
    made = elmside.post(f"/boards/elmside/training/{course.id}/sessions/new",
                        data={**token, **session_form()})  # fmt: skip
    assert made.status_code == 404 and count(db, CourseSession) == 1


def test_signed_out_people_are_sent_to_sign_in(client, course):
    assert client.get("/boards/riverton/training").status_code == 302


def test_the_board_page_leads_trainers_to_training(people):
    assert "/boards/riverton/training" in people["trainer"].get("/boards/riverton").get_data(
        as_text=True
    )
    assert "/boards/riverton/training" not in people["reviewer"].get("/boards/riverton").get_data(
        as_text=True
    )
