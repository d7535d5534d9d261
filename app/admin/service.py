"""Regions, boards and the audit log, as administrators see and change them."""

import math
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.audit import record
from app.models import AuditEvent, Board, Region, User

AUDIT_PAGE_SIZE = 50


class AdminError(ValueError):
    """The change cannot be made as asked; the message says why. Nothing was changed."""


def regions(session: Session) -> list[Region]:
    query = select(Region).options(selectinload(Region.boards)).order_by(Region.name)
    return list(session.scalars(query))


def boards(session: Session) -> list[Board]:
    query = select(Board).options(selectinload(Board.region)).order_by(Board.name)
    return list(session.scalars(query))


def create_region(session: Session, actor: User, slug: str, name: str) -> Region:
    if session.scalar(select(Region).where(Region.slug == slug)):
        raise AdminError("There is already a region with that short name. Choose another.")
    region = Region(slug=slug, name=name)
    session.add(region)
    record(session, actor, "region-created", slug)
    session.commit()
    return region


def create_board(
    session: Session, actor: User, slug: str, name: str, region_id: int, help_contact: str
) -> Board:
    """A new board in an existing region."""
    region = session.get(Region, region_id)
    if region is None:
        raise AdminError("That region does not exist. Choose a region from the list.")
    if session.scalar(select(Board).where(Board.slug == slug)):
        raise AdminError("There is already a board with that short name. Choose another.")
    board = Board(slug=slug, name=name, region=region, help_contact=help_contact)
    session.add(board)
    session.flush()
    record(session, actor, "board-created", slug, board_id=board.id)
    session.commit()
    return board


@dataclass(frozen=True)
class AuditPage:
    events: list[AuditEvent]
    number: int
    count: int
    total: int


def audit_page(session: Session, number: int) -> AuditPage:
    """One page of the audit log, newest first; a page past the end shows the last one."""
    total = session.scalar(select(func.count()).select_from(AuditEvent)) or 0
    count = max(1, math.ceil(total / AUDIT_PAGE_SIZE))
    number = min(max(1, number), count)
    query = (
        select(AuditEvent)
        .options(selectinload(AuditEvent.actor), selectinload(AuditEvent.board))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(AUDIT_PAGE_SIZE)
        .offset((number - 1) * AUDIT_PAGE_SIZE)
    )
    return AuditPage(list(session.scalars(query)), number, count, total)
