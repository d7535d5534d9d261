"""`flask purge [--dry-run]`: remove what is older than each board's retention (daily)."""

from collections import defaultdict
from datetime import date

import click

from app.extensions import db
from app.retention.purge import Removed, run
from app.retention.steps import STEPS


def lines(removed: list[Removed], dry_run: bool) -> list[str]:
    """One line per kind: the total, then each board's share when it has one."""
    by_kind: dict[str, list[Removed]] = defaultdict(list)
    for item in removed:
        by_kind[item.kind].append(item)
    said = ["Would remove (dry run, nothing changed):" if dry_run else "Removed:"]
    for kind, items in by_kind.items():
        shares = ", ".join(f"{i.board} {i.count}" for i in items if i.board and i.count)
        said.append(f"  {kind}: {sum(i.count for i in items)}" + (f" ({shares})" if shares else ""))
    return said


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Print what would be removed; change nothing.")
def purge_command(dry_run: bool) -> None:
    """Remove responses, free text, drafts and other records past their time (run daily)."""
    removed = run(db.session, date.today(), dry_run, STEPS)
    for line in lines(removed, dry_run):
        click.echo(line)


@click.command("purge-drafts", hidden=True)
@click.pass_context
def purge_drafts_command(context: click.Context) -> None:
    """The former name of `purge`, which now does all of it (kept for existing cron jobs)."""
    context.invoke(purge_command, dry_run=False)
