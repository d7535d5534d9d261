"""Consecutive failed sign-ins per account key, for a lockout that backs off and then lifts."""

from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class SignInThrottle(Base):
    """Failures for a keyed hash of an email (known or not), so locking reveals nothing."""

    __tablename__ = "sign_in_throttle"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
