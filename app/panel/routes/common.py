"""The panel blueprint and what its public and managers' pages share."""

from flask import Blueprint, current_app

from app.models import AGENCIES, LEVELS, Board
from app.panel.tokens import PanelLinks, panel_links

bp = Blueprint("panel", __name__)


@bp.context_processor
def names() -> dict[str, dict[str, str]]:
    return {"agency_names": AGENCIES, "level_names": LEVELS}


AGENCY_CHOICES = list(AGENCIES.items())
LEVEL_CHOICES = list(LEVELS.items())


def links() -> PanelLinks:
    return panel_links(current_app)


def join_url(board: Board) -> str:
    """The join page as printed on posters: the public origin, not the request's host."""
    return f"{current_app.config['CHORUS_BASE_URL']}/panel/{board.slug}/join"
