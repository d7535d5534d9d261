"""`flask panel BOARD_SLUG --add EMAIL --agency NAME [--level LEVEL] | --import CSV | --json |
--send SURVEY_SLUG [--closes YYYY-MM-DD] | --remind SURVEY_SLUG`.

Each action is an option and a function in ``ACTIONS``, keyed by the option's parameter
name, and exactly one is given per run; a new action (``--send SURVEY_SLUG``) is one more
option on the command and one more entry in the table.
"""

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click
from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models import Board, Survey
from app.panel import members
from app.panel.addresses import BadValue, agency_code, checked_email, level_code
from app.panel.imports import ImportProblem
from app.panel.sending import PanelError, remind, send_check, sender_for
from app.security.personal import sealer

Action = Callable[[Board, dict[str, Any]], None]


def _joining(options: dict[str, Any]) -> members.Joining:
    if not options.get("agency"):
        raise click.UsageError("--add needs --agency NAME.")
    try:
        return members.Joining(checked_email(options["email"]), agency_code(options["agency"]),
                               level_code(options["level"]))  # fmt: skip
    except BadValue as error:
        raise click.UsageError(str(error)) from error


def add_member(board: Board, options: dict[str, Any]) -> None:
    """Add one confirmed member (someone who has already agreed to join)."""
    joining = _joining(options)
    added = members.add(db.session, sealer(current_app), board, joining, date.today())
    click.echo(f"Added to the {board.slug} panel." if added else "Already on the panel.")


def import_members(board: Board, options: dict[str, Any]) -> None:
    """Add every member of a CSV file, or none, listing every bad row on stderr."""
    path: Path = options["csv_path"]
    try:
        with path.open("rb") as raw:
            done = members.import_csv(db.session, sealer(current_app), board, None, raw,
                                      date.today())  # fmt: skip
    except ImportProblem as problem:
        click.echo("Nothing was imported:", err=True)
        for line in problem.problems:
            click.echo(f"  {line}", err=True)
        raise click.exceptions.Exit(1) from problem
    click.echo(f"Imported: {done.added} added, {done.already} already on the panel, "
               f"{done.repeated} repeated in the file.")  # fmt: skip


def print_counts(board: Board, options: dict[str, Any]) -> None:
    """Confirmed members by agency and level, suppressed; never an address."""
    click.echo(json.dumps(members.counts(db.session, board).as_json(board.slug), indent=2))


def _survey(board: Board, slug: str) -> Survey:
    survey = db.session.scalar(select(Survey).where(Survey.slug == slug))
    if survey is None or survey.board_id != board.id:
        raise click.UsageError(f"No survey {slug!r} on the {board.slug} board.")
    return survey


def _run(act: Callable[[], int], said: str) -> None:
    try:
        click.echo(said.format(n=act()))
    except PanelError as error:
        raise click.UsageError(str(error)) from error


def send_to_panel(board: Board, options: dict[str, Any]) -> None:
    """Queue a single-use invitation to every confirmed member not yet invited."""
    survey, today = _survey(board, options["send"]), date.today()
    closes = options["closes"].date() if options.get("closes") else survey.closes_on
    sender = sender_for(current_app._get_current_object())  # type: ignore[attr-defined]
    _run(lambda: send_check(db.session, sender, survey, closes, today),
         "Queued {n} invitation(s); send them with `flask send-mail`.")  # fmt: skip


def remind_panel(board: Board, options: dict[str, Any]) -> None:
    """Queue a reminder, with a fresh link, to members whose link is unused."""
    survey = _survey(board, options["remind"])
    sender = sender_for(current_app._get_current_object())  # type: ignore[attr-defined]
    _run(lambda: remind(db.session, sender, survey, date.today()),
         "Queued {n} reminder(s); send them with `flask send-mail`.")  # fmt: skip


ACTIONS: dict[str, Action] = {
    "email": add_member,
    "csv_path": import_members,
    "as_json": print_counts,
    "send": send_to_panel,
    "remind": remind_panel,
}


@click.command("panel")
@click.argument("board_slug")
@click.option("--add", "email", metavar="EMAIL", help="Add a confirmed member.")
@click.option("--agency", metavar="NAME", help="The added member's agency (code or name).")
@click.option("--level", default="frontline", show_default=True, help="Their role level.")
@click.option(
    "--import", "csv_path", metavar="CSV", help="Add the members in a CSV file.",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Counts by agency and level, suppressed.")
@click.option("--send", metavar="SURVEY_SLUG", help="Send this quick check to the panel.")
@click.option("--closes", type=click.DateTime(["%Y-%m-%d"]), help="With --send: its last day.")
@click.option("--remind", metavar="SURVEY_SLUG", help="Remind those whose link is unused.")
def panel_command(board_slug: str, **options: Any) -> None:
    """A board's Touchstones panel: add or import members, or print its counts."""
    board = db.session.scalar(select(Board).where(Board.slug == board_slug))
    if board is None:
        raise click.UsageError(f"No board {board_slug!r}.")
    chosen = [name for name in ACTIONS if options.get(name)]
    if len(chosen) != 1:
        raise click.UsageError(
            "Give one of --add EMAIL, --import CSV, --json, --send SURVEY or --remind SURVEY."
        )
    ACTIONS[chosen[0]](board, options)
