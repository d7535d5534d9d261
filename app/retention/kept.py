"""Evidence packs of periods whose answers a purge has removed: served as they were kept."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from analysis.pack import Pack, Period
from app.evidence.formats.as_json import pack_of
from app.models import Board, EvidenceSnapshot

KEPT_NOTE = (
    "These figures are as they stood on {made:%-d %B %Y}, when answers older than the "
    "board's retention began to be deleted. Quotes are not kept."
)


def snapshot_of(session: Session, board: Board, period: Period) -> EvidenceSnapshot | None:
    return session.scalar(
        select(EvidenceSnapshot).where(
            EvidenceSnapshot.board_id == board.id,
            EvidenceSnapshot.period_start == period.start,
            EvidenceSnapshot.period_end == period.end,
        )
    )


def kept_pack(session: Session, board: Board, period: Period) -> Pack | None:
    """The kept pack of exactly this period, labelled as asked and saying when it was kept."""
    found = snapshot_of(session, board, period)
    if found is None:
        return None
    pack = pack_of(found.pack)
    note = KEPT_NOTE.format(made=found.made_on)
    return replace(pack, period=period, notes=(*pack.notes, note))
