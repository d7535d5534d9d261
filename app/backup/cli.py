"""`flask backup PATH` and `flask restore PATH [--force]`."""

from pathlib import Path

import click
from sqlalchemy import func, select

from app.backup import BackupError, backup, restore
from app.extensions import db
from app.models import Answer, AuditEvent, Response, Survey

KEYS_REMINDER = (
    "The keys are not in the backup: keep SECRET_KEY, SECRET_KEY_FALLBACKS and CHORUS_DATA_KEYS "
    "(the environment file) safe apart from it; a restore needs the same ones."
)


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path) -> None:
    """Write a consistent copy of the database to PATH (a new file)."""
    try:
        backup(db.engine, path)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backed up to {path} ({path.stat().st_size:,} bytes).")
    click.echo(KEYS_REMINDER)


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that already holds data.")
def restore_command(path: Path, force: bool) -> None:
    """Restore the backup at PATH into this (empty) database; stop Chorus first."""
    db.session.close()  # hand back any connection: its locks would hold the restore up
    try:
        restore(db.engine, path, force)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    counted = {name: db.session.scalar(select(func.count()).select_from(model))
               for name, model in COUNTED.items()}  # fmt: skip
    db.session.close()
    click.echo(f"Restored {path}: " + ", ".join(f"{n:,} {name}" for name, n in counted.items()))
    click.echo("Next: `flask db upgrade` (when this Chorus is newer), then `flask purge`.")
    click.echo(KEYS_REMINDER)


COUNTED = {"surveys": Survey, "responses": Response, "answers": Answer, "audit entries": AuditEvent}
