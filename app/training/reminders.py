"""`flask send-reminders`: the follow-up links attendees asked for, queued when they are due.

Each due reminder becomes one message in the mail outbox, in the training lead's name with
replies to the board (or the lead), and is deleted in the same transaction: a reminder is
used once, and if the mail server is down the message waits in the outbox, where
``send-mail`` retries it. Reminders whose follow-up has closed are deleted unsent. Safe to
run from cron: a second run finds nothing left to queue.
"""

from dataclasses import dataclass
from datetime import date

from flask import render_template
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.links.service import link_url, open_link_token
from app.mail import Mail, queue
from app.models import Course, CourseSession, Reminder, SessionPhase
from app.models.training import Phase
from app.security.personal import Sealer

KIND = "training-reminder"


@dataclass(frozen=True)
class Sent:
    queued: int
    expired: int


def send_reminders(
    session: Session, sealer: Sealer, keys: list[str], base_url: str, today: date
) -> Sent:
    """Queue every due reminder and delete it; delete those past their follow-up; commits."""
    expired = _delete_expired(session, today)
    due = session.execute(
        select(Reminder, SessionPhase)
        .join(SessionPhase, SessionPhase.session_id == Reminder.session_id)
        .where(SessionPhase.phase == Phase.FOLLOW_UP, Reminder.due_on <= today)
        .where(SessionPhase.opens_on <= today)
        .order_by(Reminder.due_on)
        .with_for_update(of=Reminder, skip_locked=True)
    ).all()
    for reminder, phase in due:
        url = link_url(base_url, open_link_token(session, keys, phase.survey))
        queue(session, sealer, reminder_mail(phase.session, sealer.unseal(reminder.email), url))
        session.delete(reminder)
    session.commit()
    return Sent(len(due), expired)


def _delete_expired(session: Session, today: date) -> int:
    """Remove reminders whose follow-up has closed: their link would not work any more."""
    closed = select(SessionPhase.session_id).where(
        SessionPhase.phase == Phase.FOLLOW_UP, SessionPhase.closes_on < today
    )
    result = session.execute(
        delete(Reminder).where(Reminder.session_id.in_(closed)),
        execution_options={"synchronize_session": False},
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def reminder_mail(held: CourseSession, to: str, url: str) -> Mail:
    """The follow-up link, from the course's training lead; it never repeats the address."""
    course: Course = held.course
    board = course.board
    names = {"course": course, "held": held, "board": board, "url": url}
    return Mail(
        kind=KIND,
        to=to,
        subject=f"Three months on: {course.title}"[:200],
        text=render_template("training/mail/reminder.txt", **names),
        html=render_template("training/mail/reminder.html", **names),
        sender_name=f"{course.lead_name}, {board.name}"[:200],
        reply_to=board.reply_to or course.lead_email,
        board_id=board.id,
        topic=f"course-session:{held.id}",
    )
