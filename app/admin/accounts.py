"""Staff accounts as administrators manage them: create, roles, disable, password links.

Every change is audited, and every change that should end sessions moves the account's
session version on, so the user loader refuses the old cookies. No administrator ever
sees or passes on a password: a new account, or one whose owner needs a new password,
is emailed a link to set their own (``app.accounts.password_links``).
"""

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.accounts.password_mail import LinkMailer
from app.accounts.passwords import unusable_password_hash
from app.admin.service import AdminError
from app.audit import record
from app.models import BOARD_ROLES, Board, Membership, Region, Role, User


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
    session: Session, actor: User, mailer: LinkMailer, email: str, role: str, scope_id: int | None
) -> User:
    """A new account with one role, no usable password, and an email to set its own."""
    if session.scalar(select(User).where(User.email == email)):
        raise AdminError("There is already an account with that email address.")
    membership = _membership(session, role, scope_id)
    # must_change_password marks an account whose owner has not chosen a password yet.
    user = User(email=email, password_hash=unusable_password_hash(), must_change_password=True)
    user.memberships.append(membership)
    session.add(user)
    session.flush()  # the link carries the new id
    mailer.send(session, user, "set-password")
    record(session, actor, "account-created", email)
    record(session, actor, "password-link-emailed", email)
    record(
        session,
        actor,
        "role-granted",
        f"{email}: {_describe(membership)}",
        board_id=membership.board.id if membership.board else None,
    )
    session.commit()
    return user


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


def send_password_link(session: Session, actor: User, mailer: LinkMailer, user: User) -> None:
    """Email a link to set a new password (7 days); the current one works until it is used."""
    if not user.active:
        raise AdminError("This account is disabled. Enable it before sending a password link.")
    mailer.send(session, user, "set-password")
    record(session, actor, "password-link-emailed", user.email)
    session.commit()


def reset_two_factor(session: Session, actor: User, user: User) -> None:
    """Forget their authenticator (a lost phone); their sessions end and they set it up again."""
    user.totp_secret = user.totp_pending = user.totp_last_step = None
    user.session_version += 1
    record(session, actor, "two-factor-reset", user.email)
    session.commit()
