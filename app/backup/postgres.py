"""PostgreSQL through pg_dump -Fc and pg_restore, whose versions must suit the server.

pg_dump refuses a server newer than itself, and pg_restore writes SQL for its own version,
which an older server may not accept: so a backup needs pg_dump of the server's major
version or newer, and a restore pg_restore of exactly the server's. The password goes to
them in the environment, never on the command line, where ``ps`` would show it.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL

from app.backup.errors import BackupError

VERSION = re.compile(r"\(PostgreSQL\)\s+(\d+)")


def server_major(engine: Engine) -> int:
    """The server's major version (15 for 15.4)."""
    with engine.connect() as connection:
        return int(connection.execute(text("SHOW server_version_num")).scalar_one()) // 10000


def tool(name: str, server: int, exact: bool) -> str:
    """The path of pg_dump or pg_restore on PATH, checked against the server's version."""
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed: apt-get install postgresql-client-{server}.")
    output = subprocess.run(  # noqa: S603 (the tool found on PATH, no user input)
        [found, "--version"], capture_output=True, text=True, check=True
    )
    match = VERSION.search(output.stdout)
    major = int(match.group(1)) if match else 0
    if major < server or (exact and major != server):
        need = f"version {server}" if exact else f"version {server} or newer"
        raise BackupError(
            f"{name} on PATH is version {major or 'unknown'}; the server is {server}, so it needs "
            f"{need}. Put /usr/lib/postgresql/{server}/bin first on PATH "
            f"(apt-get install postgresql-client-{server})."
        )
    return found


def dump(url: URL, path: Path, server: int) -> None:
    """pg_dump the whole database into a new custom-format archive at `path` (mode 0600)."""
    command = [tool("pg_dump", server, exact=False), "--format=custom", "--no-owner",
               "--no-privileges", "--file", str(path), "--dbname", _dsn(url)]  # fmt: skip
    path.touch(mode=0o600)
    try:
        _run(command, url, "pg_dump")
    except BackupError:
        path.unlink(missing_ok=True)
        raise


def restore(url: URL, path: Path, server: int) -> None:
    """pg_restore the archive in one transaction, dropping what it replaces: all or nothing."""
    command = [tool("pg_restore", server, exact=True), "--clean", "--if-exists", "--no-owner",
               "--no-privileges", "--single-transaction", "--dbname", _dsn(url),
               str(path)]  # fmt: skip
    _run(command, url, "pg_restore")


def _dsn(url: URL) -> str:
    """A libpq URL without the password."""
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False)


def _run(command: list[str], url: URL, name: str) -> None:
    env = {**os.environ, **({"PGPASSWORD": str(url.password)} if url.password else {})}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        raise BackupError(f"{name} failed:\n{done.stderr.strip()[-2000:]}")
