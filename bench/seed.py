"""A throw-away benchmark database: created, migrated, seeded with surveys and links, counted."""

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy import func, select

from app import ROOT, create_app
from app.extensions import db
from app.links.service import MAX_BATCH, issue_invitations, signing_keys
from app.models import Answer, Board, Invitation, Region, Response, SurveyStatus
from app.questionnaires.store import sync_library
from app.surveys.service import create_survey

POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432"
POSTGRES_DATABASE = "chorus_bench"
# Single page first: the respondent mix takes tokens from these in this order.
QUESTIONNAIRES = ("touchstones-quick-check", "feeling-safe-8-12")


@dataclass(frozen=True)
class Stored:
    """What the database holds after a run."""

    responses: int
    answers: int
    used_links: int

    def __sub__(self, other: "Stored") -> "Stored":
        return Stored(
            self.responses - other.responses,
            self.answers - other.answers,
            self.used_links - other.used_links,
        )


def database_url(engine: str, workdir: Path) -> str:
    """A fresh, empty database for one run: recreated on PostgreSQL, a new file on SQLite."""
    if engine == "sqlite":
        path = workdir / f"bench-{os.getpid()}-{len(list(workdir.iterdir()))}.sqlite"
        return f"sqlite:///{path}"
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
        name = sql.Identifier(POSTGRES_DATABASE)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
    return f"{POSTGRES_SERVER}/{POSTGRES_DATABASE}"


def migrate(url: str, key: str) -> None:
    """Apply the migrations exactly as a deployment does; raise RuntimeError if they fail."""
    flask = [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"]
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": key}
    done = subprocess.run(flask, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"flask db upgrade failed:\n{done.stderr[-2000:]}")


def seed(url: str, key: str, links: int) -> dict[str, list[str]]:
    """One open survey per benchmark questionnaire, with `links` invitations each, by slug."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": key})
    with app.app_context():
        versions = sync_library(db.session)
        region = Region(slug="bench", name="Benchmark region")
        board = Board(slug="bench", name="Benchmark Partnership", region=region)
        today = date.today()
        tokens: dict[str, list[str]] = {}
        for slug in QUESTIONNAIRES:
            survey = create_survey(
                db.session,
                board,
                versions[slug],
                slug=f"bench-{slug}",
                title="Benchmark",
                opens_on=today - timedelta(days=1),
                closes_on=today + timedelta(days=30),
                status=SurveyStatus.OPEN,
            )
            tokens[slug] = []
            while len(tokens[slug]) < links:
                size = min(MAX_BATCH, links - len(tokens[slug]))
                keys = signing_keys(app)
                tokens[slug] += issue_invitations(db.session, keys, survey, size, "bench")
                db.session.commit()
        db.engine.dispose()
    return tokens


def count_stored(url: str, key: str) -> Stored:
    """Responses, answer rows and spent invitations in the benchmark database."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": key})
    with app.app_context():
        count = select(func.count())
        stored = Stored(
            responses=db.session.scalar(count.select_from(Response)) or 0,
            answers=db.session.scalar(count.select_from(Answer)) or 0,
            used_links=db.session.scalar(count.select_from(Invitation).where(Invitation.used)) or 0,
        )
        db.engine.dispose()
    return stored
