"""SQLite through its online backup API: a consistent copy even while others write."""

import os
import sqlite3
from contextlib import closing
from pathlib import Path

HEADER = b"SQLite format 3\x00"


def copy(source: Path, target: Path) -> None:
    """Copy the database at `source` over `target` (created 0600 when new)."""
    if not target.exists():
        target.touch(mode=0o600)
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as reader,
        closing(sqlite3.connect(target)) as writer,
    ):
        reader.backup(writer)
    os.chmod(target, 0o600)
