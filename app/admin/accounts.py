"""Staff accounts as administrators manage them: create, roles, disable, resets.

Every change is audited, and every change that should end sessions moves the account's
session version on, so the user loader refuses the old cookies.
"""

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.accounts.passwords import hash_password
from app.admin.service import AdminError
from app.audit import record
from app.models import BOARD_ROLES, Board, Membership, Region, Role, User

# No 0/O, 1/l/I: a temporary password is read off a screen and typed by hand.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def temporary_password() -> str:
    """About 79 bits in four groups, e.g. ``k7mq-2xpa-9dre-h4tz``."""
    groups = ("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(4))
    return "-".join(groups)


def accounts(session: Session) -> list[User]:
    query = select(User).options(selectinload(User.memberships)).order_by(User.email)
    return list(session.scalars(query))


def account(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def _membership(session: Session, role: str, scope_id: int | None) -> Membership:
    """A role with its scope, checked against what exists; AdminError otherwise."""
    if role == Role.ADMIN:
        return Membership(role=role)
    if role == Role.REGIONAL:
        region = session.get(Region, scope_id) if scope_id else None
        if region is None:
            raise AdminError("That region does not exist. Choose a region from the list.")
        return Membership(role=role, region=region)
    board = session.get(Board, scope_id) if scope_id else None
    if role not in BOARD_ROLES or board is None:
        raise AdminError("That board does not exist. Choose a board from the list.")
    return Membership(role=role, board=board)


def _describe(membership: Membership) -> str:
    scope = membership.board or membership.region
    return f"{membership.role} on {scope.slug}" if scope else membership.role


def create_account(
    session: Session, actor: User, email: str, role: str, scope_id: int | None
) -> tuple[User, str]:
    """A new account with one role and a temporary password, returned once to show."""
    if session.scalar(select(User).where(User.email == email)):
        raise AdminError("There is already an account with that email address.")
    membership = _membership(session, role, scope_id)
    password = temporary_password()
    user = User(email=email, password_hash=hash_password(password), must_change_password=True)
    user.memberships.append(membership)
    session.add(user)
    record(session, actor, "account-created", email)
    record(
        session,
        actor,
        "role-granted",
        f"{email}: {_describe(membership)}",
        board_id=membership.board.id if membership.board else None,
    )
    session.commit()
    return user, password


def grant_role(session: Session, actor: User, user: User, role: str, scope_id: int | None) -> None:
    membership = _membership(session, role, scope_id)
    key = (membership.role, membership.board, membership.region)
    if any((m.role, m.board, m.region) == key for m in user.memberships):
        raise AdminError("They already have that role.")
    user.memberships.append(membership)
    record(
        session,
        actor,
        "role-granted",
        f"{user.email}: {_describe(membership)}",
        board_id=membership.board.id if membership.board else None,
    )
    session.commit()


def revoke_role(session: Session, actor: User, user: User, membership_id: int) -> None:
    """Remove one of this user's roles; a role of another account is not found here."""
    membership = next((m for m in user.memberships if m.id == membership_id), None)
    if membership is None:
        raise AdminError("That role is not on this account. Nothing was changed.")
    if user.id == actor.id and membership.role == Role.ADMIN:
        raise AdminError("You cannot remove your own administrator role. Ask another admin.")
    user.memberships.remove(membership)
    record(
        session,
        actor,
        "role-revoked",
        f"{user.email}: {_describe(membership)}",
        board_id=membership.board_id,
    )
    session.commit()


def set_active(session: Session, actor: User, user: User, active: bool) -> None:
    """Disable (ending every session) or enable an account."""
    if user.id == actor.id and not active:
        raise AdminError("You cannot disable your own account. Ask another administrator.")
    user.active = active
    if not active:
        user.session_version += 1
    record(session, actor, "account-enabled" if active else "account-disabled", user.email)
    session.commit()


def reset_password(session: Session, actor: User, user: User) -> str:
    """A new temporary password, returned once to show; their sessions end."""
    password = temporary_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    user.session_version += 1
    record(session, actor, "password-reset", user.email)
    session.commit()
    return password


def reset_two_factor(session: Session, actor: User, user: User) -> None:
    """Forget their authenticator (a lost phone); their sessions end and they set it up again."""
    user.totp_secret = user.totp_pending = user.totp_last_step = None
    user.session_version += 1
    record(session, actor, "two-factor-reset", user.email)
    session.commit()
