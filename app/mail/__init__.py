"""Mail, built once for every feature: queue a message now, `flask send-mail` sends it later.

Features call ``queue`` inside the transaction that causes the message (a panel invitation,
a password reset, a safeguarding alert); the sender (``app.mail.delivery``) runs from cron
or in the background of ``make run``, never inside a web request. A message never carries
a response's answers or free text.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.models.mail import OutboxMessage
from app.security.personal import Sealer


@dataclass(frozen=True)
class Mail:
    """One message: plain text and HTML, in the sender's name, to one recipient."""

    kind: str
    to: str
    subject: str
    text: str
    html: str
    sender_name: str = "Chorus"
    reply_to: str | None = None
    # The one-click leave URL, for messages to a panel member (List-Unsubscribe).
    unsubscribe: str | None = None
    board_id: int | None = None
    # What the message belongs to, for counts (a panel check's bounces): "panel-check:12".
    topic: str = ""


def queue(session: Session, sealer: Sealer, mail: Mail) -> OutboxMessage:
    """Add the message to the outbox in the caller's transaction; the caller commits."""
    message = OutboxMessage(
        kind=mail.kind, topic=mail.topic, board_id=mail.board_id,
        recipient=sealer.seal(mail.to),
        sender_name=mail.sender_name,
        reply_to=sealer.seal(mail.reply_to) if mail.reply_to else None,
        unsubscribe=sealer.seal(mail.unsubscribe) if mail.unsubscribe else None,
        subject=mail.subject, text=mail.text, html=mail.html,
    )  # fmt: skip
    session.add(message)
    return message
