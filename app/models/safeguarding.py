"""Possible disclosures waiting for a safeguarding reviewer, and children's requests for contact.

A ``Flag`` belongs to one response: it keeps the day (never the time), the distribution it
came through in words ("Batch: Year 6"), the categories and words the detector matched, and
the reviewer's outcome. ``Flag.outcome`` is NULL until a reviewer records one.

A ``ContactRequest`` is a child asking to be contacted. It is kept apart from every response:
no column or key ties it to a response, answer, link or survey, so asking for help never
unmasks anyone's answers. What the child wrote and how to reach them are sealed
(``app.security.personal``) and deleted a set number of days after the outcome.
"""

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.models.audit import AwareDateTime
from app.models.base import Base

FLAG_OUTCOMES = {
    "no_concern": "No concern",
    "referred": "Referred under local procedures",
    "already_known": "Already known",
    "cannot_act": "Cannot act",
}
CONTACT_OUTCOMES = {
    "contacted": "Contacted the child",
    "referred": "Referred under local procedures",
    "cannot_reach": "Could not reach them",
    "no_action": "No action needed",
}
REACH_BY = {"phone": "Phone", "email": "Email", "school": "Through their school"}


def _in(column: str, values: dict[str, str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Flag(Base):
    __tablename__ = "flag"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    response_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), unique=True
    )
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    flagged_on: Mapped[date] = mapped_column(Date, index=True)
    # How the response came in, in words only: "Open link: Poster at the library".
    context: Mapped[str] = mapped_column(String(200), default="")
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    words: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Which text answers matched, by question key, to show and highlight.
    questions: Mapped[list[str]] = mapped_column(JSON, default=list)
    outcome: Mapped[str | None] = mapped_column(String(20))
    reference: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(AwareDateTime())

    __table_args__ = (
        CheckConstraint(f"outcome IS NULL OR {_in('outcome', FLAG_OUTCOMES)}", name="outcome"),
        CheckConstraint("outcome IS NULL OR outcome != 'referred' OR reference != ''",
                        name="reference"),
    )  # fmt: skip


class ContactRequest(Base):
    __tablename__ = "contact_request"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id"), index=True)
    made_on: Mapped[date] = mapped_column(Date)
    # Sealed: what is happening, in the child's words; how to reach them; when is safe.
    story: Mapped[str] = mapped_column(Text)
    reach_by: Mapped[str] = mapped_column(String(10))
    reach_at: Mapped[str] = mapped_column(Text)
    safe_time: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    outcome_on: Mapped[date | None] = mapped_column(Date)
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    __table_args__ = (
        CheckConstraint(_in("reach_by", REACH_BY), name="reach_by"),
        CheckConstraint(f"outcome IS NULL OR {_in('outcome', CONTACT_OUTCOMES)}", name="outcome"),
        CheckConstraint("(outcome IS NULL) = (outcome_on IS NULL)", name="outcome_on"),
    )
