"""A consistent copy of the database (``flask backup PATH``) and its restore (``flask restore``).

PostgreSQL is copied by ``pg_dump -Fc`` (one snapshot, so consistent while Chorus runs) and
restored by ``pg_restore`` in one transaction; SQLite by its online backup API, which copies
a consistent state page by page while others write. A restore refuses a database that holds
data unless forced, and a backup of the other kind of database. Keys are never in a backup:
``SECRET_KEY`` (and its fallbacks) and ``CHORUS_DATA_KEYS`` live in the environment file,
and a restore needs the same ones, or sealed emails cannot be read and old links fail.
"""

from pathlib import Path

from sqlalchemy import Engine, Select, inspect, select, table
from sqlalchemy.engine import make_url

from app.backup import postgres, sqlite
from app.backup.errors import BackupError

__all__ = ["BackupError", "backup", "holds_data", "restore"]

# Present in a freshly migrated database: not data.
SCHEMA_ONLY = frozenset({"alembic_version"})


def backup(engine: Engine, path: Path) -> None:
    """Write a consistent copy of the database to a new file at `path` (mode 0600)."""
    if path.exists():
        raise BackupError(f"{path} already exists; choose a new name for each backup.")
    if engine.dialect.name == "postgresql":
        postgres.dump(make_url(engine.url), path, postgres.server_major(engine))
    else:
        sqlite.copy(_sqlite_path(engine), path)


def restore(engine: Engine, path: Path, force: bool) -> None:
    """Replace the database's contents with the backup; refuse one holding data unless forced."""
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    kind = backup_kind(path)
    if kind != engine.dialect.name:
        raise BackupError(f"{path} is a {kind} backup; DATABASE_URL is {engine.dialect.name}.")
    filled = holds_data(engine)
    if filled and not force:
        raise BackupError(
            f"The database already holds data (in {', '.join(filled[:5])}"
            f"{'...' if len(filled) > 5 else ''}). Restore into an empty database, or add "
            "--force to replace everything in it with the backup."
        )
    major = postgres.server_major(engine) if kind == "postgresql" else 0
    engine.dispose()  # our own pooled connections would hold locks the restore needs
    if kind == "postgresql":
        postgres.restore(make_url(engine.url), path, major)
    else:
        sqlite.copy(path, _sqlite_path(engine))


def backup_kind(path: Path) -> str:
    """'postgresql' or 'sqlite' from the file's first bytes; raise for anything else."""
    with path.open("rb") as file:
        start = file.read(16)
    if start.startswith(b"PGDMP"):
        return "postgresql"
    if start == sqlite.HEADER:
        return "sqlite"
    raise BackupError(f"{path} is not a Chorus backup (neither pg_dump -Fc nor SQLite).")


def holds_data(engine: Engine) -> list[str]:
    """The tables that hold at least one row, migration bookkeeping aside."""
    names = sorted(set(inspect(engine).get_table_names()) - SCHEMA_ONLY)
    with engine.connect() as connection:
        return [name for name in names if connection.execute(_any_row(name)).first()]


def _any_row(name: str) -> Select[tuple[int]]:
    return select(1).select_from(table(name)).limit(1)


def _sqlite_path(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
    return Path(database)
