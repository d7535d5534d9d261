"""Regions and the safeguarding partnership boards inside them."""

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base


class Region(Base):
    __tablename__ = "region"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))

    boards: Mapped[list["Board"]] = relationship(back_populates="region", order_by="Board.slug")


class Board(Base):
    __tablename__ = "board"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    # Shown to respondents beside Childline: the local children's services front door.
    help_contact: Mapped[str] = mapped_column(String(300), default="")
    # Small-number suppression: counts up to count_threshold are hidden, groups under
    # group_threshold are not broken down. A board may raise them, never lower them.
    count_threshold: Mapped[int] = mapped_column(default=5, server_default=text("5"))
    group_threshold: Mapped[int] = mapped_column(default=10, server_default=text("10"))
    # The board's lists that surveys are grouped by: [{"code": "D", "name": "..."}] and
    # priority names; None means the regional framework's starting list.
    qa_sections: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
    priorities: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    # School and place names taken out of quoted comments.
    place_names: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    # Theme -> words and phrases; None means the starter codebook.
    codebook: Mapped[dict[str, list[str]] | None] = mapped_column(JSON)
    # Whether the region's viewers see this board's suppressed aggregates beside the region.
    shares_with_region: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    # Where replies to the board's emails go (its team's shared address); "" for none.
    reply_to: Mapped[str] = mapped_column(String(254), default="", server_default="")
    # Whether practitioners may join the board's Touchstones panel from its join page.
    panel_open: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Raised whenever the board's "you said, we did" actions change: the respondent pages
    # that show them are cached by it, so they are read again only after a change.
    actions_version: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    # How long raw answers are kept, in months from the day they were sent: the words
    # people wrote, and whole responses. `flask purge` removes what is older.
    text_retention_months: Mapped[int] = mapped_column(default=24, server_default=text("24"))
    response_retention_months: Mapped[int] = mapped_column(default=24, server_default=text("24"))
    # The board's own phrases for the safeguarding detector, one "category: phrase" a line.
    lexicon: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Days a contact request is kept after its outcome is recorded.
    contact_days: Mapped[int] = mapped_column(default=30, server_default=text("30"))

    region: Mapped[Region] = relationship(back_populates="boards")

    __table_args__ = (
        CheckConstraint("count_threshold >= 5", name="count_threshold"),
        CheckConstraint("group_threshold >= 10 AND group_threshold > count_threshold",
                        name="group_threshold"),
        CheckConstraint("text_retention_months BETWEEN 1 AND 120", name="text_retention"),
        CheckConstraint("response_retention_months BETWEEN 1 AND 120",
                        name="response_retention"),
        CheckConstraint("contact_days BETWEEN 1 AND 365", name="contact_days"),
    )  # fmt: skip
