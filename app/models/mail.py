"""The mail outbox: a message is queued in the transaction that caused it, sent later.

The recipient, the reply-to address and the one-click leave link are sealed
(``app.security.personal``); the bodies are blanked once the message is sent, so the table
keeps only that a message of a kind went out, never to whom or what it said.
"""

from datetime import UTC, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.audit import AwareDateTime
from app.models.base import Base


def _now() -> datetime:
    return datetime.now(UTC)


class OutboxMessage(Base):
    """Times are timezone-aware on every database (SQLite hands back naive UTC values)."""

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    # What the message is for (panel-invitation, password-reset...), for counts and admins.
    kind: Mapped[str] = mapped_column(String(40))
    # What it belongs to, for counts such as a panel check's bounces ("panel-check:12").
    topic: Mapped[str] = mapped_column(String(60), default="", index=True)
    board_id: Mapped[int | None] = mapped_column(ForeignKey("board.id"), index=True)
    recipient: Mapped[str] = mapped_column(Text)  # sealed
    sender_name: Mapped[str] = mapped_column(String(200))
    reply_to: Mapped[str | None] = mapped_column(Text)  # sealed
    unsubscribe: Mapped[str | None] = mapped_column(Text)  # sealed one-click leave URL
    subject: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=_now)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=_now)
    # Set while one sender holds it, so two senders (two nodes) never send it twice.
    claimed_until: Mapped[datetime | None] = mapped_column(AwareDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    failed_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    # The server's answer to the last attempt, never the message or its recipient.
    last_error: Mapped[str] = mapped_column(String(300), default="")

    __table_args__ = (Index("ix_outbox_message_due", "sent_at", "failed_at", "next_attempt_at"),)
