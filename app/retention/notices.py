"""What the privacy notices say about keeping answers: the board's own settings, or defaults."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Board
from app.results.lists import DEFAULT_RETENTION

AUDIENCES = ("child", "family", "practitioner", "training")


@dataclass(frozen=True)
class NoticeFacts:
    """Figures a notice states: months kept, the small-number thresholds, who to ask."""

    text_months: int = DEFAULT_RETENTION
    response_months: int = DEFAULT_RETENTION
    count_threshold: int = 5
    group_threshold: int = 10
    board_name: str = ""
    contact: str = ""


class UnknownNotice(LookupError):
    """No such audience or board."""


def notice_facts(session: Session, audience: str, board_slug: str | None) -> NoticeFacts:
    """The facts for one audience's notice, of a board when given; UnknownNotice otherwise."""
    if audience not in AUDIENCES:
        raise UnknownNotice(audience)
    if board_slug is None:
        return NoticeFacts()
    board = session.scalar(select(Board).where(Board.slug == board_slug))
    if board is None:
        raise UnknownNotice(board_slug)
    return NoticeFacts(
        board.text_retention_months, board.response_retention_months, board.count_threshold,
        board.group_threshold, board.name, board.reply_to,
    )  # fmt: skip
