"""Reusable questionnaire definitions and their immutable versions."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base


def _now() -> datetime:
    return datetime.now(UTC)


class Questionnaire(Base):
    """A definition in the shared library (board_id NULL) or a board's own copy."""

    __tablename__ = "questionnaire"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80))
    board_id: Mapped[int | None] = mapped_column(ForeignKey("board.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    audience: Mapped[str] = mapped_column(String(20))

    versions: Mapped[list["QuestionnaireVersion"]] = relationship(
        back_populates="questionnaire", order_by="QuestionnaireVersion.number"
    )

    __table_args__ = (UniqueConstraint("board_id", "slug", name="board_slug"),)

    @property
    def latest(self) -> "QuestionnaireVersion":
        return self.versions[-1]


class QuestionnaireVersion(Base):
    """One frozen definition; a survey with responses always points at the version it used."""

    __tablename__ = "questionnaire_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaire.id"), index=True)
    number: Mapped[int]
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)

    questionnaire: Mapped[Questionnaire] = relationship(back_populates="versions")

    __table_args__ = (UniqueConstraint("questionnaire_id", "number", name="number"),)
