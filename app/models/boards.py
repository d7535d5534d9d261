"""Regions and the safeguarding partnership boards inside them."""

from sqlalchemy import ForeignKey, String
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

    region: Mapped[Region] = relationship(back_populates="boards")
