""" "You said, we did": what a board changed because of what people told it.

An action is about one of the board's surveys, a theme (from its codebook or the manager's
own words), or both. It is staff-written text, never a respondent's answer, and is shown
to respondents: the children's wording to children, the rest to adults. ``panel_told_on``
is set the first time the action is marked done, when the board's panel is emailed, so
the panel hears of an action once however often its status changes.
"""

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base
from app.models.surveys import Survey

ACTION_STATUSES = {"planned": "Planned", "in_progress": "In progress", "done": "Done"}
_STATUS_LIST = ", ".join(repr(status) for status in ACTION_STATUSES)


class Action(Base):
    __tablename__ = "board_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id"), index=True)
    survey_id: Mapped[int | None] = mapped_column(ForeignKey("survey.id"), index=True)
    theme: Mapped[str] = mapped_column(String(120), default="")
    you_said: Mapped[str] = mapped_column(Text)
    we_did: Mapped[str] = mapped_column(Text)
    for_children: Mapped[str] = mapped_column(Text)
    acted_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="planned")
    recorded_on: Mapped[date] = mapped_column(Date)
    panel_told_on: Mapped[date | None] = mapped_column(Date)

    survey: Mapped[Survey | None] = relationship()

    __table_args__ = (
        CheckConstraint(f"status IN ({_STATUS_LIST})", name="status"),
        CheckConstraint("survey_id IS NOT NULL OR theme != ''", name="about"),
    )

    @property
    def about(self) -> str:
        """What the action answers: the survey's title, its theme, or both."""
        parts = [self.survey.title if self.survey else "", self.theme]
        return ": ".join(part for part in parts if part)
