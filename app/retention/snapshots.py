"""Keeping a board's evidence before a purge removes the answers it is worked out from.

A pack reads the answers of its period and, for trends, of the year before. So before
answers sent from ``first`` to ``last`` go, every fixed period (month, quarter, financial
year) that has ended and reads any of them gets its pack stored, unless one is kept
already: it is made from the answers as they are then, and served from then on. Periods
still running are not kept: they show what remains.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from analysis.pack import Pack
from analysis.periods import ended_periods_reading
from app.evidence.formats.as_json import as_json
from app.models import Board, EvidenceSnapshot
from app.results.service import board_pack
from app.retention.kept import snapshot_of


def without_quotes(pack: Pack) -> Pack:
    """The figures only: no words anyone wrote outlive the board's text retention."""
    return replace(pack, sections=tuple(replace(s, quotes=()) for s in pack.sections))


def keep_packs(session: Session, board: Board, first: date, last: date, today: date) -> int:
    """Store the pack of each ended period reading answers sent first..last; how many new."""
    made = 0
    for period in ended_periods_reading(first, last, today):
        if snapshot_of(session, board, period) is not None:
            continue
        pack = without_quotes(board_pack(session, board, period, today))
        session.add(
            EvidenceSnapshot(board_id=board.id, period_start=period.start,
                             period_end=period.end, made_on=today, pack=as_json(pack).decode())
        )  # fmt: skip
        session.flush()
        made += 1
    return made
