"""Evidence kept after the answers behind it are deleted under a board's retention."""

from datetime import date

from sqlalchemy import Date, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class EvidenceSnapshot(Base):
    """A board's evidence pack for one period, as JSON, made just before a purge changed it.

    Figures only: quotes are left out, so no words anyone wrote outlive the text retention.
    """

    __tablename__ = "evidence_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id", ondelete="CASCADE"), index=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    made_on: Mapped[date] = mapped_column(Date)
    # The pack as `flask evidence --format json` writes it.
    pack: Mapped[str] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("board_id", "period_start", "period_end", name="period"),)
