"""Staff sign-in, sign-out, password change and two-factor enrolment; each owns its commit."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.accounts.passwords import check_password, hash_password, password_problem
from app.audit import record
from app.auth import lockout, totp
from app.auth.throttle import AccountKeys
from app.models import User

WRONG_DETAILS = "The email address or password is not right. Check them and try again."
WRONG_CODE = "That code is not right, or it has already been used. Wait for a new code."
DISABLED = "This account has been disabled. Ask your Chorus administrator."
PENDING_EXPIRED = "Your sign-in took too long to finish. Enter your email and password again."
WRONG_CURRENT = "Your current password is not right."


@dataclass(frozen=True)
class SignIn:
    """One step's outcome: a problem to show, or a user who is in (or needs a code)."""

    user: User | None = None
    problem: str | None = None
    needs_code: bool = False
    locked: bool = False


@cache
def _dummy_hash() -> str:
    return hash_password("no account has this password, it only spends the same time")


def _find(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email.strip().lower()))


def _password_matches(user: User | None, password: str) -> bool:
    """Verify against a dummy hash when there is no account, so both take as long."""
    if user is None:
        check_password(_dummy_hash(), password)
        return False
    return check_password(user.password_hash, password)


def _lock_problem(
    account: datetime | None, client: datetime | None, now: datetime
) -> SignIn | None:
    if account:
        return SignIn(problem=lockout.locked_message(account, now), locked=True)
    if client:
        return SignIn(problem=lockout.locked_message(client, now, account=False), locked=True)
    return None


def _count_failure(session: Session, keys: AccountKeys, now: datetime) -> SignIn | None:
    account = lockout.register_failure(session, keys.lock, now)
    client = None
    if keys.client:
        client = lockout.register_failure(session, keys.client, now, lockout.CLIENT)
    return _lock_problem(account, client, now)


def _refuse(
    session: Session, keys: AccountKeys, now: datetime, user: User | None, message: str, action: str
) -> SignIn:
    """Count a failure, audit it (by hash of the address typed) and say what to say."""
    locked = _count_failure(session, keys, now)
    record(session, user, action, f"email-hash {keys.audit[:16]}")
    try:
        session.commit()
    except IntegrityError:  # a parallel first failure made the row: count this one too
        session.rollback()
        return _refuse(session, keys, now, user, message, action)
    return locked or SignIn(problem=message)


def _locked(session: Session, keys: AccountKeys, now: datetime) -> SignIn | None:
    """Refuse without checking anything while either bucket is locked."""
    client = lockout.locked_until(session, keys.client, now) if keys.client else None
    locked = _lock_problem(lockout.locked_until(session, keys.lock, now), client, now)
    if locked:
        record(session, None, "sign-in-refused-locked", f"email-hash {keys.audit[:16]}")
        session.commit()
    return locked


def _signed_in(session: Session, user: User, keys: AccountKeys) -> SignIn:
    lockout.clear_failures(session, keys.lock)
    record(session, user, "sign-in", user.email)
    session.commit()
    return SignIn(user=user)


def sign_in_with_password(
    session: Session, email: str, password: str, keys: AccountKeys, now: datetime
) -> SignIn:
    """First step: the password. Accounts with two-factor still need a code after this."""
    locked = _locked(session, keys, now)
    if locked:
        return locked
    user = _find(session, email)
    matched = _password_matches(user, password)
    if user is None or not matched:
        return _refuse(session, keys, now, None, WRONG_DETAILS, "sign-in-failed")
    if not user.active:
        record(session, user, "sign-in-refused-disabled", user.email)
        session.commit()
        return SignIn(problem=DISABLED)
    if user.totp_secret:
        return SignIn(user=user, needs_code=True)
    return _signed_in(session, user, keys)


def pending_user(session: Session, user_id: str) -> User | None:
    """The user a half-finished sign-in belongs to, unless it has since been signed out."""
    raw_id, _, version = user_id.partition(":")
    if not raw_id.isdigit() or not version.isdigit():
        return None
    user = session.get(User, int(raw_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user if user.totp_secret else None


def _spend_step(session: Session, user: User, step: int) -> bool:
    """Record the code's time step, atomically, only if no equal or later one was used."""
    result = session.execute(
        update(User)
        .where(User.id == user.id)
        .where(or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def sign_in_with_code(
    session: Session, user_id: str, code: str, keys: AccountKeys, now: datetime
) -> SignIn:
    """Second step: a code from the authenticator app, each one good only once."""
    locked = _locked(session, keys, now)
    if locked:
        return locked
    user = pending_user(session, user_id)
    if user is None:
        return SignIn(problem=PENDING_EXPIRED)
    step = totp.matching_step(user.totp_secret or "", code, now.timestamp(), user.totp_last_step)
    if step is None or not _spend_step(session, user, step):
        session.rollback()
        return _refuse(session, keys, now, user, WRONG_CODE, "two-factor-failed")
    return _signed_in(session, user, keys)


def sign_out(session: Session, user: User) -> None:
    """End every session of the user: their session version no longer matches."""
    user.session_version += 1
    record(session, user, "sign-out", user.email)
    session.commit()


def change_password(session: Session, user: User, current: str, new: str) -> str | None:
    """Set a new password and end the user's other sessions; or say why not."""
    if not check_password(user.password_hash, current):
        record(session, user, "password-change-failed", user.email)
        session.commit()
        return WRONG_CURRENT
    problem = password_problem(new)
    if problem is None and check_password(user.password_hash, new):
        problem = "Choose a password that is different from your current one."
    if problem:
        return problem
    user.password_hash = hash_password(new)
    user.must_change_password = False
    user.session_version += 1
    record(session, user, "password-changed", user.email)
    session.commit()
    return None


def start_enrolment(session: Session, user: User) -> str:
    """The secret being offered to this user, made once and kept until they confirm it."""
    if user.totp_pending is None:
        user.totp_pending = totp.new_secret()
        session.commit()
    return user.totp_pending


def finish_enrolment(session: Session, user: User, code: str, now: datetime) -> str | None:
    """Turn two-factor on once a code proves the app holds the offered secret."""
    secret = user.totp_pending
    step = totp.matching_step(secret, code, now.timestamp(), None) if secret else None
    if secret is None or step is None:
        return "That code is not right. Check the app shows Chorus and enter its current code."
    user.totp_secret, user.totp_pending, user.totp_last_step = secret, None, step
    record(session, user, "two-factor-enrolled", user.email)
    session.commit()
    return None
