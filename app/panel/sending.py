"""Sending a quick check to the board's panel, reminding, and forgetting who was asked.

While a check is open each member's single-use link is known (``PanelInvite``), so that a
reminder goes only to those whose link is unused; staff only ever see counts. When the check
closes, ``close_check`` deletes those rows and rewrites every link of the survey one by one
in a random order, in a transaction of its own: the spent links then share no transaction id
(xmin) and no physical order with the responses they admitted, and on PostgreSQL a VACUUM
removes the old row versions. What is left: members, links that are used or not, and
responses, with nothing tying one to another. The README's threat model says what remains
while a check is open.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from flask import Flask
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import Session

from app.links.service import add_batch, link_url, signing_keys
from app.mail import Mail, queue
from app.models import (
    Invitation,
    LinkBatch,
    OutboxMessage,
    PanelCheck,
    PanelInvite,
    PanelMember,
    Survey,
)
from app.panel.check_mail import invitation_mail, outcome_mail
from app.panel.telling import confirmed_members, tell_panel
from app.panel.tokens import panel_links
from app.security.personal import Sealer, sealer

MAX_REMINDERS = 2
PANEL_BATCH = "Touchstones panel"
LeaveUrl = Callable[[PanelMember], str]


class PanelError(ValueError):
    """A send or reminder that cannot be made; the message says why, for the manager."""


@dataclass(frozen=True)
class Sender:
    """What sending needs from the app: keys to sign links, where links point, the sealer."""

    keys: Sequence[str]
    base_url: str
    sealer: Sealer
    leave_url: LeaveUrl


def sender_for(app: Flask) -> Sender:
    """How this app signs links, where they point and how it seals addresses."""
    links = panel_links(app)  # made once, not once per member
    return Sender(signing_keys(app), app.config["CHORUS_BASE_URL"], sealer(app), links.leave_url)


def check_of(session: Session, survey: Survey) -> PanelCheck | None:
    return session.scalar(select(PanelCheck).where(PanelCheck.survey_id == survey.id))


def _can_send(survey: Survey, closes_on: date, today: date) -> None:
    if survey.audience != "practitioner":
        raise PanelError("Only a survey for practitioners can be sent to the panel.")
    if survey.state_on(today) != "open":
        raise PanelError("Open the survey before sending it to the panel.")
    if not today <= closes_on <= survey.closes_on:
        last = f"{survey.closes_on:%-d %B %Y}"
        raise PanelError(f"Choose a closing date from today to the survey's own, {last}.")


def send_check(
    session: Session, sender: Sender, survey: Survey, closes_on: date, today: date
) -> int:
    """Invite every confirmed member not yet invited to this check; commits; how many."""
    _can_send(survey, closes_on, today)
    check = check_of(session, survey)
    if check is not None and check.closed:
        raise PanelError("This quick check has closed. Make a copy of the survey to ask again.")
    asked = set() if check is None else _asked(session, check)
    members = [m for m in confirmed_members(session, survey.board_id) if m.id not in asked]
    if not members:
        raise PanelError("There is nobody on the panel left to invite.")
    pairs = _new_links(session, sender, survey, members)
    if check is None:
        check = PanelCheck(survey_id=survey.id, sent_on=today, closes_on=closes_on)
        session.add(check)
    check.closes_on = closes_on
    session.flush()
    _invite(session, sender, check, survey, pairs, "invitation")
    check.invited += len(members)
    session.commit()
    return len(members)


def _asked(session: Session, check: PanelCheck) -> set[int]:
    query = select(PanelInvite.member_id).where(PanelInvite.check_id == check.id)
    return set(session.scalars(query))


def _new_links(
    session: Session, sender: Sender, survey: Survey, members: list[PanelMember]
) -> list[tuple[PanelMember, int, str]]:
    """A single-use link for each member: (member, invitation id, token)."""
    batch, tokens = add_batch(session, sender.keys, survey, len(members), PANEL_BATCH)
    session.flush()
    # Inserted in the order added, so ids ascend with the tokens.
    ids = session.scalars(
        select(Invitation.id).where(Invitation.batch_id == batch.id).order_by(Invitation.id)
    )
    return list(zip(members, ids, tokens, strict=True))


def _invite(
    session: Session,
    sender: Sender,
    check: PanelCheck,
    survey: Survey,
    given: list[tuple[PanelMember, int, str]],
    kind: str,
) -> None:
    """Record which member holds which new link and queue each one's email."""
    for member, invitation_id, token in given:
        session.add(PanelInvite(check_id=check.id, member_id=member.id,
                                invitation_id=invitation_id))  # fmt: skip
        leave = sender.leave_url(member)
        link = link_url(sender.base_url, token)
        words = invitation_mail(survey, check.closes_on, link, leave, kind)
        queue(session, sender.sealer, Mail(
            kind=f"panel-{kind}", topic=f"panel-check:{check.id}",
            to=sender.sealer.unseal(member.email), unsubscribe=leave,
            sender_name=survey.board.name, reply_to=survey.board.reply_to or None,
            board_id=survey.board_id, **words,
        ))  # fmt: skip


def remind(session: Session, sender: Sender, survey: Survey, today: date) -> int:
    """Queue a reminder with a fresh link to members whose link is unused; commits; how many."""
    check = check_of(session, survey)
    if check is None or check.closed or today > check.closes_on:
        raise PanelError("Reminders go only while the quick check is open.")
    if check.reminders >= MAX_REMINDERS:
        raise PanelError(f"The panel has had {MAX_REMINDERS} reminders already.")
    waiting = [
        (invite, member)
        for invite, member in session.execute(
            select(PanelInvite, PanelMember)
            .join(PanelMember, PanelMember.id == PanelInvite.member_id)
            .join(Invitation, Invitation.id == PanelInvite.invitation_id)
            .where(PanelInvite.check_id == check.id, Invitation.used.is_(False))
        )
    ]
    if not waiting:
        raise PanelError("Everyone invited has answered or left: nobody to remind.")
    _renew(session, sender, check, survey, waiting)
    check.reminders += 1
    session.commit()
    return len(waiting)


def _renew(
    session: Session,
    sender: Sender,
    check: PanelCheck,
    survey: Survey,
    waiting: list[tuple[PanelInvite, PanelMember]],
) -> None:
    """Withdraw the unused links (only their hashes are kept, so none can be sent again)."""
    old = [invite.invitation_id for invite, _ in waiting]
    session.execute(update(Invitation).where(Invitation.id.in_(old)).values(revoked=True))
    for invite, _ in waiting:
        session.delete(invite)
    session.flush()
    pairs = _new_links(session, sender, survey, [member for _, member in waiting])
    _invite(session, sender, check, survey, pairs, "reminder")


@dataclass(frozen=True)
class Figures:
    """What a manager sees: how many were asked, answered and bounced. Never who."""

    invited: int
    answered: int
    bounced: int
    reminders: int
    closes_on: date
    closed: bool
    outcome: str = ""

    @property
    def rate(self) -> int | None:
        """Whole percent of those invited who answered."""
        return round(100 * self.answered / self.invited) if self.invited else None


def figures(session: Session, survey: Survey) -> Figures | None:
    """The panel's counts for this survey, or None when it was not sent to the panel."""
    check = check_of(session, survey)
    if check is None:
        return None
    answered = session.scalar(
        select(func.count()).select_from(Invitation)
        .join(LinkBatch, LinkBatch.id == Invitation.batch_id)
        .where(Invitation.survey_id == survey.id, Invitation.used, LinkBatch.label == PANEL_BATCH)
    )  # fmt: skip
    bounced = session.scalar(
        select(func.count()).select_from(OutboxMessage)
        .where(OutboxMessage.topic == f"panel-check:{check.id}")
        .where(OutboxMessage.last_error.startswith("bounced"))
    )  # fmt: skip
    return Figures(check.invited, answered or 0, bounced or 0, check.reminders, check.closes_on,
                   check.closed, check.outcome)  # fmt: skip


def close_check(session: Session, check: PanelCheck) -> None:
    """Forget which member held which link, and rewrite the links so no trace is left."""
    session.execute(delete(PanelInvite).where(PanelInvite.check_id == check.id))
    ids = list(
        session.scalars(select(Invitation.id).where(Invitation.survey_id == check.survey_id))
    )
    random.SystemRandom().shuffle(ids)
    for invitation_id in ids:  # one by one, in a random order: new row versions, new places
        session.execute(
            update(Invitation).where(Invitation.id == invitation_id)
            .values(used=Invitation.used, revoked=Invitation.revoked)
        )  # fmt: skip
    check.closed = True
    session.commit()
    _vacuum(session)


def _vacuum(session: Session) -> None:
    """On PostgreSQL, remove the dead row versions that still held the old links."""
    engine = session.connection().engine
    if engine.dialect.name != "postgresql":
        return
    with engine.connect() as connection:
        autocommit = connection.execution_options(isolation_level="AUTOCOMMIT")
        autocommit.execute(text("VACUUM panel_invite, invitation"))


def close_due(session: Session, today: date, dry_run: bool = False) -> int:
    """Close every open check whose date has passed or whose survey has closed; how many.

    With ``dry_run``, only counts them.
    """
    due = list(
        session.scalars(
            select(PanelCheck)
            .join(Survey, Survey.id == PanelCheck.survey_id)
            .where(PanelCheck.closed.is_(False))
            .where(
                (PanelCheck.closes_on < today)
                | (Survey.status == "closed")
                | (Survey.closes_on < today)
            )
        )
    )
    for check in [] if dry_run else due:
        close_check(session, check)
    return len(due)


def tell_outcome(
    session: Session, sender: Sender, survey: Survey, outcome: str, today: date
) -> int:
    """Record what changed because of a closed check and tell the panel; commits; how many."""
    check = check_of(session, survey)
    if check is None or not check.closed:
        raise PanelError("Say what changed once the quick check has closed.")
    if check.outcome:
        raise PanelError("The panel has already been told what changed.")
    check.outcome, check.outcome_on = " ".join(outcome.split()), today
    said = check.outcome
    count = tell_panel(session, sender, survey.board, "panel-outcome", f"panel-check:{check.id}",
                       lambda leave: outcome_mail(survey, said, leave))  # fmt: skip
    session.commit()
    return count
