"""The board's safeguarding settings: its own detector phrases and how long contact requests
are kept. A saved lexicon reaches the next submission at once: the respondent path reads it
with the link, and each lexicon's detector is built once (``flagging.board_detector``)."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.audit import record
from app.models import Board, User


@dataclass(frozen=True)
class Settings:
    lexicon: str
    contact_days: int


def settings_of(board: Board) -> Settings:
    return Settings(board.lexicon, board.contact_days)


def save_settings(session: Session, board: Board, user: User, settings: Settings) -> None:
    """Save the (already checked) settings and audit the change; commits."""
    board.lexicon = settings.lexicon
    board.contact_days = settings.contact_days
    record(session, user, "safeguarding.settings", f"board {board.slug}", board.id)
    session.commit()
