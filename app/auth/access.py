"""Board scoping: every staff query for board data goes through here.

A user asking for a board they hold no suitable role on gets 404, never 403, so ids
and slugs of other boards cannot even be confirmed to exist.
"""

import logging

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db, login_manager
from app.models import Board, Membership, Region, Survey, User

log = logging.getLogger("chorus.access")


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The user for a session id of the form ``<id>:<session_version>``, if still valid."""
    raw_id, _, version = user_id.partition(":")
    if not raw_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(raw_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def boards_for(user: User, *roles: str) -> list[Board]:
    """Boards on which the user holds any of the roles (every board role when none given)."""
    held = select(Membership.board_id).where(Membership.user_id == user.id)
    if roles:
        held = held.where(Membership.role.in_(roles))
    # IN, not DISTINCT: PostgreSQL cannot compare the board's JSON columns for DISTINCT.
    return list(db.session.scalars(select(Board).where(Board.id.in_(held)).order_by(Board.name)))


def regions_for(user: User) -> list[Region]:
    query = select(Region).join(Membership, Membership.region_id == Region.id)
    query = query.where(Membership.user_id == user.id, Membership.role == "regional")
    return list(db.session.scalars(query.order_by(Region.name)))


def require_board(slug: str, *roles: str) -> Board:
    """The board if the signed-in user holds one of the roles on it; otherwise 404."""
    query = (
        select(Board)
        .join(Membership, Membership.board_id == Board.id)
        .where(Board.slug == slug, Membership.user_id == current_user.id)
        .where(Membership.role.in_(roles))
    )
    board = db.session.scalars(query).first()
    if board is None:
        log.warning("board access refused: user=%s roles=%s", current_user.id, ",".join(roles))
        abort(404)
    return board


def require_survey(board: Board, slug: str) -> Survey:
    """A survey of this board by slug; 404 for any other board's survey."""
    survey = db.session.scalar(
        select(Survey).where(Survey.slug == slug, Survey.board_id == board.id)
    )
    if survey is None:
        log.warning("survey access refused: user=%s board=%s", current_user.id, board.id)
        abort(404)
    return survey


# Roles that see what children wrote, or can change who sees it, must use a second factor.
TWO_FACTOR_ROLES = frozenset({"admin", "reviewer"})


def needs_two_factor(user: User) -> bool:
    return any(m.role in TWO_FACTOR_ROLES for m in user.memberships)


def require_admin() -> None:
    """404 for anyone signed in without the admin role, so the admin pages stay unseen."""
    if not current_user.is_admin:
        log.warning("admin access refused: user=%s", current_user.id)
        abort(404)


ROLE_NAMES = {
    "manager": "Manager",
    "trainer": "Trainer",
    "reviewer": "Safeguarding reviewer",
    "analyst": "Analyst",
    "regional": "Regional viewer",
    "admin": "Administrator",
}
