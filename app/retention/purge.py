"""`flask purge`: every step that removes what is past its time, in one daily run.

A step is ``(session, today, dry_run) -> how many it removed`` (with ``dry_run``, how
many it would remove, changing nothing), so a new kind of record is one line in
``STEPS``. A step that works board by board says so with ``report``, so the printout
and the audit log give counts per board and kind; the others are counted as a whole.
Counts only, never content. Each step's work is committed with its audit entries before
the next starts, and every step removes only what is older than a cutoff, so a second
run, or a run after a failed one, removes nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.audit import record
from app.models import Board

Step = Callable[[Session, date, bool], int]
REPORTED = "chorus.purge.reported"


@dataclass(frozen=True)
class Removed:
    """How many records of a kind a step removed (or would remove) for one board, or all."""

    kind: str
    count: int
    board: str = ""
    board_id: int | None = None


def report(session: Session, board: Board, count: int) -> None:
    """Note one board's share of what the running step removes."""
    session.info.setdefault(REPORTED, []).append((board.slug, board.id, count))


def _taken(session: Session, kind: str, count: int) -> list[Removed]:
    """The running step's counts per board, or its one count when it gave none."""
    shares = session.info.pop(REPORTED, [])
    if not shares:
        return [Removed(kind, count)]
    return [Removed(kind, n, slug, board_id) for slug, board_id, n in shares]


def run(
    session: Session, today: date, dry_run: bool, steps: Sequence[tuple[str, Step]]
) -> list[Removed]:
    """Run the steps in turn; unless ``dry_run``, audit each count above 0 and commit."""
    removed: list[Removed] = []
    for kind, step in steps:
        found = _taken(session, kind, step(session, today, dry_run))
        removed += found
        if dry_run:
            session.rollback()
            continue
        for item in found:
            if item.count:
                record(session, None, "purge", f"{item.kind}: {item.count}", item.board_id)
        session.commit()
    return removed
