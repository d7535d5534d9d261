"""Staff accounts and the roles they hold on boards and regions."""

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    String,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base
from app.models.boards import Board, Region


class Role(StrEnum):
    MANAGER = "manager"
    TRAINER = "trainer"
    REVIEWER = "reviewer"
    ANALYST = "analyst"
    REGIONAL = "regional"
    ADMIN = "admin"


BOARD_ROLES = (Role.MANAGER, Role.TRAINER, Role.REVIEWER, Role.ANALYST)


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    # A secret offered during enrolment; it replaces totp_secret once a code proves it.
    totp_pending: Mapped[str | None] = mapped_column(String(64))
    # The last accepted time step, so a code cannot be used twice.
    totp_last_step: Mapped[int | None]
    # Set until the person chooses their own password (a new account, emailed a link to set
    # it); the server default covers older rows.
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # Bumped on sign-out, password change or disabling, which ends every session.
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=lambda: datetime.now(UTC)
    )

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    # The four attributes Flask-Login reads. The id carries the session version, so
    # bumping it signs every existing session out.
    is_anonymous = False

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def roles_on(self, board_id: int) -> set[str]:
        return {m.role for m in self.memberships if m.board_id == board_id}

    @property
    def is_admin(self) -> bool:
        return any(m.role == Role.ADMIN for m in self.memberships)


class Membership(Base):
    """A role held on one board, on one region (regional viewer) or everywhere (admin)."""

    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    board_id: Mapped[int | None] = mapped_column(ForeignKey("board.id"), index=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)

    user: Mapped[User] = relationship(back_populates="memberships")
    board: Mapped[Board | None] = relationship()
    region: Mapped[Region | None] = relationship()

    __table_args__ = (
        UniqueConstraint("user_id", "role", "board_id", "region_id", name="grant"),
        CheckConstraint(
            "(role = 'admin' AND board_id IS NULL AND region_id IS NULL)"
            " OR (role = 'regional' AND region_id IS NOT NULL AND board_id IS NULL)"
            " OR (role IN ('manager', 'trainer', 'reviewer', 'analyst')"
            " AND board_id IS NOT NULL AND region_id IS NULL)",
            name="scope",
        ),
    )
