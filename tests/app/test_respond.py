"""The respondent's path: open a link, answer page by page, send, and every way it can go wrong."""

from datetime import date, timedelta

import psycopg
import pytest
from sqlalchemy import func, select

from app.models import Answer, Draft, Invitation, LinkBatch, Response
from tests.helpers import hidden_fields, page_text

TODAY = date.today()
PAGE_ONE = {"safe_school": "4", "adults_listen": "5", "know_who": "yes"}
PAGE_TWO = {"places": ["home", "park"], "score": "7", "age": "11-12", "nickname": "football",
            "safer": "More lights in the park"}  # fmt: skip


def responses(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Response))


def post_page(client, token: str, page: int, answers: dict, fields: dict | None = None):
    """Post one page the way the browser would, with the hidden fields of the page shown."""
    if fields is None:
        fields = hidden_fields(client.get(f"/r/{token}?page={page}").data)
    return client.post(f"/r/{token}?page={page}", data={**fields, **answers})


def answer_all(client, token: str):
    first = post_page(client, token, 1, PAGE_ONE)
    assert first.status_code == 303
    return post_page(client, token, 2, PAGE_TWO)


def test_link_shows_first_page_with_help_and_promise(client, make_survey, make_links):
    token = make_links(make_survey())[0]
    page = client.get(f"/r/{token}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "How safe do you feel at school?" in html
    assert "Part 1 of 2" in html
    assert "0800 1111" in html and "999" in html
    assert "We do not ask your name. We cannot tell who wrote what." in html
    assert page.headers["Cache-Control"] == "no-store"
    assert " checked" not in html  # nothing pre-selected


def test_faces_have_words_not_pictures_alone(client, make_survey, make_links):
    html = client.get(f"/r/{make_links(make_survey())[0]}").get_data(as_text=True)
    for label in ("Very unhappy", "Unhappy", "Okay", "Happy", "Very happy"):
        assert f'aria-hidden="true"></span>{label}' in html.replace("\n", "").replace("  ", "")


def test_opening_a_link_never_spends_it(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    assert client.head(f"/r/{token}").status_code == 200
    assert client.get(f"/r/{token}").status_code == 200
    assert client.get(f"/r/{token}").status_code == 200
    assert db.session.scalar(select(Invitation.used)) is False
    assert answer_all(client, token).status_code == 200


def test_complete_response_is_stored_once_and_link_is_spent(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    thanks = answer_all(client, token)
    assert thanks.status_code == 200
    assert "Your answers have been sent" in thanks.get_data(as_text=True)
    assert responses(db) == 1
    stored = {(a.question_key, a.value) for a in db.session.scalars(select(Answer))}
    assert ("places", "home") in stored and ("places", "park") in stored
    assert ("safer", "More lights in the park") in stored
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0
    assert db.session.scalar(select(Invitation.used)) is True
    again = client.get(f"/r/{token}")
    assert again.status_code == 409
    assert "already been used" in again.get_data(as_text=True)


def test_numbers_are_kept_for_scales(client, db, make_survey, make_links):
    answer_all(client, make_links(make_survey())[0])
    numbers = dict(db.session.execute(select(Answer.question_key, Answer.number)).all())
    assert numbers["safe_school"] == 4.0 and numbers["score"] == 7.0
    assert numbers["know_who"] is None


def test_a_response_with_every_question_skipped_is_stored_empty(
    client, db, make_survey, make_links
):
    only_optional = {
        "slug": "anything-else", "title": "Anything else", "audience": "practitioner",
        "version": 1, "summary": "One optional question", "intro": "Tell us if you like.",
        "sections": [{"title": "Anything else", "questions": [
            {"key": "comment", "type": "long_text", "text": "Anything else to tell us?"}]}],
    }  # fmt: skip
    token = make_links(make_survey(only_optional))[0]
    sent = post_page(client, token, 1, {})
    assert "Your answers have been sent" in sent.get_data(as_text=True)
    assert responses(db) == 1
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 0
    assert db.session.scalar(select(Invitation.used)) is True


def test_repeated_final_submit_shows_thanks_and_stores_one(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    post_page(client, token, 1, PAGE_ONE)
    fields = hidden_fields(client.get(f"/r/{token}?page=2").data)
    first = post_page(client, token, 2, PAGE_TWO, fields)
    second = post_page(client, token, 2, PAGE_TWO, fields)  # refresh / double tap
    assert first.status_code == second.status_code == 200
    assert "Your answers have been sent" in second.get_data(as_text=True)
    assert responses(db) == 1


def test_replayed_link_from_another_device_is_refused(app, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    assert answer_all(app.test_client(), token).status_code == 200
    other = app.test_client()
    refused = other.get(f"/r/{token}")
    assert refused.status_code == 409
    assert responses(db) == 1


def test_answers_survive_reload_and_back(client, make_survey, make_links):
    token = make_links(make_survey())[0]
    post_page(client, token, 1, PAGE_ONE)
    back = client.get(f"/r/{token}?page=1").get_data(as_text=True)
    assert 'value="4" checked' in back and 'value="yes" checked' in back
    resumed = client.get(f"/r/{token}")  # return later: straight to the page reached
    assert "Part 2 of 2" in resumed.get_data(as_text=True)


def test_cannot_jump_past_unanswered_pages(client, make_survey, make_links):
    token = make_links(make_survey())[0]
    page = client.get(f"/r/{token}?page=2").get_data(as_text=True)
    assert "Part 1 of 2" in page


def test_missing_required_answer_is_explained_and_others_kept(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    response = post_page(client, token, 1, {"adults_listen": "2"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "There is a problem" in html and "Choose an answer" in html
    assert 'value="2" checked' in html
    assert responses(db) == 0


def test_answer_that_is_not_an_option_is_refused(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    response = post_page(client, token, 1, {**PAGE_ONE, "safe_school": "99"})
    assert response.status_code == 422
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_skipping_optional_questions_with_rather_not_say(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    assert post_page(client, token, 1, {"safe_school": "3", "adults_listen": ""}).status_code == 303
    assert post_page(client, token, 2, {}).status_code == 200
    keys = set(db.session.scalars(select(Answer.question_key)))
    assert keys == {"safe_school"}


def test_post_without_csrf_keeps_answers_and_explains(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    fields = hidden_fields(client.get(f"/r/{token}").data)
    fields.pop("csrf_token")
    response = client.post(f"/r/{token}?page=1", data={**fields, **PAGE_ONE})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "press the button again" in html
    assert 'value="4" checked' in html
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_csrf_token_from_another_session_is_refused(app, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    theirs = hidden_fields(app.test_client().get(f"/r/{token}").data)
    mine = app.test_client()
    mine.get(f"/r/{token}")
    response = mine.post(f"/r/{token}?page=1", data={**theirs, **PAGE_ONE})
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_missing_attempt_id_is_a_bad_request(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    fields = hidden_fields(client.get(f"/r/{token}").data)
    fields["attempt"] = ""
    response = client.post(f"/r/{token}?page=1", data={**fields, **PAGE_ONE})
    assert response.status_code == 400
    assert responses(db) == 0


def test_one_megabyte_answer_is_refused_with_a_message(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    post_page(client, token, 1, PAGE_ONE)
    response = post_page(client, token, 2, {**PAGE_TWO, "safer": "x" * 1_000_000})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Keep your answer to 2,000 characters or fewer" in html
    assert 'value="football"' in html
    assert responses(db) == 0


def test_oversized_body_gets_413(client, make_survey, make_links):
    token = make_links(make_survey())[0]
    response = post_page(client, token, 1, {**PAGE_ONE, "extra": "x" * 3_000_000})
    assert response.status_code == 413
    assert "too much" in response.get_data(as_text=True)


def test_html_is_stored_as_text_and_shown_escaped(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    post_page(client, token, 1, PAGE_ONE)
    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    page = post_page(client, token, 2, {**PAGE_TWO, "nickname": script, "score": "bad"})
    html = page.get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    post_page(client, token, 2, {**PAGE_TWO, "nickname": script})
    stored = db.session.scalar(select(Answer.value).where(Answer.question_key == "nickname"))
    assert stored == script


def test_null_bytes_and_direction_tricks_are_removed(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    post_page(client, token, 1, PAGE_ONE)
    tricky = "safe\x00 at\u202e home\u200b ok"
    assert post_page(client, token, 2, {**PAGE_TWO, "safer": tricky}).status_code == 200
    stored = db.session.scalar(select(Answer.value).where(Answer.question_key == "safer"))
    assert stored == "safe at home ok"


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        (lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), 404, "This link doesn't work"),
        (lambda t: t[:20], 404, "This link doesn't work"),
        (lambda t: "x" + t[1:], 404, "This link doesn't work"),
        (lambda t: "' OR 1=1; DROP TABLE response;--", 404, "This link doesn't work"),
    ],
)
def test_tampered_links_get_a_friendly_404(
    client, db, make_survey, make_links, change, status, words
):
    token = make_links(make_survey())[0]
    response = client.get(f"/r/{change(token)}")
    assert response.status_code == status
    assert words in page_text(response)
    assert responses(db) == 0


def test_forged_link_signed_with_another_key_is_refused(client, make_survey, make_links):
    from app.links.tokens import make_token, new_nonce

    forged = make_token(["not-our-key-" * 4], "invitation", new_nonce())
    assert client.get(f"/r/{forged}").status_code == 404


def test_link_of_a_deleted_survey_is_not_recognised(client, db, make_survey, make_links):
    survey = make_survey()
    token = make_links(survey)[0]
    db.session.execute(Invitation.__table__.delete())
    db.session.execute(LinkBatch.__table__.delete())
    db.session.delete(survey)
    db.session.commit()
    response = client.get(f"/r/{token}")
    assert response.status_code == 404
    assert "We don't recognise this link" in page_text(response)


@pytest.mark.parametrize(
    ("details", "status", "words"),
    [
        ({"status": "closed"}, 410, "This survey has closed"),
        ({"opens_on": TODAY - timedelta(days=9), "closes_on": TODAY - timedelta(days=1)},
         410, "This survey has closed"),
        ({"opens_on": TODAY + timedelta(days=2), "closes_on": TODAY + timedelta(days=9)},
         403, "hasn't started yet"),
        ({"status": "paused"}, 403, "paused"),
    ],
)  # fmt: skip
def test_survey_outside_its_window(client, make_survey, make_links, details, status, words):
    token = make_links(make_survey(**details))[0]
    response = client.get(f"/r/{token}")
    assert response.status_code == status
    assert words in page_text(response)


def test_revoked_link_and_revoked_batch(client, db, make_survey, make_links):
    survey = make_survey()
    first, second = make_links(survey, 2)
    invitation = db.session.scalars(select(Invitation)).first()
    db.session.execute(Invitation.__table__.update().values(revoked=True))
    db.session.commit()
    assert client.get(f"/r/{first}").status_code == 410
    db.session.execute(Invitation.__table__.update().values(revoked=False))
    db.session.execute(LinkBatch.__table__.update().values(revoked=True))
    db.session.commit()
    assert invitation is not None
    response = client.get(f"/r/{second}")
    assert response.status_code == 410
    assert "withdrawn" in response.get_data(as_text=True)


def test_survey_closing_while_answering_shows_the_answers(client, db, make_survey, make_links):
    survey = make_survey()
    token = make_links(survey)[0]
    post_page(client, token, 1, PAGE_ONE)
    fields = hidden_fields(client.get(f"/r/{token}?page=2").data)
    survey.status = "closed"
    db.session.commit()
    response = post_page(client, token, 2, PAGE_TWO, fields)
    html = response.get_data(as_text=True)
    assert response.status_code == 410
    assert "were not sent" in html
    assert "More lights in the park" in html and "The park" in html
    assert responses(db) == 0


def test_open_link_admits_many_until_its_cap(app, db, make_survey, make_open_link):
    from app.models import OpenLink

    token = make_open_link(make_survey())
    link = db.session.scalars(select(OpenLink)).one()
    link.cap = 3
    db.session.commit()
    tablet = app.test_client()  # one shared school tablet, child after child
    for _ in range(3):
        assert answer_all(tablet, token).status_code == 200
    assert responses(db) == 3
    full = tablet.get(f"/r/{token}")
    assert full.status_code == 409
    assert "all the answers it needs" in full.get_data(as_text=True)


def test_survey_cap_holds(client, db, make_survey, make_open_link):
    token = make_open_link(make_survey(cap=1))
    assert answer_all(client, token).status_code == 200
    post_page(client, token, 1, PAGE_ONE)
    refused = post_page(client, token, 2, PAGE_TWO)
    assert refused.status_code == 409
    assert responses(db) == 1


def test_key_rotation_keeps_old_links_and_answers(app, db, make_survey, make_links):
    from tests.conftest import TEST_KEY

    token = make_links(make_survey())[0]
    client = app.test_client()
    fields = hidden_fields(client.get(f"/r/{token}").data)
    app.config["SECRET_KEY"] = "a-brand-new-key-for-the-next-year-0123456789"
    app.config["SECRET_KEY_FALLBACKS"] = [TEST_KEY]
    stale = client.post(f"/r/{token}?page=1", data={**fields, **PAGE_ONE})
    assert stale.status_code == 400
    assert 'value="4" checked' in stale.get_data(as_text=True)
    assert answer_all(client, token).status_code == 200
    assert responses(db) == 1


def test_guessing_is_throttled_but_valid_links_are_not(app, db, make_survey, make_open_link):
    app.config["LINK_FAILURE_LIMIT"] = "5 per minute"
    token = make_open_link(make_survey())
    school = app.test_client()
    codes = [school.get(f"/r/o{'A' * 22}.guess{n}").status_code for n in range(7)]
    assert codes[:5] == [404] * 5 and codes[5:] == [429, 429]
    for _ in range(6):  # a class on the same network still gets through
        assert answer_all(school, token).status_code == 200
    assert responses(db) == 6


def test_health_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_health_check_reports_a_dead_database(tmp_path):
    from app import create_app

    dead = "postgresql+psycopg://nobody@127.0.0.1:1/none"
    broken = create_app({"TESTING": True, "SECRET_KEY": "k" * 40, "SQLALCHEMY_DATABASE_URI": dead})
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503


def test_a_database_restart_loses_no_answers(app, db, make_survey, make_links):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only: it ends the server side of a pooled connection")
    token = make_links(make_survey())[0]
    db.session.close()
    db.engine.dispose()  # the pool now holds only the connection the next request opens
    client = app.test_client()
    assert post_page(client, token, 1, PAGE_ONE).status_code == 303
    fields = hidden_fields(client.get(f"/r/{token}?page=2").data)
    with db.engine.connect() as pooled:
        backend = pooled.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    url = db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as admin:  # what a restart does to it
        admin.execute("SELECT pg_terminate_backend(%s)", (backend,))
    sent = post_page(client, token, 2, PAGE_TWO, fields)
    if sent.status_code == 503:  # the dead connection was found: a busy page, nothing stored
        assert sent.headers["Retry-After"] == "5"
        assert "Your answers have not been sent yet" in page_text(sent)
        assert responses(db) == 0
        sent = post_page(client, token, 2, PAGE_TWO, fields)
    assert sent.status_code == 200 and "Thank you" in page_text(sent)
    assert responses(db) == 1


def test_expired_csrf_token_keeps_answers_and_explains(app, client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    fields = hidden_fields(client.get(f"/r/{token}").data)
    app.config["WTF_CSRF_TIME_LIMIT"] = -1  # every token is already too old
    response = client.post(f"/r/{token}?page=1", data={**fields, **PAGE_ONE})
    assert response.status_code == 400
    assert "press the button again" in page_text(response)
    assert 'value="4" checked' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_blocked_cookie_keeps_answers_and_says_why(app, make_survey, make_links):
    token = make_links(make_survey())[0]
    shown = app.test_client()
    fields = hidden_fields(shown.get(f"/r/{token}").data)
    cookieless = app.test_client(use_cookies=False)
    response = cookieless.post(f"/r/{token}?page=1", data={**fields, **PAGE_ONE})
    assert response.status_code == 400
    assert "blocking cookies" in page_text(response)
    assert 'value="yes" checked' in response.get_data(as_text=True)


def test_privacy_notice_is_readable_by_a_child(client):
    import re

    from analysis.readability import grade

    html = client.get("/privacy").get_data(as_text=True)
    main = html.split('id="main-content"')[1].split("</main>")[0]
    sentences = [s for s in re.sub(r"<[^>]+>", "\n", main).split("\n") if len(s.split()) > 3]
    assert sentences
    assert max(grade(s) for s in sentences) <= 7.0


def test_unfinished_answers_are_deleted_when_the_survey_closes(runner, db, make_survey, make_links):
    from app.models import Survey

    open_survey, closing = make_survey(), make_survey()
    client = runner.app.test_client()
    for survey in (open_survey, closing):
        post_page(client, make_links(survey)[0], 1, PAGE_ONE)
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 2
    db.session.get(Survey, closing.id).status = "closed"
    db.session.commit()
    result = runner.invoke(args=["purge"])
    assert "  drafts: 1\n" in result.output
    remaining = db.session.scalars(select(Draft.survey_id)).all()
    assert remaining == [open_survey.id]
