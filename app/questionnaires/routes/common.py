"""The questionnaires blueprint and the lookups every one of its pages starts with."""

import logging
from typing import Any

from flask import Blueprint, abort

from app.auth.access import require_board
from app.boards.scope import signed_in
from app.extensions import db
from app.models import Board, Questionnaire, Role
from app.questionnaires import service
from forms.questionnaires import AUDIENCE_NAMES, TYPE_NAMES
from forms.questionnaires.answers import TAG_NAMES

bp = Blueprint("questionnaires", __name__, url_prefix="/boards/<board_slug>/questionnaires")
log = logging.getLogger("chorus.access")


@bp.context_processor
def names() -> dict[str, Any]:
    return {"type_names": TYPE_NAMES, "audience_labels": AUDIENCE_NAMES, "tag_names": TAG_NAMES}


def managed_board(board_slug: str) -> Board:
    """The board if the signed-in user manages it; 404 otherwise."""
    return require_board(board_slug, Role.MANAGER)


def _found(board: Board, questionnaire: Questionnaire | None) -> Questionnaire:
    if questionnaire is None or not questionnaire.versions:
        log.warning("questionnaire access refused: user=%s board=%s", signed_in().id, board.id)
        abort(404)
    return questionnaire


def visible(board_slug: str, questionnaire_id: int) -> tuple[Board, Questionnaire]:
    """A board the user manages, and a shared questionnaire or one of the board's own."""
    board = managed_board(board_slug)
    return board, _found(board, service.visible(db.session, board, questionnaire_id))


def own(board_slug: str, questionnaire_id: int) -> tuple[Board, Questionnaire]:
    """A board the user manages, and one of its own questionnaires: the only kind it edits."""
    board = managed_board(board_slug)
    return board, _found(board, service.own(db.session, board, questionnaire_id))
