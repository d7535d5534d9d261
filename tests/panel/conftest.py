"""Fixtures for the panel's membership tests: an open panel, its manager, the outbox."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from app.models import OutboxMessage, PanelMember
from app.panel.tokens import panel_links
from app.security.personal import sealer
from tests.helpers import hidden_fields

CONFIRM_LINK = re.compile(r"http://localhost(/panel/confirm/\S+)")
LEAVE_LINK = re.compile(r"http://localhost(/panel/leave/\S+)")
ADDRESS = "Alex.Morgan@Riverton-Police.example"


@pytest.fixture
def open_panel(db, make_board):  # type: ignore[no-untyped-def]
    """Riverton, whose panel takes new members."""
    board = make_board("riverton")
    board.panel_open = True
    db.session.commit()
    return board


@pytest.fixture
def panel_manager(make_user, staff_client, open_panel):  # type: ignore[no-untyped-def]
    return staff_client(make_user("manager@riverton.example", "manager", open_panel))


@pytest.fixture
def add_member(app, db):  # type: ignore[no-untyped-def]
    """add_member(board, email, confirmed=True, agency=..., level=...) -> a stored member."""

    def add(board, email: str, confirmed: bool = True, agency: str = "police",  # type: ignore[no-untyped-def]
            level: str = "frontline", joined_on: date | None = None) -> PanelMember:  # fmt: skip
        seal = sealer(app)
        member = PanelMember(board_id=board.id, email=seal.seal(email),
                             email_hash=seal.lookup(email), agency=agency, level=level,
                             confirmed=confirmed, joined_on=joined_on or date.today())  # fmt: skip
        db.session.add(member)
        db.session.commit()
        return member

    return add


def outbox(app, db, kind: str | None = None) -> list[tuple[str, OutboxMessage]]:  # type: ignore[no-untyped-def]
    """(recipient, message) of every queued message, of one kind when given."""
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if kind:
        query = query.where(OutboxMessage.kind == kind)
    return [(sealer(app).unseal(m.recipient), m) for m in db.session.scalars(query)]


def join(client, board_slug: str = "riverton", **fields: str):  # type: ignore[no-untyped-def]
    """Post the join form as a browser would, after opening the page."""
    page = client.get(f"/panel/{board_slug}/join")
    form = {"email": ADDRESS, "agency": "police", "level": "frontline", **fields}
    return client.post(f"/panel/{board_slug}/join",
                       data={**hidden_fields(page.data), **form})  # fmt: skip


def leave_path(app, member: PanelMember) -> str:  # type: ignore[no-untyped-def]
    return panel_links(app).leave_url(member).removeprefix("http://localhost")
