"""The audit log: who did what and when, written by the caller's transaction, never answers."""

from datetime import UTC, datetime

from sqlalchemy import func, inspect, select

from app.audit import record
from app.models import AuditEvent
from tests.app.auth_steps import post_form, sign_in
from tests.app.test_respond import answer_all


def count(db) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(AuditEvent))


def test_record_adds_a_row_that_the_caller_commits(db, make_user, make_board):
    board = make_board("riverton")
    user = make_user("lead@riverton.example", "manager", board)
    record(db.session, user, "export", "evidence pack 2026", board_id=board.id)
    db.session.flush()
    event = db.session.scalars(select(AuditEvent)).one()
    assert (event.actor_id, event.action, event.target, event.board_id) == (
        user.id,
        "export",
        "evidence pack 2026",
        board.id,
    )
    assert event.at.tzinfo is not None
    assert abs((event.at - datetime.now(UTC)).total_seconds()) < 5
    db.session.rollback()
    assert count(db) == 0


def test_record_without_an_actor(db):
    record(db.session, None, "sign-in-failed", "email-hash 0123")
    db.session.commit()
    assert db.session.scalars(select(AuditEvent)).one().actor_id is None


def test_control_characters_cannot_forge_lines_and_long_text_is_cut(db):
    record(db.session, None, "export\r\nadmin", "name\nfake line\x1b[31m" + "x" * 500)
    db.session.commit()
    event = db.session.scalars(select(AuditEvent)).one()
    assert event.action == "export  admin"
    assert "\n" not in event.target and "\x1b" not in event.target
    assert len(event.target) == 300


def test_the_audit_table_has_no_room_for_answers(db):
    columns = {column["name"] for column in inspect(db.engine).get_columns("audit_event")}
    assert columns == {"id", "at", "actor_id", "action", "target", "board_id"}


def test_answering_a_survey_writes_nothing_to_the_audit_log(client, db, make_survey, make_links):
    assert answer_all(client, make_links(make_survey())[0]).status_code == 200
    assert count(db) == 0


def test_sign_in_and_sign_out_are_recorded_in_order(app, db, make_user, make_board):
    user = make_user("lead@riverton.example", "manager", make_board("riverton"))
    client = app.test_client()
    sign_in(client, user.email, "a wrong password")
    sign_in(client, user.email)
    post_form(client, "/logout", {}, page="/account")
    rows = db.session.execute(
        select(AuditEvent.action, AuditEvent.actor_id).order_by(AuditEvent.id)
    ).all()
    assert rows == [("sign-in-failed", None), ("sign-in", user.id), ("sign-out", user.id)]


def test_create_user_on_the_command_line_is_recorded(runner, db, make_board, monkeypatch):
    make_board("riverton")
    monkeypatch.setenv("CHORUS_PASSWORD", "a-long-enough-password")
    args = ["create-user", "lead@riverton.example", "--board", "riverton", "--role", "manager"]
    assert runner.invoke(args=args).exit_code == 0
    event = db.session.scalars(select(AuditEvent)).one()
    assert (event.actor_id, event.action) == (None, "role-granted")
    assert event.target == "lead@riverton.example: manager riverton (command line)"
    assert "a-long-enough-password" not in event.target
