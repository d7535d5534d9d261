"""A board's Touchstones panel: practitioners who answer quick checks, and what was sent them.

A member's email is sealed (``app.security.personal``) and found by its keyed hash. While a
quick check is open, ``PanelInvite`` knows which member holds which single-use link, so that
reminders go only to unused links; when the check closes those rows are deleted and the
links rewritten (``app.panel.sending.close_check``), so nothing ties a member to a response.
"""

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base

AGENCIES = {
    "police": "Police",
    "health": "Health",
    "childrens_social_care": "Children's social care",
    "education": "Education",
    "early_help": "Early help",
    "voluntary_sector": "Voluntary sector",
    "other": "Other",
}
LEVELS = {"frontline": "Frontline", "manager": "Manager", "senior": "Senior leader"}


def _in(column: str, values: dict[str, str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class PanelMember(Base):
    __tablename__ = "panel_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id"), index=True)
    email: Mapped[str] = mapped_column(Text)  # sealed
    email_hash: Mapped[str] = mapped_column(String(64))
    agency: Mapped[str] = mapped_column(String(30))
    level: Mapped[str] = mapped_column(String(20))
    # False until the link sent to the address is followed (double opt-in).
    confirmed: Mapped[bool] = mapped_column(default=False)
    joined_on: Mapped[date] = mapped_column(Date)

    __table_args__ = (
        UniqueConstraint("board_id", "email_hash", name="address"),
        CheckConstraint(_in("agency", AGENCIES), name="agency"),
        CheckConstraint(_in("level", LEVELS), name="level"),
    )


class PanelCheck(Base):
    """A quick check sent to the panel: counts only, never who answered."""

    __tablename__ = "panel_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), unique=True)
    sent_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)
    invited: Mapped[int] = mapped_column(default=0)
    reminders: Mapped[int] = mapped_column(default=0)
    # True once closed: the member-to-link rows are gone and the links rewritten.
    closed: Mapped[bool] = mapped_column(default=False)
    # What changed because of it, told to the panel ("you said, we did"); "" until then.
    outcome: Mapped[str] = mapped_column(Text, default="")
    # The day the panel was told: the board's first action on what it heard.
    outcome_on: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (CheckConstraint("reminders BETWEEN 0 AND 2", name="reminders"),)


class PanelInvite(Base):
    """Which member holds which link of an open check; deleted when the check closes."""

    __tablename__ = "panel_invite"

    check_id: Mapped[int] = mapped_column(ForeignKey("panel_check.id"), primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("panel_member.id", ondelete="CASCADE"), primary_key=True
    )
    invitation_id: Mapped[int] = mapped_column(ForeignKey("invitation.id"), unique=True)
