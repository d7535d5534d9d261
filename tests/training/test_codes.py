"""The personal code in the respondent path: asked first, stored only as keyed hashes with
the response, refused twice in one phase, and never asked of other surveys."""

from sqlalchemy import func, select

from analysis.training.codes import hash_parts
from app.models import Answer, CodeRecord, Draft, Response
from app.questionnaires.library import library_definition
from app.questionnaires.yaml_io import definition_to_dict
from app.security.personal import sealer
from app.training.courses import code_secret
from tests.helpers import hidden_fields, page_text
from tests.training.conftest import CODE, answer_phase, give_code, weeks_ago


def count(db, model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_code_comes_first_and_only_its_hashes_are_stored(
    app, db, client, course, make_session, phase_link
):
    token = phase_link(make_session(course), "before")
    thanks = answer_phase(client, token)
    assert thanks.status_code == 200 and "Your answers have been sent" in page_text(thanks)
    record = db.session.scalar(select(CodeRecord))
    response = db.session.scalar(select(Response))
    assert record.response_id == response.id
    secret = code_secret(sealer(app), course.secret)
    assert tuple(record.parts) == hash_parts(secret, CODE)
    assert record.with_manager is None
    stored = " ".join(str(v) for v in db.session.scalars(select(Answer.value)))
    assert all(part not in record.parts for part in CODE.values())
    assert "M" not in stored.split() and count(db, Draft) == 0


def test_the_questions_wait_until_a_code_is_given(client, course, make_session, phase_link):
    token = phase_link(make_session(course), "before")
    client.get(f"/r/{token}")
    fields = hidden_fields(client.get(f"/r/{token}/code").data)
    skipped = client.post(f"/r/{token}?page=1", data={**fields, "confidence.1": "4"})
    assert skipped.status_code == 303 and skipped.headers["Location"].endswith("/code")


def test_a_code_page_shows_help_and_the_parts(client, course, make_session, phase_link):
    token = phase_link(make_session(course), "before")
    page = page_text(client.get(f"/r/{token}/code"))
    assert "Your personal code" in page and "Childline" in page
    assert "First letter of your mother's first name" in page
    assert "<script" not in page


def test_a_mistyped_part_is_explained_and_nothing_is_kept(
    db, client, course, make_session, phase_link
):
    token = phase_link(make_session(course), "before")
    refused = give_code(client, token, {**CODE, "birthday": "32nd", "mother": "Mary"})
    text = page_text(refused)
    assert refused.status_code == 422
    assert "a number from 1 to 31" in text and "Type just one letter" in text
    assert count(db, Draft) == 0 and count(db, CodeRecord) == 0


def test_the_same_code_twice_in_a_phase_is_refused_kindly(
    app, db, make_session, course, phase_link
):
    token = phase_link(make_session(course), "before")
    assert answer_phase(app.test_client(), token).status_code == 200
    again = give_code(app.test_client(), token, {**CODE, "mother": "m"})
    assert again.status_code == 409
    assert "already been sent for this questionnaire" in page_text(again)
    assert count(db, Response) == 1 and count(db, CodeRecord) == 1


def test_a_code_taken_while_answering_stores_nothing_and_keeps_the_answers(
    app, db, make_session, course, phase_link
):
    token = phase_link(make_session(course), "before")
    first, second = app.test_client(), app.test_client()
    assert give_code(second, token).status_code == 303  # checked free, then someone else...
    assert answer_phase(first, token).status_code == 200
    fields = hidden_fields(second.get(f"/r/{token}?page=1").data)
    refused = second.post(f"/r/{token}?page=1", data={**fields, "confidence.1": "9"})
    assert refused.status_code == 409
    assert count(db, Response) == 1 and count(db, CodeRecord) == 1
    assert db.session.scalar(select(Draft.answers))["confidence.1"] == "9"


def test_the_same_code_in_another_phase_is_welcome(
    db, client, app, make_session, course, phase_link
):
    held = make_session(course)
    assert answer_phase(app.test_client(), phase_link(held, "before")).status_code == 200
    assert answer_phase(app.test_client(), phase_link(held, "end")).status_code == 200
    parts = list(db.session.scalars(select(CodeRecord.parts)))
    assert len(parts) == 2 and parts[0] == parts[1]


def test_hashes_depend_on_the_course_secret(app, db, board, make_course, make_session, phase_link):
    one, two = make_course(board), make_course(board, title="Neglect: second course")
    for course in (one, two):
        assert (
            answer_phase(app.test_client(), phase_link(make_session(course), "end")).status_code
            == 200
        )
    first, second = db.session.scalars(select(CodeRecord.parts).order_by(CodeRecord.phase_id))
    assert set(first).isdisjoint(second)
    assert one.secret != two.secret and len(bytes.fromhex(sealer(app).unseal(one.secret))) == 32


def test_the_course_secret_is_sealed(app, course):
    secret = code_secret(sealer(app), course.secret)
    assert secret.hex() not in course.secret and len(secret) == 32


def test_follow_up_asks_about_the_manager(app, db, make_session, course, phase_link):
    token = phase_link(make_session(course, weeks_ago(12)), "follow_up")
    page = page_text(app.test_client().get(f"/r/{token}/code"))
    assert "together with your manager" in page
    assert answer_phase(app.test_client(), token, with_manager="yes").status_code == 200
    assert db.session.scalar(select(CodeRecord.with_manager)) is True


def test_before_and_end_do_not_ask_about_the_manager(client, make_session, course, phase_link):
    token = phase_link(make_session(course), "end")
    assert "together with your manager" not in page_text(client.get(f"/r/{token}/code"))


def test_a_follow_up_before_it_opens_says_when(client, make_session, course, phase_link):
    held = make_session(course)
    token = phase_link(held, "follow_up")
    early = client.get(f"/r/{token}/code")
    assert early.status_code == 403
    opens = held.phases[-1].opens_on if held.phases[-1].phase == "follow_up" else None
    assert opens is not None and f"{opens:%-d %B %Y}" in page_text(early)
    assert client.get(f"/r/{token}").status_code == 403


def test_other_surveys_never_see_a_code_page(client, db, make_survey, make_links):
    survey = make_survey()
    token = make_links(survey, 1)[0]
    assert client.get(f"/r/{token}").status_code == 200
    assert client.get(f"/r/{token}/code").status_code == 404


def test_a_training_survey_outside_a_course_has_no_code(client, make_survey, make_links):
    definition = definition_to_dict(library_definition("training-after"))
    survey = make_survey(definition, outcomes=["Spot neglect early"])
    token = make_links(survey, 1)[0]
    assert client.get(f"/r/{token}").status_code == 200
