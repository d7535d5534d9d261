"""Forgotten passwords and emailed password links: ask for a link, check it, use it.

Asking answers the same whatever the address; only an active account is sent a link.
Using a link changes the password and the session version in one conditional update, so
two uses of one link cannot both succeed, and every other session of the account ends.
Two-factor sign-in is left exactly as it was: a reset link proves the mailbox, not the
phone, so the next sign-in still asks for a code. Each function owns its commit.
"""

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.accounts.password_links import LinkRefused, Purpose, read_token, still_valid
from app.accounts.password_mail import LinkMailer
from app.accounts.passwords import hash_password, password_problem
from app.audit import record
from app.auth import lockout
from app.auth.throttle import account_key
from app.models import User

AUDIT_ACTIONS: dict[Purpose, str] = {
    "set-password": "password-set-by-link",
    "reset-password": "password-reset-by-link",
}


def request_link(session: Session, mailer: LinkMailer, email: str) -> None:
    """Queue a reset link if the address has an active account; nothing tells which."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is not None and user.active:
        mailer.send(session, user, "reset-password")
        record(session, user, "password-reset-emailed", user.email)
    else:
        record(session, None, "password-reset-not-sent", f"email-hash {account_key(email)[:16]}")
    session.commit()


def check_link(session: Session, keys: Sequence[str], token: str) -> tuple[User, Purpose]:
    """The account whose password the link may set, and why; LinkRefused otherwise."""
    link = read_token(keys, token)
    user = session.get(User, link.user_id)
    if user is None or not still_valid(link, user):
        raise LinkRefused("used")
    return user, link.purpose


def set_password(session: Session, keys: Sequence[str], token: str, password: str) -> str | None:
    """Set the password once through the link, or say why the password will not do."""
    user, purpose = check_link(session, keys, token)
    problem = password_problem(password)
    if problem:
        return problem
    if not _replace_password(session, user, hash_password(password)):
        session.rollback()  # a parallel use of the same link got there first
        raise LinkRefused("used")
    # Whoever holds the link owns the mailbox: lift a sign-in lock they ran into before.
    lockout.clear_failures(session, account_key(user.email))
    record(session, user, AUDIT_ACTIONS[purpose], user.email)
    session.commit()
    return None


def _replace_password(session: Session, user: User, new_hash: str) -> bool:
    """Only if the account is still as the link saw it: active, same password and version."""
    result = session.execute(
        update(User)
        .where(User.id == user.id, User.active.is_(True))
        .where(User.password_hash == user.password_hash)
        .where(User.session_version == user.session_version)
        .values(
            password_hash=new_hash,
            session_version=User.session_version + 1,
            must_change_password=False,
        )
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)
