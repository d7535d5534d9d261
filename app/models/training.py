"""Training courses, their sessions and three phases, linked over time without names.

An attendee's answers in the three phases of a session are linked only through the keyed
hashes of the parts of a personal code they build themselves (``CodeRecord``), under a
secret of the course that is stored sealed. Neither the code nor its parts are stored in
clear, and no table here holds an answer. A reminder address (``Reminder``) is sealed, kept
apart from every response and deleted once the reminder is queued or the follow-up closes.
"""

import uuid
from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base
from app.models.boards import Board
from app.models.surveys import Survey

DEFAULT_FOLLOW_UP_WEEKS = 12
DEFAULT_WINDOW_WEEKS = 4


class Phase(StrEnum):
    BEFORE = "before"
    END = "end"
    FOLLOW_UP = "follow_up"


PHASES = (Phase.BEFORE, Phase.END, Phase.FOLLOW_UP)


class Course(Base):
    """A course a board runs again and again; its outcomes are asked in every phase."""

    __tablename__ = "course"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    # Ordered; at least one (checked by the service: JSON has no portable length check).
    outcomes: Mapped[list[str]] = mapped_column(JSON, default=list)
    audience: Mapped[str] = mapped_column(String(300), default="")
    # Whose name reminders go out in (the training lead), and where replies go.
    lead_name: Mapped[str] = mapped_column(String(200))
    lead_email: Mapped[str] = mapped_column(String(254))
    follow_up_weeks: Mapped[int] = mapped_column(default=DEFAULT_FOLLOW_UP_WEEKS)
    window_weeks: Mapped[int] = mapped_column(default=DEFAULT_WINDOW_WEEKS)
    # The key of the code hashes, sealed with app.security.personal; never stored in clear.
    secret: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=lambda: datetime.now(UTC)
    )

    board: Mapped[Board] = relationship()
    sessions: Mapped[list["CourseSession"]] = relationship(
        back_populates="course", order_by="CourseSession.held_on"
    )

    __table_args__ = (
        CheckConstraint("follow_up_weeks > 0", name="follow_up_weeks"),
        CheckConstraint("window_weeks > 0", name="window_weeks"),
    )


class CourseSession(Base):
    """One delivery of a course on a day, in a place or online."""

    __tablename__ = "course_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    trainer: Mapped[str] = mapped_column(String(200))
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    # The venue, or "" for a session held online.
    place: Mapped[str] = mapped_column(String(200), default="")
    expected: Mapped[int | None]

    course: Mapped[Course] = relationship(back_populates="sessions")
    phases: Mapped[list["SessionPhase"]] = relationship(
        back_populates="session", order_by="SessionPhase.opens_on"
    )

    __table_args__ = (
        CheckConstraint("expected IS NULL OR expected > 0", name="expected"),
        CheckConstraint("online OR place <> ''", name="place"),
    )


class SessionPhase(Base):
    """Before, at the end or follow-up: the survey a session uses for it and its window."""

    __tablename__ = "session_phase"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("course_session.id"), index=True)
    phase: Mapped[str] = mapped_column(String(10))
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), unique=True)
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)

    session: Mapped[CourseSession] = relationship(back_populates="phases")
    survey: Mapped[Survey] = relationship()

    __table_args__ = (
        UniqueConstraint("session_id", "phase", name="uq_session_phase_phase"),
        CheckConstraint("phase IN ('before', 'end', 'follow_up')", name="phase"),
        CheckConstraint("closes_on >= opens_on", name="window"),
    )


class CodeRecord(Base):
    """The keyed hashes of one response's personal code: never the code, never an answer.

    ``parts`` holds one hash per part of ``analysis.training.codes.CODE_PARTS``, in order;
    ``code_hash`` is the hash of the whole code, unique in a phase, so the same code cannot
    be entered twice in one phase.
    """

    __tablename__ = "code_record"

    # Keyed by its response: no serial id that would keep the order answers arrived in.
    response_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("response.id", ondelete="CASCADE"), primary_key=True
    )
    phase_id: Mapped[int] = mapped_column(ForeignKey("session_phase.id"), index=True)
    parts: Mapped[list[str]] = mapped_column(JSON)
    code_hash: Mapped[str] = mapped_column(String(64))
    # Follow-up only: answered together with the attendee's manager; None in other phases.
    with_manager: Mapped[bool | None] = mapped_column(Boolean)

    __table_args__ = (UniqueConstraint("phase_id", "code_hash", name="uq_code_record_code"),)


class Reminder(Base):
    """An address left for the follow-up link: sealed, used once, tied to no response."""

    __tablename__ = "reminder"

    # Random, like a response's: a serial id would keep the order addresses were left in.
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("course_session.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(Text)  # sealed
    due_on: Mapped[date] = mapped_column(Date, index=True)
