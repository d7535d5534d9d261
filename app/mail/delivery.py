"""Sending the outbox: claim what is due, send it, record what happened, one message at a time.

Nothing is sent twice by two senders: a batch is claimed (``claimed_until`` set) by one
statement, ``UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING id`` on
PostgreSQL (SQLite runs one writer at a time), and the claim is committed before anything is
sent. Each result is committed as soon as it is known, so a crash can repeat at most the
message in flight, under the same Message-ID. A run stops claiming after ``RUN_BUDGET``,
well inside ``CLAIM``, so a claim never lapses while its sender still works on it.

Nothing is lost: a temporary failure puts the message back with a growing wait (1, 2, 4...
minutes, at most an hour) until a day has passed since it was queued; then, or at once for a
bounce, it is marked failed for admins to see. A sent or failed message keeps only its kind,
board and times: the bodies and addresses are blanked.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.mail.transports import Deferred, Refused, Transport, Unavailable, compose
from app.models.mail import OutboxMessage
from app.security.personal import Sealer

BATCH = 20
CLAIM = timedelta(minutes=10)
RUN_BUDGET = 240.0  # seconds of sending per run; the next run (a minute later) goes on
GIVE_UP = timedelta(days=1)
LONGEST_WAIT = 60  # minutes between attempts, at most

log = logging.getLogger(__name__)
_ADDRESS = re.compile(r"<?[^\s<>@]+@[^\s<>]+>?")


@dataclass(frozen=True)
class Outcome:
    sent: int = 0
    retried: int = 0
    failed: int = 0


def backoff(attempts: int) -> timedelta:
    """The wait after the given number of failed attempts: 1, 2, 4... minutes, capped."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), LONGEST_WAIT))


def reason(text: str) -> str:
    """A server's answer fit to keep: any address in it (the recipient's) taken out."""
    return _ADDRESS.sub("[address]", text)[:300]


def claim(session: Session, now: datetime, limit: int = BATCH) -> list[OutboxMessage]:
    """Take up to ``limit`` due messages for this sender and commit, before any is sent."""
    due = (
        select(OutboxMessage.id)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None))
        .where(OutboxMessage.next_attempt_at <= now)
        .where(or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    taken = (
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(due.scalar_subquery()))
        .values(claimed_until=now + CLAIM)
        .returning(OutboxMessage.id)
        .execution_options(synchronize_session=False)
    )
    ids = list(session.scalars(taken))
    session.commit()
    rows = select(OutboxMessage).where(OutboxMessage.id.in_(ids)).order_by(OutboxMessage.id)
    return list(session.scalars(rows)) if ids else []


def _forget(message: OutboxMessage) -> None:
    """Keep that a message of this kind went (or could not go), never to whom or what."""
    message.recipient = message.subject = message.text = message.html = ""
    message.reply_to = message.unsubscribe = None
    message.claimed_until = None


def mark_sent(message: OutboxMessage, now: datetime) -> str:
    message.sent_at = now
    _forget(message)
    return "sent"


def mark_failed(message: OutboxMessage, why: str, now: datetime) -> str:
    message.failed_at, message.last_error = now, reason(why)
    _forget(message)
    return "failed"


def put_back(message: OutboxMessage, why: str, now: datetime) -> str:
    """A temporary failure: try again after the backoff, or give up after a day."""
    message.attempts += 1
    if now - message.created_at >= GIVE_UP:
        return mark_failed(message, why, now)
    message.last_error = reason(why)
    message.next_attempt_at = now + backoff(message.attempts)
    message.claimed_until = None
    return "retried"


@dataclass
class _Run:
    session: Session
    sealer: Sealer
    transport: Transport
    now: datetime
    deadline: float
    tally: Counter[str] = field(default_factory=Counter)

    def attempt(self, message: OutboxMessage) -> str:
        """Send one message and record the result (the caller commits)."""
        try:
            self.transport.send(compose(message, self.sealer, self.transport.mail_from))
        except Refused as error:
            message.attempts += 1
            return mark_failed(message, f"bounced: {error}", self.now)
        except Deferred as error:
            return put_back(message, str(error), self.now)
        except (Unavailable, SQLAlchemyError):
            raise
        except Exception:  # one broken message must not hold up everyone else's mail
            log.exception("Outbox message %s could not be sent", message.id)
            return put_back(message, "an error in Chorus (see its log)", self.now)
        return mark_sent(message, self.now)

    def batch(self, messages: Sequence[OutboxMessage]) -> bool:
        """Send a claimed batch; False when the run should stop (server down, time up)."""
        for index, message in enumerate(messages):
            if time.monotonic() > self.deadline:
                self.release(messages[index:])
                return False
            try:
                self.tally[self.attempt(message)] += 1
            except Unavailable as error:  # so is every other message: no point trying them
                self.tally.update(put_back(m, str(error), self.now) for m in messages[index:])
                self.session.commit()
                return False
            self.session.commit()
        return True

    def release(self, messages: Sequence[OutboxMessage]) -> None:
        """Hand unsent messages back untried, for the next run."""
        for message in messages:
            message.claimed_until = None
        self.session.commit()


def deliver(session: Session, sealer: Sealer, transport: Transport, now: datetime) -> Outcome:
    """Send every due message, a batch at a time; ``now`` is the run's start, in UTC."""
    run = _Run(session, sealer, transport, now, time.monotonic() + RUN_BUDGET)
    while time.monotonic() < run.deadline and (messages := claim(session, now)):
        if not run.batch(messages):
            break
    return Outcome(run.tally["sent"], run.tally["retried"], run.tally["failed"])
