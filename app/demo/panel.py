"""Each demo board's Touchstones panel: synthetic confirmed members, the panel open.

Addresses are on .example domains (RFC 2606), so no demo message can reach anyone.
"""

from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.demo import plan
from app.models import Board, PanelMember
from app.security.personal import Sealer


def _address(board: Board, number: int, agency: str) -> str:
    domain = plan.PANEL_DOMAINS[agency]
    return f"member{number:02d}@{board.slug}-{domain}.example"


def add_panels(session: Session, sealer: Sealer, boards: list[Board], today: date) -> None:
    """About 40 confirmed members per board, in the plan's mix of agencies and levels."""
    for board in boards:
        board.panel_open = True
        agencies = [a for a, n in plan.PANEL_AGENCIES.items() for _ in range(n)]
        for number, agency in enumerate(agencies, start=1):
            email = _address(board, number, agency)
            level = plan.PANEL_LEVELS[number % len(plan.PANEL_LEVELS)]
            session.add(PanelMember(
                board_id=board.id, email=sealer.seal(email), email_hash=sealer.lookup(email),
                agency=agency, level=level, confirmed=True,
                joined_on=today - timedelta(days=3 * number),
            ))  # fmt: skip
