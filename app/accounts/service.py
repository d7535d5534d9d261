"""Creating staff accounts and granting roles; the caller owns the commit."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.passwords import hash_password, password_problem
from app.models import BOARD_ROLES, Board, Membership, Region, Role, User


class AccountError(ValueError):
    """The account cannot be created as asked; the message says why."""


def grant(session: Session, email: str, password: str, role: str, scope_slug: str | None) -> User:
    """Create the user if new and give them the role on a board, a region or everywhere."""
    email = email.strip().lower()
    if role not in {r.value for r in Role}:
        raise AccountError(f"Unknown role {role!r}; choose one of {', '.join(Role)}.")
    user = session.scalar(select(User).where(User.email == email))
    if user is None:
        problem = password_problem(password)
        if problem:
            raise AccountError(problem)
        user = User(email=email, password_hash=hash_password(password))
        session.add(user)
    membership = _membership(session, role, scope_slug)
    if not any(_same(m, membership) for m in user.memberships):
        user.memberships.append(membership)
    return user


def _membership(session: Session, role: str, slug: str | None) -> Membership:
    if role == Role.ADMIN:
        return Membership(role=role)
    if role == Role.REGIONAL:
        region = session.scalar(select(Region).where(Region.slug == slug))
        if region is None:
            raise AccountError(f"No region {slug!r}.")
        return Membership(role=role, region=region)
    board = session.scalar(select(Board).where(Board.slug == slug))
    if board is None or role not in BOARD_ROLES:
        raise AccountError(f"No board {slug!r}.")
    return Membership(role=role, board=board)


def _same(a: Membership, b: Membership) -> bool:
    return (a.role, a.board, a.region) == (b.role, b.board, b.region)
