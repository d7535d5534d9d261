"""The audit log: who did what to which thing, and when. Never respondents' answers."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, ForeignKey, String, TypeDecorator
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base
from app.models.boards import Board
from app.models.users import User


class AwareDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime on every database: SQLite hands back naive UTC values."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if isinstance(value, datetime) and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(
        AwareDateTime(), default=lambda: datetime.now(UTC), index=True
    )
    # Nullable: failed sign-ins have no actor, and deleting an account keeps its history.
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(String(300), default="")
    board_id: Mapped[int | None] = mapped_column(
        ForeignKey("board.id", ondelete="SET NULL"), index=True
    )

    actor: Mapped[User | None] = relationship()
    board: Mapped[Board | None] = relationship()
