"""`flask evidence BOARD_SLUG --format ... --out PATH`: the evidence pack as a file."""

import time
from datetime import date, datetime
from pathlib import Path

import click
from sqlalchemy import select

from analysis.periods import widened
from app.evidence.formats import FORMATS, render
from app.extensions import db
from app.models import Board
from app.results.service import board_pack

DAY = click.DateTime(["%Y-%m-%d"])


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


@click.command("evidence")
@click.argument("board_slug")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--since", type=DAY, default=None, help="First day (widened to its month).")
@click.option("--until", type=DAY, default=None, help="Last day (widened to its month).")
def evidence_command(
    board_slug: str, fmt: str, out: Path, since: datetime | None, until: datetime | None
) -> None:
    """Write the board's evidence pack for a period (the current financial year by default)."""
    board = db.session.scalar(select(Board).where(Board.slug == board_slug))
    if board is None:
        raise click.UsageError(f"No board {board_slug!r}.")
    try:
        period = widened(_day(since), _day(until), date.today())
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--since/--until") from error
    started = time.perf_counter()

    def step(stage: str) -> None:
        click.echo(f"[{time.perf_counter() - started:5.1f}s] {stage}...", err=True)

    pack = board_pack(db.session, board, period, date.today(), step)
    step(f"Writing {fmt}")
    out.write_bytes(render(pack, fmt))
    note = ", widened to whole months" if period.widened else ""
    click.echo(f"Wrote {out}: {board.name}, {period.label}{note}.")
