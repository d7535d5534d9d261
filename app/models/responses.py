"""Anonymous responses: a random id, the survey and the day it was submitted. Nothing else."""

import uuid
from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base


class Response(Base):
    __tablename__ = "response"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    submitted_on: Mapped[date] = mapped_column(Date)

    answers: Mapped[list["Answer"]] = relationship(
        back_populates="response", cascade="all, delete-orphan"
    )


class Answer(Base):
    """One answer; a multiple-choice question gives one row per option chosen."""

    __tablename__ = "answer"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    response_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    question_key: Mapped[str] = mapped_column(String(80))
    value: Mapped[str] = mapped_column(Text)
    # The numeric reading of scale answers (agree, faces, rating), for aggregation.
    number: Mapped[float | None] = mapped_column(Float)
    # Polarity (-1 to 1) of a text answer, worked out once when it is stored.
    sentiment: Mapped[float | None] = mapped_column(Float)

    response: Mapped[Response] = relationship(back_populates="answers")


class Stop(Base):
    """How many unfinished responses to a survey stopped before each question.

    Counted from drafts just before they are purged, so drop-off survives the purge; it
    holds counts only, never answers.
    """

    __tablename__ = "stop"

    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), primary_key=True)
    question_key: Mapped[str] = mapped_column(String(80), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
