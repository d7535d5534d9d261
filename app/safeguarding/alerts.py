"""The alerts reviewers get by email: that something waits in the review queue, never what.

Neither a flag's alert nor a contact request's carries a word of what was written or how to
reach anyone: the reviewer signs in (with two-factor) to read it.
"""

from dataclasses import replace

from flask import current_app, render_template
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.mail import Mail, queue
from app.models import Membership, Role, User
from app.security.personal import Sealer

FLAG_ALERT = "safeguarding-alert"
CONTACT_ALERT = "safeguarding-contact"
SUBJECTS = {
    FLAG_ALERT: "A possible disclosure is waiting in the review queue",
    CONTACT_ALERT: "Someone has asked to be contacted: see the review queue",
}


def queue_url(board_slug: str) -> str:
    """The board's review queue at the public origin (mail is read away from any request)."""
    return f"{current_app.config['CHORUS_BASE_URL']}/boards/{board_slug}/safeguarding"


def alert(kind: str, board_name: str, board_slug: str, board_id: int | None = None) -> Mail:
    """The alert of this kind, without a recipient yet."""
    context = {"board_name": board_name, "queue_url": queue_url(board_slug), "kind": kind,
               "contact": kind == CONTACT_ALERT}  # fmt: skip
    return Mail(
        kind=kind,
        to="",
        subject=SUBJECTS[kind],
        text=render_template("safeguarding/mail/alert.txt", **context),
        html=render_template("safeguarding/mail/alert.html", **context),
        sender_name=board_name,
        board_id=board_id,
    )


def reviewer_emails(session: Session, board_id: int) -> list[str]:
    """The addresses of the board's active reviewers."""
    query = (
        select(User.email)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.board_id == board_id, Membership.role == Role.REVIEWER)
        .where(User.active.is_(True))
        .order_by(User.id)
    )
    return list(session.scalars(query))


def queue_alerts(session: Session, sealer: Sealer, mail: Mail, emails: list[str]) -> None:
    """One alert per reviewer, in the caller's transaction."""
    for email in emails:
        queue(session, sealer, replace(mail, to=email))
