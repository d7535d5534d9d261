"""Anonymity is a property of the schema: prove it on a real submission."""

import logging
import re
import uuid
from datetime import date

from sqlalchemy import Date, inspect, select, text

from app import ROOT
from app.models import Answer, Base, Invitation, Receipt, Response
from tests.app.test_respond import PAGE_ONE, PAGE_TWO, answer_all, post_page

LINK_TABLES = {"invitation", "open_link", "link_batch", "draft", "receipt"}
FORBIDDEN_WORDS = ("ip", "addr", "agent", "referer", "referrer", "cookie", "token", "nonce", "time")


def test_response_tables_hold_only_what_is_needed(db):
    columns = {t: {c.name for c in Base.metadata.tables[t].columns} for t in ("response", "answer")}
    assert columns["response"] == {"id", "survey_id", "submitted_on"}
    # sentiment is worked out from the answer itself, once, when it is stored: nothing about who.
    assert columns["answer"] == {
        "id",
        "response_id",
        "question_key",
        "value",
        "number",
        "sentiment",
    }


def test_no_column_anywhere_could_identify_a_respondent(db):
    allowed = {("invitation", "nonce_hash"), ("open_link", "nonce_hash")}  # hashes, never tokens
    for table in ("response", "answer", "invitation", "open_link", "receipt", "draft"):
        for column in Base.metadata.tables[table].columns:
            if (table, column.name) in allowed:
                continue
            assert not set(column.name.split("_")) & set(FORBIDDEN_WORDS), (table, column.name)


def test_no_foreign_key_joins_responses_to_links(db):
    for table in ("response", "answer"):
        targets = {fk.column.table.name for fk in Base.metadata.tables[table].foreign_keys}
        assert not targets & LINK_TABLES, table
    for table in LINK_TABLES:
        targets = {fk.column.table.name for fk in Base.metadata.tables[table].foreign_keys}
        assert not targets & {"response", "answer"}, table


def test_the_database_schema_matches(db):
    """The live database, not just the models, has no identifying columns."""
    names = {c["name"] for c in inspect(db.engine).get_columns("response")}
    assert names == {"id", "survey_id", "submitted_on"}


def test_single_use_key_is_not_null_and_unique(db):
    column = Base.metadata.tables["invitation"].c.nonce_hash
    assert column.nullable is False
    assert (
        any(
            c.columns.keys() == ["nonce_hash"]
            for c in Base.metadata.tables["invitation"].constraints
            if c.__class__.__name__ == "UniqueConstraint"
        )
        or column.unique
    )


def test_submission_keeps_only_a_random_id_and_the_day(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    answer_all(client, token)
    response = db.session.scalars(select(Response)).one()
    assert isinstance(response.id, uuid.UUID) and response.id.version == 4
    assert response.submitted_on == date.today()
    assert type(response.submitted_on) is date  # a day, never a time
    answer_ids = db.session.scalars(select(Answer.id)).all()
    assert all(a.version == 4 for a in answer_ids)


def test_response_ids_are_not_in_submission_order(client, db, make_survey, make_links):
    survey = make_survey()
    for token in make_links(survey, 6):
        answer_all(client, token)
    ids = [r.id for r in db.session.scalars(select(Response))]
    assert len(set(ids)) == 6
    # Random ids: sorting them must not reproduce a fixed order across runs (uuid4 entropy).
    assert len({i.int >> 120 for i in ids}) > 1


def test_nothing_stored_holds_the_token_or_its_hash(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    answer_all(client, token)
    invitation = db.session.scalars(select(Invitation)).one()
    secrets_ = {token, token.split(".")[0][1:], invitation.nonce_hash}
    for table in Base.metadata.sorted_tables:
        if table.name == "invitation":
            continue
        for row in db.session.execute(select(table)).all():
            for value in row:
                text_value = str(value)
                assert not any(s in text_value for s in secrets_), table.name


def test_invitation_records_only_that_it_was_used(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    answer_all(client, token)
    row = db.session.execute(text("SELECT * FROM invitation")).mappings().one()
    assert set(row.keys()) == {"id", "survey_id", "batch_id", "nonce_hash", "used", "revoked"}
    assert row["used"] in (True, 1)


def test_receipt_cannot_be_joined_to_the_response(client, db, make_survey, make_links):
    answer_all(client, make_links(make_survey())[0])
    assert {c.name for c in Receipt.__table__.columns} == {"key_hash"}
    receipt = db.session.scalars(select(Receipt)).one()
    response = db.session.scalars(select(Response)).one()
    assert str(response.id).replace("-", "") not in receipt.key_hash


def test_access_log_has_the_route_pattern_not_the_token(client, make_survey, make_links, caplog):
    token = make_links(make_survey())[0]
    with caplog.at_level(logging.INFO, logger="chorus.access"):
        answer_all(client, token)
    messages = [r.getMessage() for r in caplog.records if r.name == "chorus.access"]
    assert any("/r/<token>" in m for m in messages)
    assert all(token not in m and "127.0.0.1" not in m for m in messages)
    assert all("More lights" not in r.getMessage() for r in caplog.records)


def test_nothing_is_kept_in_the_browser(client, make_survey, make_links):
    page = client.get(f"/r/{make_links(make_survey())[0]}")
    assert page.headers["Cache-Control"] == "no-store"
    html = page.get_data(as_text=True)
    assert "localStorage" not in html
    # The one script is Exit this page's, from our own origin, and it stores nothing.
    scripts = re.findall(r"<script[^>]*>", html)
    assert len(scripts) == 1 and 'src="/static/build/exit-this-page.js' in scripts[0]
    script = ROOT / "app" / "static" / "build" / "exit-this-page.js"
    if script.exists():
        assert not re.search(r"Storage|cookie|fetch\(|XMLHttpRequest", script.read_text())


FLAGGED = {**PAGE_TWO, "safer": "my dad hits me when he drinks"}


def send_flagged(client, token: str):  # type: ignore[no-untyped-def]
    assert post_page(client, token, 1, PAGE_ONE).status_code == 303
    return post_page(client, token, 2, FLAGGED)


def test_a_flag_keeps_the_day_and_the_distribution_in_words_never_a_link(db):
    flag = Base.metadata.tables["flag"]
    targets = {fk.column.table.name for fk in flag.foreign_keys}
    assert targets == {"response", "survey", "user_account"}  # the reviewer, never a link
    assert not targets & LINK_TABLES
    assert isinstance(flag.c.flagged_on.type, Date)  # a day, like the response's
    for column in flag.columns:
        if column.name != "reviewed_at":  # the reviewer's time, not the respondent's
            assert not set(column.name.split("_")) & set(FORBIDDEN_WORDS), column.name


def test_a_flag_holds_no_token_link_id_or_time_of_submission(client, db, make_survey, make_links):
    token = make_links(make_survey())[0]
    send_flagged(client, token)
    row = db.session.execute(text("SELECT * FROM flag")).mappings().one()
    invitation = db.session.scalars(select(Invitation)).one()
    assert row["context"] == "Batch of single-use links"
    assert str(row["flagged_on"]) == date.today().isoformat()
    for value in row.values():
        assert invitation.nonce_hash not in str(value) and token not in str(value)
    assert row["reviewed_at"] is None


def test_every_flagged_respondent_sees_the_same_thank_you_page(client, db, make_survey, make_links):
    first, second = make_links(make_survey(), 2)
    pages = [send_flagged(c, t).get_data() for c, t in ((client, first), (client, second))]
    assert b"Thank you for telling us" in pages[0]
    assert pages[0] == pages[1]  # nothing of whose answer it was, so nothing to leak


def test_the_reviewers_alert_carries_no_answer(client, db, make_survey, make_links, make_user):
    from app.models import OutboxMessage

    survey = make_survey()
    make_user("reviewer@example.org", "reviewer", survey.board)
    send_flagged(client, make_links(survey)[0])
    message = db.session.scalars(select(OutboxMessage)).one()
    for part in (message.subject, message.text, message.html):
        assert "hits" not in part and "drinks" not in part and "football" not in part
