"""Messages to a board's whole panel: one per confirmed member, each with its leave link."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.mail import Mail, queue
from app.models import Board, PanelMember

if TYPE_CHECKING:  # sending uses this module; the Sender is only a type here
    from app.panel.sending import Sender


def confirmed_members(session: Session, board_id: int) -> list[PanelMember]:
    """The board's panel members who confirmed their address, in the order they joined."""
    query = select(PanelMember).where(PanelMember.board_id == board_id, PanelMember.confirmed)
    return list(session.scalars(query.order_by(PanelMember.id)))


Words = Callable[[str], dict[str, str]]


def tell_panel(
    session: Session, sender: Sender, board: Board, kind: str, topic: str, words: Words
) -> int:
    """Queue ``words(leave link)`` to each confirmed member in the board's name; no commit."""
    members = confirmed_members(session, board.id)
    for member in members:
        leave = sender.leave_url(member)
        queue(session, sender.sealer, Mail(
            kind=kind, topic=topic, to=sender.sealer.unseal(member.email), unsubscribe=leave,
            sender_name=board.name, reply_to=board.reply_to or None, board_id=board.id,
            **words(leave),
        ))  # fmt: skip
    return len(members)
