"""Prerendered questionnaire pages: byte for byte what a full render gives, and never stale."""

import gzip
import zlib

import pytest

from app.database import autocommit
from app.extensions import db
from app.respond import pages
from app.respond.prerendered import PageCache
from app.respond.visit import start_visit
from tests.helpers import hidden_fields


@pytest.mark.parametrize("encoding", ["identity", "gzip"])
def test_unanswered_pages_match_a_full_render(app, make_survey, make_links, encoding):
    token = make_links(make_survey())[0]
    for index in range(2):
        for _ in range(2):  # the first call fills the cache, the second is served from it
            path = f"/r/{token}?page={index + 1}"
            with app.test_request_context(path, headers={"Accept-Encoding": encoding}):
                with autocommit(db.engine) as connection:
                    visit = start_visit(connection, token)
                quick, _status = pages.render(visit, index)
                form = pages.form_for(visit, index, {})
                action, back = pages.page_links(token, index)
                full = pages.render_page(
                    visit.survey, visit.definition, index, form, form_action=action, back_url=back
                )
            body = quick.get_data()
            if encoding == "gzip":
                assert quick.headers["Content-Encoding"] == "gzip"
                body = gzip.decompress(body)
            assert body.decode() == full
            assert visit.attempt.attempt_id in full and f'action="{action}"' in full


def test_each_respondent_gets_their_own_token_and_attempt(app, make_survey, make_links):
    first, second = make_links(make_survey(), 2)
    one = hidden_fields(app.test_client().get(f"/r/{first}").data)
    two = hidden_fields(app.test_client().get(f"/r/{second}").data)
    assert one["attempt"] != two["attempt"] and one["csrf_token"] != two["csrf_token"]


def test_changes_to_the_survey_and_board_show_at_once(app, db, make_survey, make_links):
    survey = make_survey()
    first, second = make_links(survey, 2)
    before = app.test_client().get(f"/r/{first}").get_data(as_text=True)
    survey.title = "Growing up in Riverton"
    survey.board.help_contact = "Call the Riverton front door on 01234 567890."
    db.session.commit()
    after = app.test_client().get(f"/r/{second}").get_data(as_text=True)
    assert "Growing up in Riverton" not in before
    assert "Growing up in Riverton" in after and "01234 567890" in after


def test_text_that_looks_like_a_marker_is_only_text(app, db, make_survey, make_links):
    survey = make_survey()
    survey.board.help_contact = "chorus-0123456789abcdef-csrf and chorus-{}-attempt"
    db.session.commit()
    html = app.test_client().get(f"/r/{make_links(survey)[0]}").get_data(as_text=True)
    assert "chorus-0123456789abcdef-csrf and chorus-{}-attempt" in html


@pytest.mark.parametrize(
    ("html", "value"),
    [
        ("", ""),
        ("{action}", "x"),
        ("<p>{csrf}{attempt}</p>", "&<>\"' é"),
        ("é" * 70_000 + "{back}" + "<li>" * 20_000 + "{attempt}", "v" * 70_000),
    ],
)
def test_gzipped_pieces_and_values_make_one_valid_member(html, value):
    cache = PageCache()
    page = cache.cut(html.format(**cache.markers))
    values = dict.fromkeys(cache.markers, value)
    member = page.gzip(values)
    assert gzip.decompress(member).decode() == page.fill(values)
    assert zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(member) == page.fill(values).encode()


def test_filled_values_are_escaped_like_jinja():
    cache = PageCache()
    page = cache.cut(f'<a href="{cache.markers["back"]}">Back</a>')
    filled = page.fill({"back": '/r/x?page=1&next="<b>'})
    assert filled == '<a href="/r/x?page=1&amp;next=&#34;&lt;b&gt;">Back</a>'


@pytest.mark.parametrize("index", [0, 1])
def test_a_page_with_saved_answers_is_rendered_in_full(app, client, make_survey, make_links, index):
    token = make_links(make_survey())[0]
    fields = hidden_fields(client.get(f"/r/{token}").data)
    answers = {"safe_school": "4", "adults_listen": "5", "know_who": "yes"}
    assert client.post(f"/r/{token}?page=1", data={**fields, **answers}).status_code == 303
    html = client.get(f"/r/{token}?page={index + 1}").get_data(as_text=True)
    assert (' value="4" checked' in html) is (index == 0)


PER_REQUEST = {"request", "session", "g", "current_user", "get_flashed_messages", "csrf_token"}


def test_prerendered_templates_depend_on_nothing_per_request(app):
    """A prerendered page is shared by every respondent of a survey: its templates may read
    the survey and the form, never the request, session or signed-in user."""
    from jinja2 import Environment, meta

    bare = Environment(autoescape=True)  # no globals: every name read counts as undeclared

    names = ["respond/page.html", "respond/thanks.html"]
    seen: set[str] = set()
    while names:
        name = names.pop()
        if name in seen:
            continue
        seen.add(name)
        source = app.jinja_env.loader.get_source(app.jinja_env, name)[0]
        parsed = bare.parse(source)
        assert not meta.find_undeclared_variables(parsed) & PER_REQUEST, name
        names.extend(n for n in meta.find_referenced_templates(parsed) if n)
    assert {"base.html", "respond/base.html", "respond/_questions.html", "_help.html"} <= seen
