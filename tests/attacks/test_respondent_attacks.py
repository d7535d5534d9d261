"""Attacks on the respondent side, from the attacker's chair: each must meet a clear 4xx,
store nothing and execute nothing."""

import re

import pytest
from sqlalchemy import func, select

from app.models import Answer, Draft, Response
from tests.app.test_respond import PAGE_ONE, PAGE_TWO, answer_all, post_page
from tests.helpers import hidden_fields

XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "</textarea><script>alert(1)</script>",
    "{{ 7*7 }}{% raw %}",
]
SQL = ["' OR '1'='1", "'; DROP TABLE response;--", "1; SELECT pg_sleep(5)--", '" OR ""="']
UNICODE = ["\u202egnp.exe", "a\u200bb\u200dc", "nul\x00byte", "\ufeffbom", "line\r\nbreak"]


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("payload", XSS)
def test_stored_xss_in_free_text_is_inert(client, db, make_survey, make_links, payload):
    token = make_links(make_survey())[0]
    post_page(client, token, 1, PAGE_ONE)
    # Show the payload back through a validation error, then store it.
    shown = post_page(client, token, 2, {**PAGE_TWO, "safer": payload, "score": "11"})
    assert shown.status_code == 422
    html = shown.get_data(as_text=True)
    assert payload not in html or "<" not in payload
    assert not re.search(r"<(script|svg|img)[^>]*(onload|onerror|>alert)", html)
    assert post_page(client, token, 2, {**PAGE_TWO, "safer": payload}).status_code == 200
    stored = db.session.scalar(select(Answer.value).where(Answer.question_key == "safer"))
    assert stored == payload.strip()


@pytest.mark.parametrize("payload", SQL)
def test_sql_metacharacters_in_the_token_and_fields(client, db, make_survey, make_links, payload):
    token = make_links(make_survey())[0]
    assert client.get(f"/r/{payload}").status_code == 404
    assert client.get(f"/r/{token}", query_string={"page": payload}).status_code == 200
    post_page(client, token, 1, PAGE_ONE)
    assert post_page(client, token, 2, {**PAGE_TWO, "nickname": payload}).status_code == 200
    assert count(db, Response) == 1
    stored = db.session.scalar(select(Answer.value).where(Answer.question_key == "nickname"))
    assert stored == payload


@pytest.mark.parametrize("payload", UNICODE)
def test_unicode_tricks_are_neutralised(client, db, make_survey, make_links, payload):
    token = make_links(make_survey())[0]
    post_page(client, token, 1, PAGE_ONE)
    assert post_page(client, token, 2, {**PAGE_TWO, "nickname": payload}).status_code == 200
    stored = db.session.scalar(select(Answer.value).where(Answer.question_key == "nickname"))
    assert not re.search("[\x00\u200b-\u200f\u202a-\u202e\ufeff\r]", stored)


@pytest.mark.parametrize(
    "answers",
    [
        {"safe_school": "6"},
        {"safe_school": "-1"},
        {"safe_school": "4", "adults_listen": "yes"},
        {"safe_school": "4", "know_who": "maybe"},
        {"safe_school": ["4", "5"]},
    ],
)
def test_invalid_option_values_are_refused(client, db, make_survey, make_links, answers):
    token = make_links(make_survey())[0]
    response = post_page(client, token, 1, answers)
    assert response.status_code == 422
    assert count(db, Draft) == 0


def test_invalid_checkbox_value_is_refused(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    post_page(client, token, 1, PAGE_ONE)
    response = post_page(client, token, 2, {**PAGE_TWO, "places": ["home", "mars"]})
    assert response.status_code == 422
    assert count(db, Response) == 0


def test_too_many_fields_is_refused(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    fields = hidden_fields(client.get(f"/r/{token}").data)
    flood = {f"f{n}": "x" for n in range(2000)}
    response = client.post(f"/r/{token}?page=1", data={**fields, **PAGE_ONE, **flood})
    assert response.status_code == 413
    assert count(db, Draft) == 0


def test_oversized_body_is_refused(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    response = client.post(f"/r/{token}?page=1", data={"blob": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413


def test_token_enumeration_gets_no_hint_and_is_throttled(app, client, make_survey, make_links):
    app.config["LINK_FAILURE_LIMIT"] = "10 per minute"
    real = make_links(make_survey())[0]
    guesses = [real[:-1] + c for c in "ABCDEFGHIJKL" if real[-1] != c][:10]
    pages = [client.get(f"/r/{g}") for g in guesses]
    assert {p.status_code for p in pages} == {404}
    assert len({p.get_data() for p in pages}) == 1  # every wrong guess looks the same
    assert client.get(f"/r/{real[:-1]}Z").status_code == 429


def test_replayed_final_submission_elsewhere_is_refused(app, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    victim = app.test_client()
    post_page(victim, token, 1, PAGE_ONE)
    fields = hidden_fields(victim.get(f"/r/{token}?page=2").data)
    assert post_page(victim, token, 2, PAGE_TWO, fields).status_code == 200
    attacker = app.test_client()
    attacker.set_cookie("session", victim.get_cookie("session").value)
    replay = attacker.post(f"/r/{token}?page=2", data={**fields, **PAGE_TWO, "safer": "forged"})
    assert replay.status_code == 200  # the same receipt: shown thanks, nothing new stored
    assert count(db, Response) == 1
    assert "forged" not in {a.value for a in db.session.scalars(select(Answer))}


def test_link_cannot_be_framed(client, make_survey, make_links):
    response = client.get(f"/r/{make_links(make_survey())[0]}")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_every_post_route_needs_a_csrf_token(app, db):
    """Walks the whole URL map: a POST without a token changes nothing and gets 400."""
    client = app.test_client()
    posts = [r for r in app.url_map.iter_rules() if "POST" in (r.methods or set())]
    assert posts, "there are state-changing routes to check"
    before = {t.__tablename__: count(db, t) for t in (Response, Answer, Draft)}
    for rule in posts:
        url = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", "x", rule.rule)
        response = client.post(url, data={"anything": "1"})
        assert response.status_code in (400, 404), (rule.rule, response.status_code)
    assert before == {t.__tablename__: count(db, t) for t in (Response, Answer, Draft)}


def test_answers_are_never_in_the_url(client, make_survey, make_links):
    token = make_links(make_survey())[0]
    html = client.get(f"/r/{token}").get_data(as_text=True)
    assert 'method="post"' in html
    assert answer_all(client, token).status_code == 200
