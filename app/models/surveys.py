"""A questionnaire version run by one board for one audience over a window of dates."""

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base
from app.models.boards import Board
from app.models.questionnaires import QuestionnaireVersion


class SurveyStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"


class Survey(Base):
    __tablename__ = "survey"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_version.id"), index=True)
    audience: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10), default=SurveyStatus.DRAFT)
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)
    cap: Mapped[int | None]
    distribution: Mapped[str] = mapped_column(String(500), default="")
    tags: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Learning outcomes of a training survey, substituted into per-outcome questions.
    outcomes: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=lambda: datetime.now(UTC)
    )

    board: Mapped[Board] = relationship()
    version: Mapped[QuestionnaireVersion] = relationship()

    __table_args__ = (
        CheckConstraint("closes_on >= opens_on", name="window"),
        CheckConstraint("cap IS NULL OR cap > 0", name="cap_positive"),
        CheckConstraint(
            "audience IN ('child', 'family', 'practitioner', 'training')", name="audience"
        ),
        CheckConstraint("status IN ('draft', 'open', 'paused', 'closed')", name="status"),
    )

    def state_on(self, today: date) -> str:
        """The status a respondent meets today: draft, not_open, open, paused or closed."""
        return survey_state(self.status, self.opens_on, self.closes_on, today)


def survey_state(status: str, opens_on: date, closes_on: date, today: date) -> str:
    """What a survey with this status and window is on a given day, as respondents meet it."""
    if status == SurveyStatus.CLOSED or today > closes_on:
        return "closed"
    if status in (SurveyStatus.DRAFT, SurveyStatus.PAUSED):
        return str(status)
    if today < opens_on:
        return "not_open"
    return "open"
