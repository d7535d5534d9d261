"""Writing the audit log: one row per security-relevant action, never respondents' answers."""

from sqlalchemy.orm import Session

from app.models.audit import AuditEvent
from app.models.users import User

ACTION_LENGTH = 60
TARGET_LENGTH = 300


def _clean(text: str, limit: int) -> str:
    """Control characters become spaces so a crafted value cannot forge log lines."""
    return "".join(" " if ord(ch) < 32 or ord(ch) == 127 else ch for ch in text)[:limit]


def record(
    session: Session,
    actor: User | None,
    action: str,
    target: str = "",
    board_id: int | None = None,
) -> None:
    """Add an audit row to ``session`` without committing; the caller's use case commits."""
    session.add(
        AuditEvent(
            actor=actor,
            action=_clean(action, ACTION_LENGTH),
            target=_clean(target, TARGET_LENGTH),
            board_id=board_id,
        )
    )
