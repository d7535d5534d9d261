"""The board's panel, for its managers only: open or close it, the join poster, counts,
members with their addresses, removing one and importing a CSV. Anyone else gets 404."""

import logging
from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from app.auth.access import require_board
from app.boards.scope import signed_in
from app.errors import error_page
from app.extensions import db
from app.links import printing
from app.models import Board, PanelMember, Role
from app.panel import members
from app.panel.imports import TOO_MANY, ImportProblem
from app.panel.routes.common import bp, join_url
from app.security.personal import sealer
from forms.panel import ImportForm, RemoveForm
from forms.surveys import ActionForm

log = logging.getLogger("chorus.access")
PREFIX = "/boards/<board_slug>/panel"


def _managed(board_slug: str) -> Board:
    return require_board(board_slug, Role.MANAGER)


def _member(board: Board, member_id: int | None) -> PanelMember:
    """A member of this board; 404, logged, for anyone else's or nobody's."""
    member = members.member_of(db.session, board, member_id) if member_id else None
    if member is None:
        log.warning("panel member access refused: user=%s board=%s", signed_in().id, board.id)
        abort(404)
    return member


def _to(endpoint: str, board: Board, message: str) -> Response:
    flash(message, "success")
    return redirect(url_for(endpoint, board_slug=board.slug), 303)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
    return error_page(413, TOO_MANY if request.endpoint == "panel.upload" else None)


@bp.get(PREFIX)
@login_required
def manage(board_slug: str) -> ResponseReturnValue:
    """Whether the panel is open, its join link, and who is on it as suppressed counts."""
    board = _managed(board_slug)
    counts = members.counts(db.session, board)
    return render_template("panel/manage.html", board=board, counts=counts,
                           join_url=join_url(board))  # fmt: skip


def _set_open(board_slug: str, is_open: bool) -> ResponseReturnValue:
    board = _managed(board_slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    members.set_open(db.session, board, signed_in(), is_open)
    said = "open: people can join from its page" if is_open else "closed to new members"
    return _to(".manage", board, f"The panel is {said}.")


@bp.post(f"{PREFIX}/open")
@login_required
def open_panel(board_slug: str) -> ResponseReturnValue:
    return _set_open(board_slug, True)


@bp.post(f"{PREFIX}/close")
@login_required
def close_panel(board_slug: str) -> ResponseReturnValue:
    return _set_open(board_slug, False)


@bp.get(f"{PREFIX}/poster")
@login_required
def poster(board_slug: str) -> ResponseReturnValue:
    """An A4 poster of the join page's link and QR code, for meetings and training days."""
    board = _managed(board_slug)
    slip = printing.slips([join_url(board)])[0]
    return render_template("panel/poster.html", board=board, slip=slip)


@bp.get(f"{PREFIX}/members")
@login_required
def member_list(board_slug: str) -> ResponseReturnValue:
    """Every member with their address: personal data, for the board's managers only."""
    board = _managed(board_slug)
    lines = members.members(db.session, sealer(current_app), board)
    return render_template("panel/members.html", board=board, lines=lines)


@bp.get(f"{PREFIX}/remove")
@login_required
def confirm_remove(board_slug: str) -> ResponseReturnValue:
    """Ask before taking a member off the panel."""
    board = _managed(board_slug)
    member_id = request.args.get("member", type=int)
    if member_id is None:
        abort(400)
    member = _member(board, member_id)
    email = sealer(current_app).unseal(member.email)
    form = RemoveForm(formdata=None, member=member.id)
    return render_template("panel/remove.html", board=board, email=email, form=form)


@bp.post(f"{PREFIX}/remove")
@login_required
def remove(board_slug: str) -> ResponseReturnValue:
    board = _managed(board_slug)
    form = RemoveForm()
    if not form.validate_on_submit():
        abort(400)
    members.remove(db.session, board, signed_in(), _member(board, form.member.data))
    return _to(".member_list", board, "The member has been taken off the panel.")


@bp.route(f"{PREFIX}/import", methods=["GET", "POST"])
@login_required
def upload(board_slug: str) -> ResponseReturnValue:
    """Add members from a CSV file: all of them, or none with every bad row listed."""
    board = _managed(board_slug)
    form = ImportForm()
    problems: list[str] = []
    if form.validate_on_submit():
        try:
            done = members.import_csv(db.session, sealer(current_app), board, signed_in(),
                                      form.file.data.stream, date.today())  # fmt: skip
        except ImportProblem as problem:
            problems = problem.problems
        else:
            said = f"{done.added} added, {done.already} already on the panel"
            return _to(".member_list", board, f"Imported: {said}, {done.repeated} repeated.")
    html = render_template("panel/import.html", board=board, form=form, problems=problems)
    return html, 422 if request.method == "POST" else 200
