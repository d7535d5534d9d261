"""The signed-in user and the board and survey a staff URL names, checked together."""

from typing import cast

from flask_login import current_user

from app.auth.access import require_board, require_survey
from app.models import Board, Role, Survey, User

# Roles that may read a board's survey list and its aggregate counts.
READERS = (Role.MANAGER, Role.TRAINER, Role.REVIEWER, Role.ANALYST)
# Roles that see a board's results and redacted quotes; raw free text is for reviewers only.
RESULT_READERS = (Role.MANAGER, Role.TRAINER, Role.ANALYST)
CODEBOOK_EDITORS = (Role.MANAGER, Role.ANALYST)


def signed_in() -> User:
    """The User behind ``current_user``, for services that record who acted."""
    return cast(User, current_user._get_current_object())  # type: ignore[attr-defined]


def managed_survey(board_slug: str, survey_slug: str) -> tuple[Board, Survey]:
    """A survey on a board the user manages; 404 for anything else."""
    board = require_board(board_slug, Role.MANAGER)
    return board, require_survey(board, survey_slug)


def can_manage(board: Board) -> bool:
    """True when the signed-in user holds the manager role on this board."""
    return Role.MANAGER in signed_in().roles_on(board.id)
