"""Queue gauges: how long the oldest waiting item of each queue has waited, read at scrape.

A queue is one function from a session to the time (or day) its oldest waiting item arrived,
or None when nothing waits, registered with ``@queue(name, documentation)``. The gauge is
``chorus_<name>_oldest_age_seconds``: 0 for an empty queue. Read from the database, not kept
in a process, so every worker and node reports the same value.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.models.mail import OutboxMessage
from app.models.safeguarding import ContactRequest, Flag

Oldest = Callable[[Session], datetime | date | None]


@dataclass(frozen=True)
class Queue:
    name: str
    documentation: str
    oldest: Oldest


QUEUES: list[Queue] = []


def queue(name: str, documentation: str) -> Callable[[Oldest], Oldest]:
    """Register a queue gauge; the function returns when its oldest waiting item arrived."""

    def register(oldest: Oldest) -> Oldest:
        QUEUES.append(Queue(name, documentation, oldest))
        return oldest

    return register


@queue("mail_unsent", "Age of the oldest queued mail neither sent nor given up on")
def oldest_unsent_mail(session: Session) -> datetime | None:
    """When the oldest message still waiting to be sent was queued."""
    waiting = (OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None))
    return session.scalar(select(func.min(OutboxMessage.created_at)).where(*waiting))


@queue("safeguarding_unreviewed", "Age of the oldest safeguarding flag awaiting review")
def oldest_unreviewed_flag(session: Session) -> date | None:
    """The day the oldest flag still awaiting a reviewer's outcome was raised."""
    return session.scalar(select(func.min(Flag.flagged_on)).where(Flag.outcome.is_(None)))


@queue("contact_requests_open", "Age of the oldest request to be contacted not yet answered")
def oldest_open_contact_request(session: Session) -> date | None:
    """The day the oldest request for contact without an outcome was made."""
    unanswered = ContactRequest.outcome.is_(None)
    return session.scalar(select(func.min(ContactRequest.made_on)).where(unanswered))


def age_seconds(since: datetime | date | None, now: datetime) -> float:
    """Seconds from `since` (a day counts from its start, naive times are UTC) to `now`."""
    if since is None:
        return 0.0
    if not isinstance(since, datetime):
        since = datetime.combine(since, time(), UTC)
    elif since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return max((now - since).total_seconds(), 0.0)


class QueueCollector(Collector):
    """Every registered queue's age, and whether the database answered, read at scrape."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def collect(self) -> Iterator[GaugeMetricFamily]:
        up = GaugeMetricFamily("chorus_database_up", "1 when the database answered this scrape")
        try:
            ages = self._ages()
        except SQLAlchemyError:
            self.session.rollback()
            up.add_metric([], 0.0)
            yield up
            return
        up.add_metric([], 1.0)
        yield up
        for found, age in ages:
            yield GaugeMetricFamily(
                f"chorus_{found.name}_oldest_age_seconds", found.documentation, value=age
            )

    def _ages(self) -> list[tuple[Queue, float]]:
        now = datetime.now(UTC)
        return [(found, age_seconds(found.oldest(self.session), now)) for found in QUEUES]
