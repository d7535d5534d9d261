"""`flask --app wsgi ...` commands of CONTRACT.md."""

import json
import os
import secrets
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click
from flask import Flask, current_app

from app.accounts.service import AccountError, grant
from app.audit import record
from app.demo.loader import demo_loaded, load_demo
from app.demo.plan import DEFAULT_RESPONSES
from app.extensions import db
from app.links.service import issue_invitations, link_url, open_link_token, signing_keys
from app.retention.cli import purge_command, purge_drafts_command
from app.security.personal import sealer
from app.security.rotation import rotate
from app.surveys.service import survey_by_slug, survey_rows


def demo_password() -> str:
    """CHORUS_DEMO_PASSWORD, or one generated once and kept in instance/."""
    if os.environ.get("CHORUS_DEMO_PASSWORD"):
        return os.environ["CHORUS_DEMO_PASSWORD"]
    path = Path(current_app.instance_path) / "demo_password"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(12))
        path.chmod(0o600)
    return path.read_text().strip()


@click.command("demo")
@click.option(
    "--responses", default=DEFAULT_RESPONSES, show_default=True, type=click.IntRange(0, 100_000)
)
def demo_command(responses: int) -> None:
    """Load the demo region, boards, accounts, surveys and synthetic responses."""
    password = demo_password()
    with _progress(0 if demo_loaded(db.session) else responses) as advance:
        result = load_demo(db.session, password, responses, date.today(), advance)
    click.echo("Demo loaded." if result.created else "Demo already loaded; nothing changed.")
    click.echo(f"Demo accounts (password: {password}):")
    for email in result.emails:
        click.echo(f"  {email}")


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal; silence in logs, pipes and tests."""
    if not total or not sys.stderr.isatty():
        yield lambda _done: None
        return
    with click.progressbar(length=total, label="Synthetic responses", file=sys.stderr) as bar:
        yield bar.update


@click.command("surveys")
@click.option("--board", "board_slug", default=None, help="Only this board's surveys.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the only format).")
def surveys_command(board_slug: str | None, as_json: bool) -> None:
    """List surveys with their response counts as JSON."""
    click.echo(json.dumps(survey_rows(db.session, board_slug), indent=2))


@click.command("links")
@click.argument("survey_slug")
@click.option("--count", type=click.IntRange(1, 2000), default=None, help="New single-use links.")
@click.option("--open", "open_link", is_flag=True, help="The survey's reusable link.")
def links_command(survey_slug: str, count: int | None, open_link: bool) -> None:
    """Print respondent URLs, one per line."""
    survey = survey_by_slug(db.session, survey_slug)
    if survey is None:
        raise click.UsageError(f"No survey {survey_slug!r}.")
    if (count is None) == (not open_link):
        raise click.UsageError("Give either --count N or --open.")
    keys = signing_keys(current_app)
    if open_link:
        tokens = [open_link_token(db.session, keys, survey)]
    else:
        tokens = issue_invitations(db.session, keys, survey, count or 0, label="command line")
    db.session.commit()
    base = current_app.config["CHORUS_BASE_URL"]
    for token in tokens:
        click.echo(link_url(base, token))


@click.command("create-user")
@click.argument("email")
@click.option("--board", "scope", default=None, help="Board slug (region slug for regional).")
@click.option("--role", required=True)
@click.password_option(envvar="CHORUS_PASSWORD", prompt="Password")
def create_user_command(email: str, scope: str | None, role: str, password: str) -> None:
    """Create a staff account with a role."""
    try:
        user = grant(db.session, email, password, role, scope)
    except AccountError as error:
        raise click.UsageError(str(error)) from error
    record(db.session, None, "role-granted", f"{user.email}: {role} {scope or ''} (command line)")
    db.session.commit()
    click.echo(f"{email.lower()} is now {role}{' on ' + scope if scope else ''}.")


@click.command("rotate-data-keys")
def rotate_data_keys_command() -> None:
    """Re-seal personal data under the newest of CHORUS_DATA_KEYS (then drop the old keys)."""
    count = rotate(db.session, sealer(current_app))
    click.echo(f"Re-sealed {count} row(s) under the newest key.")


def register_commands(app: Flask) -> None:
    commands = (
        demo_command, surveys_command, links_command, create_user_command,
        rotate_data_keys_command, purge_command, purge_drafts_command,
    )  # fmt: skip
    for command in commands:
        app.cli.add_command(command)
