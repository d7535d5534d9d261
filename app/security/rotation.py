"""Re-sealing personal data under the newest key, after ``CHORUS_DATA_KEYS`` gained one.

Everything sealed is opened with whichever key fits and sealed again with the first; keyed
hashes are worked out again under it. Once this has run, the old keys can be dropped.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import ContactRequest, Course, OutboxMessage, PanelMember, Reminder
from app.security.personal import Sealer


def _again(sealer: Sealer, sealed: str | None) -> str | None:
    return sealer.reseal(sealed) if sealed else sealed


def rotate(session: Session, sealer: Sealer) -> int:
    """Re-seal every sealed value (panel and reminder emails, waiting mail, contact requests,
    courses' code secrets) and re-hash panel emails; commits once; how many rows."""
    members = list(session.scalars(select(PanelMember)))
    for member in members:
        member.email = sealer.reseal(member.email)
        member.email_hash = sealer.lookup(sealer.unseal(member.email))
    waiting = list(session.scalars(select(OutboxMessage).where(OutboxMessage.recipient != "")))
    for message in waiting:
        message.recipient = sealer.reseal(message.recipient)
        message.reply_to = _again(sealer, message.reply_to)
        message.unsubscribe = _again(sealer, message.unsubscribe)
    courses = list(session.scalars(select(Course)))
    for course in courses:
        course.secret = sealer.reseal(course.secret)
    reminders = list(session.scalars(select(Reminder)))
    for reminder in reminders:
        reminder.email = sealer.reseal(reminder.email)
    asked = list(session.scalars(select(ContactRequest)))
    for request in asked:
        request.story = sealer.reseal(request.story)
        request.reach_at = sealer.reseal(request.reach_at)
        request.safe_time = sealer.reseal(request.safe_time)
    session.commit()
    return len(members) + len(waiting) + len(courses) + len(reminders) + len(asked)
