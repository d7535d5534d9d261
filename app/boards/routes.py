"""The boards a user works on, and each board's home page listing its surveys."""

from datetime import date

from flask import Blueprint, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from app.auth.access import boards_for, regions_for, require_board
from app.boards.scope import CODEBOOK_EDITORS, READERS, RESULT_READERS, can_manage, signed_in
from app.boards.service import survey_lines
from app.extensions import db
from app.models import Role

bp = Blueprint("boards", __name__, url_prefix="/boards")


@bp.get("")
@login_required
def index() -> ResponseReturnValue:
    """The user's boards; straight to the board when there is only one."""
    boards, regions = boards_for(signed_in()), regions_for(signed_in())
    if len(boards) == 1 and not regions:
        return redirect(url_for(".home", board_slug=boards[0].slug))
    return render_template("boards/index.html", boards=boards, regions=regions)


@bp.get("/<board_slug>")
@login_required
def home(board_slug: str) -> ResponseReturnValue:
    """The board's surveys, each with its state and counts."""
    board = require_board(board_slug, *READERS)
    lines = survey_lines(db.session, board, date.today())
    roles = signed_in().roles_on(board.id)
    return render_template(
        "boards/home.html", board=board, lines=lines, can_manage=can_manage(board),
        can_read_results=bool(roles & set(RESULT_READERS)),
        can_edit_codebook=bool(roles & set(CODEBOOK_EDITORS)),
        can_see_training=bool(roles & set(RESULT_READERS)),
        can_review=Role.REVIEWER in roles,
    )  # fmt: skip
