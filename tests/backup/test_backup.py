"""flask backup and flask restore: everything comes back, into an empty database only."""

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import psycopg
import pytest
from flask import Flask
from psycopg import sql
from sqlalchemy import func, select, update
from sqlalchemy.engine import make_url

from app import create_app
from app.audit import record
from app.backup import postgres
from app.backup.errors import BackupError
from app.extensions import db as _db
from app.models import Answer, AuditEvent, Base, Draft, Response, Survey
from tests.conftest import TEST_KEY
from tests.helpers import hidden_fields

PAGE_ONE = {"safe_school": "4", "adults_listen": "5", "know_who": "yes"}
PAGE_TWO = {"places": ["home", "park"], "score": "7", "safer": "More lights in the park"}


@pytest.fixture(scope="session")
def _second_database(database_url: str) -> Iterator[str]:
    """A second PostgreSQL database beside the test one, kept between runs (making one is slow)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        yield ""
        return
    name = sql.Identifier(f"{url.database}_restore")
    server = url.set(drivername="postgresql", database="postgres").render_as_string(False)
    with psycopg.connect(server, autocommit=True) as connection:
        known = "SELECT 1 FROM pg_database WHERE datname = %s"
        if connection.execute(known, (f"{url.database}_restore",)).fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
    yield url.set(database=f"{url.database}_restore").render_as_string(False)


@pytest.fixture
def empty_url(app: Flask, tmp_path: Path, _second_database: str) -> str:
    """An empty database of the same kind as the test's."""
    if not _second_database:
        return f"sqlite:///{tmp_path / 'restored.sqlite'}"
    plain = make_url(_second_database).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")
    return _second_database


def respond(client, token: str, pages: int = 2) -> None:  # type: ignore[no-untyped-def]
    for page, given in list(enumerate((PAGE_ONE, PAGE_TWO), start=1))[:pages]:
        fields = hidden_fields(client.get(f"/r/{token}?page={page}").data)
        client.post(f"/r/{token}?page={page}", data={**fields, **given})


def contents() -> dict[str, set]:
    """Every survey, response, answer and audit entry, as comparable rows."""
    session = _db.session
    queries = {
        "surveys": select(Survey.id, Survey.slug, Survey.title),
        "responses": select(Response.id, Response.survey_id, Response.submitted_on),
        "answers": select(Answer.response_id, Answer.question_key, Answer.value),
        "audit": select(AuditEvent.id, AuditEvent.action, AuditEvent.target),
        "drafts": select(Draft.id, Draft.updated_on),
    }
    return {name: set(session.execute(query).all()) for name, query in queries.items()}


def filled(app, client, make_survey, make_links) -> dict[str, set]:  # type: ignore[no-untyped-def]
    """Two surveys with responses, an audit entry and a draft untouched for 91 days."""
    first, second = make_survey(), make_survey()
    for token in make_links(first, 3) + make_links(second, 2):
        respond(client, token)
    respond(client, make_links(first, 1)[0], pages=1)
    old = date.today() - timedelta(days=91)
    _db.session.execute(update(Draft).values(updated_on=old))
    # One response older than the default retention (24 months), due to go at the next purge.
    oldest = _db.session.scalars(select(Response.id).order_by(Response.id).limit(1)).one()
    expired = date.today() - timedelta(days=800)
    _db.session.execute(update(Response).where(Response.id == oldest).values(submitted_on=expired))
    record(_db.session, None, "role-granted", "someone: manager (command line)")
    _db.session.commit()
    found = contents()
    assert len(found["responses"]) == 5 and len(found["answers"]) == 35 and found["drafts"]
    return found


def test_a_backup_restores_into_an_empty_database_with_everything(
    app, client, runner, make_survey, make_links, empty_url, tmp_path
):
    before = filled(app, client, make_survey, make_links)
    path = tmp_path / "chorus.backup"
    made = runner.invoke(args=["backup", str(path)])
    assert made.exit_code == 0, made.output
    assert "not in the backup" in made.output and path.stat().st_mode & 0o077 == 0
    target = create_app({"SQLALCHEMY_DATABASE_URI": empty_url, "SECRET_KEY": TEST_KEY})
    with target.app_context():  # the CLI runner uses the app whose context is current
        restored = target.test_cli_runner().invoke(args=["restore", str(path)])
        assert restored.exit_code == 0, restored.output
        assert "5 responses, 35 answers, 1 audit entries" in restored.output
        assert contents() == before
        # The retention purge after a restore removes what expired since the backup was taken.
        purged = target.test_cli_runner().invoke(args=["purge"])
        assert "responses: 1" in purged.output and "drafts: 1" in purged.output, purged.output
        after = contents()
        kept = {
            row
            for row in before["responses"]
            if row.submitted_on > date.today() - timedelta(days=731)
        }
        assert not after["drafts"] and after["responses"] == kept and len(kept) == 4
        _db.engine.dispose()


def test_restore_refuses_a_database_with_data_unless_forced(
    app, client, runner, make_survey, make_links, empty_url, tmp_path
):
    filled(app, client, make_survey, make_links)
    path = tmp_path / "chorus.backup"
    assert runner.invoke(args=["backup", str(path)]).exit_code == 0
    again = runner.invoke(args=["backup", str(path)])
    assert again.exit_code == 1 and "already exists" in again.output
    target = create_app({"SQLALCHEMY_DATABASE_URI": empty_url, "SECRET_KEY": TEST_KEY})
    cli = target.test_cli_runner()
    with target.app_context():
        assert cli.invoke(args=["restore", str(path)]).exit_code == 0
        refused = cli.invoke(args=["restore", str(path)])
        assert refused.exit_code == 1
        assert "already holds data" in refused.output and "--force" in refused.output
        forced = cli.invoke(args=["restore", str(path), "--force"])
        assert forced.exit_code == 0, forced.output
        assert _db.session.scalar(select(func.count()).select_from(Response)) == 5
        _db.engine.dispose()


def test_restore_refuses_what_is_not_a_backup_of_this_kind_of_database(runner, tmp_path, app):
    junk = tmp_path / "notes.txt"
    junk.write_text("hello")
    refused = runner.invoke(args=["restore", str(junk)])
    assert refused.exit_code == 1 and "is not a Chorus backup" in refused.output
    other = tmp_path / "other.backup"
    other.write_bytes(b"PGDMP" if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
                      else b"SQLite format 3\x00")  # fmt: skip
    refused = runner.invoke(args=["restore", str(other)])
    assert refused.exit_code == 1 and "backup; DATABASE_URL is" in refused.output
    assert runner.invoke(args=["restore", str(tmp_path / "missing")]).exit_code == 1


def test_a_restore_into_a_migrated_empty_database_is_allowed(app, empty_url):
    target = create_app({"SQLALCHEMY_DATABASE_URI": empty_url, "SECRET_KEY": TEST_KEY})
    with target.app_context():
        Base.metadata.create_all(_db.engine)
        from app.backup import holds_data

        assert holds_data(_db.engine) == []
        _db.engine.dispose()


def test_pg_tools_of_the_wrong_version_are_refused_with_the_fix(monkeypatch, tmp_path):
    fake = tmp_path / "pg_restore"
    fake.write_text("#!/bin/sh\necho 'pg_restore (PostgreSQL) 13.2'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BackupError, match=r"version 13; the server is 15.*postgresql/15/bin"):
        postgres.tool("pg_restore", 15, exact=True)
    assert postgres.tool("pg_restore", 12, exact=False) == str(fake)
    with pytest.raises(BackupError, match=r"needs version 12\."):
        postgres.tool("pg_restore", 12, exact=True)
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(BackupError, match="pg_dump is not installed"):
        postgres.tool("pg_dump", 15, exact=False)
