"""The command line of CONTRACT.md."""

import json

from sqlalchemy import func, select

from app.models import CodeRecord, Invitation, Response, SessionPhase, Survey, User


def test_demo_loads_everything_and_twice_changes_nothing(runner, db, monkeypatch):
    monkeypatch.setenv("CHORUS_DEMO_PASSWORD", "demo-password-for-tests")
    result = runner.invoke(args=["demo", "--responses", "60"])
    assert result.exit_code == 0, result.output
    assert "manager@riverton.example" in result.output
    assert "demo-password-for-tests" in result.output
    counts = _counts(db)
    # 9 surveys x 2 boards x this year and last, and 3 phases x 3 sessions x 2 boards of the
    # demo courses; the responses asked for, besides the courses'; 4 roles x 2 + 2 accounts
    assert counts == (54, 60, 10)
    audiences = set(db.session.scalars(select(Survey.audience)))
    assert audiences == {"child", "family", "practitioner", "training"}
    again = runner.invoke(args=["demo", "--responses", "60"])
    assert again.exit_code == 0 and "nothing changed" in again.output
    assert _counts(db) == counts


def _counts(db) -> tuple[int, int, int]:
    planned = Response.survey_id.not_in(select(SessionPhase.survey_id))
    return (
        db.session.scalar(select(func.count()).select_from(Survey)),
        db.session.scalar(select(func.count()).select_from(Response).where(planned)),
        db.session.scalar(select(func.count()).select_from(User)),
    )


def test_surveys_json_has_the_contract_fields(runner, db, monkeypatch):
    monkeypatch.setenv("CHORUS_DEMO_PASSWORD", "demo-password-for-tests")
    runner.invoke(args=["demo", "--responses", "36"])
    rows = json.loads(runner.invoke(args=["surveys", "--json"]).output)
    assert len(rows) == 54
    assert set(rows[0]) == {
        "slug", "title", "board", "region", "audience", "questionnaire", "status", "responses",
    }  # fmt: skip
    courses = db.session.scalar(select(func.count()).select_from(CodeRecord))
    assert sum(r["responses"] for r in rows) == 36 + courses
    only = json.loads(runner.invoke(args=["surveys", "--board", "hillford", "--json"]).output)
    assert {r["board"] for r in only} == {"hillford"} and len(only) == 27
    assert {r["region"] for r in rows} == {"northshire"}


def test_links_prints_n_urls_and_nothing_else(runner, db, make_survey):
    survey = make_survey()
    result = runner.invoke(args=["links", survey.slug, "--count", "5"])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 0 and len(lines) == 5
    assert all(line.startswith("http://localhost/r/i") for line in lines)
    assert db.session.scalar(select(func.count()).select_from(Invitation)) == 5


def test_open_link_is_stable(runner, make_survey, client):
    survey = make_survey()
    first = runner.invoke(args=["links", survey.slug, "--open"]).output.strip()
    second = runner.invoke(args=["links", survey.slug, "--open"]).output.strip()
    assert first == second and first.startswith("http://localhost/r/o")
    assert client.get(first.removeprefix("http://localhost")).status_code == 200


def test_links_refuses_bad_arguments(runner, make_survey):
    survey = make_survey()
    assert runner.invoke(args=["links", "no-such-survey", "--count", "1"]).exit_code != 0
    assert runner.invoke(args=["links", survey.slug]).exit_code != 0
    assert runner.invoke(args=["links", survey.slug, "--count", "0"]).exit_code != 0
    assert runner.invoke(args=["links", survey.slug, "--count", "1000000"]).exit_code != 0


def test_create_user_reads_the_password_from_the_environment(runner, db, make_board, monkeypatch):
    make_board("riverton")
    monkeypatch.setenv("CHORUS_PASSWORD", "a-long-enough-password")
    result = runner.invoke(
        args=["create-user", "Lead@Riverton.example", "--board", "riverton", "--role", "manager"]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalars(select(User)).one()
    assert user.email == "lead@riverton.example"
    assert user.password_hash.startswith("$argon2id$")
    assert {m.role for m in user.memberships} == {"manager"}


def test_create_user_refuses_unknown_board_and_role(runner, make_board, monkeypatch):
    make_board("riverton")
    monkeypatch.setenv("CHORUS_PASSWORD", "a-long-enough-password")
    bad_board = runner.invoke(
        args=["create-user", "a@b.example", "--board", "x", "--role", "manager"]
    )
    bad_role = runner.invoke(
        args=["create-user", "a@b.example", "--board", "riverton", "--role", "owner"]
    )
    assert bad_board.exit_code != 0 and "No board" in bad_board.output
    assert bad_role.exit_code != 0 and "Unknown role" in bad_role.output
