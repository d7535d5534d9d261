"""Links that admit respondents, and the short-lived state of an answer in progress.

None of these tables shares a key, hash or time with ``response``: a used invitation
records only that it was used, so no response can be traced back to the link.
"""

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base
from app.models.surveys import Survey


class LinkBatch(Base):
    """A batch of single-use invitations handed out together (a class set of slips)."""

    __tablename__ = "link_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    label: Mapped[str] = mapped_column(String(120), default="")
    size: Mapped[int]
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=lambda: datetime.now(UTC)
    )

    survey: Mapped[Survey] = relationship()


class Invitation(Base):
    """A single-use link; only the SHA-256 of its nonce is kept, never the token."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("link_batch.id"), index=True)
    nonce_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    used: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)

    survey: Mapped[Survey] = relationship()
    batch: Mapped[LinkBatch] = relationship()


class OpenLink(Base):
    """A reusable link for posters and events, optionally capped."""

    __tablename__ = "open_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    nonce_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    cap: Mapped[int | None]
    uses: Mapped[int] = mapped_column(default=0)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)

    survey: Mapped[Survey] = relationship()


class Draft(Base):
    """Answers given so far, keyed by a hash of the attempt; deleted when submitted."""

    __tablename__ = "draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reached: Mapped[int] = mapped_column(default=0)
    updated_on: Mapped[date] = mapped_column(Date)


class Receipt(Base):
    """Proof that an attempt was submitted, so a repeated final submit is answered, not stored.

    It holds a hash of a random attempt id and nothing else: no survey, no time.
    """

    __tablename__ = "receipt"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
