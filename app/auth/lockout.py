"""Lockouts after failed sign-ins that back off exponentially and always lift by themselves.

Two buckets count consecutive failures. The account bucket is a keyed hash of the email
typed, whether or not an account has it, so the lockout answers the same for every
address. The client bucket is a hash of the address the attempts come from, with a higher
threshold, because an office shares one address; a success there never resets it, so a
valid account cannot wipe the slate for guesses at others. No lock grows past
``MAX_LOCK`` and attempts while locked are not even checked, so an attacker can slow an
account down but never shut it; and a browser that has signed in to the account before
counts in buckets of its own (see ``throttle.known_device``).
"""

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.models import SignInThrottle

FIRST_LOCK = timedelta(minutes=1)
MAX_LOCK = timedelta(minutes=15)
LOCAL_TIME = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class Policy:
    free_failures: int
    forget_after: timedelta


ACCOUNT = Policy(free_failures=5, forget_after=timedelta(hours=24))
CLIENT = Policy(free_failures=20, forget_after=timedelta(hours=1))


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything stored here is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def lock_length(failures: int, policy: Policy = ACCOUNT) -> timedelta:
    """No lock for the free failures, then 1, 2, 4 and 8 minutes, then 15 at most."""
    if failures < policy.free_failures:
        return timedelta(0)
    doublings = min(failures - policy.free_failures, 10)  # past the cap; keeps the int small
    return min(FIRST_LOCK * 2**doublings, MAX_LOCK)


def locked_until(session: Session, key: str, now: datetime) -> datetime | None:
    """When the lock on this key lifts, if it is locked now."""
    row = session.get(SignInThrottle, key)
    if row is None or row.locked_until is None:
        return None
    until = as_utc(row.locked_until)
    return until if until > now else None


def register_failure(
    session: Session, key: str, now: datetime, policy: Policy = ACCOUNT
) -> datetime | None:
    """Count one failure (forgetting old ones) and return the new lock's end, if any."""
    row = session.get(SignInThrottle, key)
    if row is None:
        row = SignInThrottle(key_hash=key, failures=0, last_failed_at=now)
        session.add(row)
    elif now - as_utc(row.last_failed_at) > policy.forget_after:
        row.failures = 0
    row.failures += 1
    row.last_failed_at = now
    length = lock_length(row.failures, policy)
    row.locked_until = now + length if length else None
    return row.locked_until


def clear_failures(session: Session, key: str) -> None:
    row = session.get(SignInThrottle, key)
    if row is not None:
        session.delete(row)


def locked_message(until: datetime, now: datetime, account: bool = True) -> str:
    """The same words for every address typed: says the lock lifts, and when."""
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    clock = until.astimezone(LOCAL_TIME).strftime("%H:%M")
    unit = "minute" if minutes == 1 else "minutes"
    what = "Signing in to this account" if account else "Signing in from your network"
    return (
        f"{what} is paused after too many wrong attempts. "
        f"Try again in {minutes} {unit} (after {clock} UK time)."
    )
