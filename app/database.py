"""Engine tuning that every connection needs, and the respondent path's connections."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL and a busy timeout let SQLite's single writer queue instead of failing."""
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@contextmanager
def autocommit(engine: Engine) -> Iterator[Connection]:
    """A pooled connection where each statement commits by itself.

    A read then costs one round trip to PostgreSQL instead of three (BEGIN, the query,
    ROLLBACK); statements that must stand or fall together go in ``transaction()``.
    """
    with engine.connect() as connection:
        yield connection.execution_options(isolation_level="AUTOCOMMIT")


@contextmanager
def transaction(connection: Connection) -> Iterator[Connection]:
    """A transaction on an autocommit connection: committed, or rolled back on any error."""
    connection.commit()  # ends SQLAlchemy's bookkeeping of the autocommitted statements only
    connection.execution_options(isolation_level=connection.default_isolation_level)
    try:
        with connection.begin():
            yield connection
    finally:
        connection.execution_options(isolation_level="AUTOCOMMIT")
