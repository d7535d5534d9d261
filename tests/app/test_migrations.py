"""The migrations build, from empty, exactly the schema the models describe."""

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text

from app import create_app
from app.config import normalise_db_url
from app.extensions import db
from app.models import Base
from tests.conftest import POSTGRES_URL, TEST_KEY


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrated.sqlite'}"
        return
    if not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL migration check skipped")
    name = f"chorus_migrate_{uuid.uuid4().hex[:8]}"
    admin = create_engine(normalise_db_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield normalise_db_url(POSTGRES_URL).rsplit("/", 1)[0] + "/" + name
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def test_migrations_match_the_models(empty_database: str) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database, "SECRET_KEY": TEST_KEY})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert differences == []
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        db.engine.dispose()


def test_free_text_sections_and_priorities_become_the_boards_lists(empty_database: str) -> None:
    """ "Section D", "D" and "children" land in one group; priorities join the board's list."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database, "SECRET_KEY": TEST_KEY})
    with app.app_context():
        upgrade(revision="de90e536c60e")
        tags = ['{"qa_section": "Section D", "priority": "Neglect"}',
                '{"qa_section": "d", "priority": " neglect "}',
                '{"qa_section": "children", "priority": "Early help"}',
                '{"qa_section": "Front line staff"}',
                '{"qa_section": "Our own review"}', "{}"]  # fmt: skip
        with db.engine.begin() as connection:
            _old_surveys(connection, tags)
        upgrade()
        with db.engine.connect() as connection:
            found = connection.execute(text("SELECT tags FROM survey ORDER BY id")).scalars().all()
            lists = connection.execute(text("SELECT qa_sections, priorities FROM board")).one()
        db.engine.dispose()
    found = [json.loads(t) if isinstance(t, str) else t for t in found]
    assert [t.get("qa_section") for t in found] == ["D", "D", "D", "E", "Our own review", None]
    assert [t.get("priority") for t in found] == ["Neglect", "Neglect", "Early help", None, None,
                                                  None]  # fmt: skip
    sections, priorities = (json.loads(v) if isinstance(v, str) else v for v in lists)
    assert [s["code"] for s in sections] == ["A", "B", "C", "D", "E", "Our own review"]
    assert priorities == ["Early help", "Neglect"]


def _old_surveys(connection, tags: list[str]) -> None:  # type: ignore[no-untyped-def]
    connection.execute(text("INSERT INTO region (id, slug, name) VALUES (1, 'r', 'R')"))
    connection.execute(text("INSERT INTO board (id, slug, name, region_id, help_contact) "
                            "VALUES (1, 'b', 'B', 1, '')"))  # fmt: skip
    connection.execute(text("INSERT INTO questionnaire (id, slug, title, audience) "
                            "VALUES (1, 'q', 'Q', 'child')"))  # fmt: skip
    connection.execute(
        text(
            "INSERT INTO questionnaire_version (id, questionnaire_id, number, "
            "definition, created_at) VALUES (1, 1, 1, '{}', '2026-01-01')"
        )
    )
    for n, tag in enumerate(tags, 1):
        connection.execute(
            text("INSERT INTO survey (id, slug, board_id, version_id, audience, title, status, "
                 "opens_on, closes_on, distribution, tags, outcomes, created_at) VALUES "
                 "(:id, :slug, 1, 1, 'child', 'S', 'open', '2026-01-01', '2026-02-01', '', "
                 ":tags, '[]', '2026-01-01')"),
            {"id": n, "slug": f"s{n}", "tags": tag},
        )  # fmt: skip
