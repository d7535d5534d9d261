"""The board's review queue, for its reviewers only (two-factor is required of every
reviewer at sign-in, ``app.auth.sessions``); anyone else, admins included, gets 404."""

import logging
import uuid
from datetime import date
from typing import NoReturn

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required
from werkzeug.wrappers import Response

from app.auth.access import require_board
from app.boards.scope import signed_in
from app.extensions import db
from app.models import CONTACT_OUTCOMES, FLAG_OUTCOMES, Board, Role
from app.safeguarding import contact, review
from app.safeguarding.routes.common import bp
from app.safeguarding.settings import Settings, save_settings, settings_of
from app.security.personal import sealer
from forms.safeguarding import OutcomeForm, SettingsForm

log = logging.getLogger("chorus.access")
PREFIX = "/boards/<board_slug>/safeguarding"
TOO_LATE = (
    "Another reviewer recorded an outcome for this first. Theirs is shown below; "
    "yours was not saved."
)


def _reviewed_board(board_slug: str) -> Board:
    return require_board(board_slug, Role.REVIEWER)


def _missing(board: Board) -> NoReturn:
    log.warning("safeguarding item access refused: user=%s board=%s", signed_in().id, board.id)
    abort(404)


def _outcome(form: OutcomeForm) -> review.Outcome:
    return review.Outcome(form.outcome.data, form.reference.data or "", form.note.data or "")


def _told(board: Board, won: bool) -> Response:
    """Back to the queue; the loser of a race stays on the item, to see the winner's outcome."""
    if won:
        flash("Outcome recorded.", "success")
        return redirect(url_for(".queue", board_slug=board.slug), 303)
    flash(TOO_LATE, "info")
    return redirect(request.path, 303)


@bp.get(PREFIX)
@login_required
def queue(board_slug: str) -> ResponseReturnValue:
    """Contact requests first, then unreviewed flags oldest first, and the oldest's age."""
    board = _reviewed_board(board_slug)
    waiting = review.waiting(db.session, board, date.today())
    return render_template("safeguarding/queue.html", board=board, queue=waiting)


@bp.get(f"{PREFIX}/reviewed")
@login_required
def reviewed(board_slug: str) -> ResponseReturnValue:
    """Flags already reviewed, newest first, optionally of one outcome."""
    board = _reviewed_board(board_slug)
    chosen = request.args.get("outcome") if request.args.get("outcome") in FLAG_OUTCOMES else None
    lines = review.reviewed(db.session, board, chosen)
    return render_template("safeguarding/reviewed.html", board=board, lines=lines, chosen=chosen)


@bp.route(f"{PREFIX}/flags/<uuid:flag_id>", methods=["GET", "POST"])
@login_required
def flag(board_slug: str, flag_id: uuid.UUID) -> ResponseReturnValue:
    """The flagged text with its matched words marked, and the outcome form."""
    board = _reviewed_board(board_slug)
    found = review.flag_of(db.session, board, flag_id) or _missing(board)
    form = OutcomeForm(outcomes=FLAG_OUTCOMES)
    if form.validate_on_submit():
        return _told(board, review.record_flag(db.session, board, signed_in(), flag_id,
                                               _outcome(form)))  # fmt: skip
    item = review.flag_item(db.session, found)
    html = render_template("safeguarding/flag.html", board=board, flag=found, item=item,
                           form=form, highlighted=review.highlighted)  # fmt: skip
    return html, 422 if request.method == "POST" else 200


@bp.route(f"{PREFIX}/contact/<uuid:request_id>", methods=["GET", "POST"])
@login_required
def contact_request(board_slug: str, request_id: uuid.UUID) -> ResponseReturnValue:
    """A child's request with its details opened, and the outcome form."""
    board = _reviewed_board(board_slug)
    found = contact.request_of(db.session, board, request_id) or _missing(board)
    form = OutcomeForm(outcomes=CONTACT_OUTCOMES)
    if form.validate_on_submit():
        won = contact.record_contact(db.session, board, signed_in(), request_id,
                                     _outcome(form), date.today())  # fmt: skip
        return _told(board, won)
    opened = contact.opened(sealer(current_app), found)
    html = render_template("safeguarding/contact_request.html", board=board, asked=opened,
                           form=form)  # fmt: skip
    return html, 422 if request.method == "POST" else 200


@bp.route(f"{PREFIX}/settings", methods=["GET", "POST"])
@login_required
def settings(board_slug: str) -> ResponseReturnValue:
    """The board's own detector phrases and how long contact requests are kept."""
    board = require_board(board_slug, Role.REVIEWER, Role.MANAGER)
    form = SettingsForm(data=vars(settings_of(board)) if request.method == "GET" else None)
    if form.validate_on_submit():
        chosen = Settings(form.lexicon.data or "", form.contact_days.data or 30)
        save_settings(db.session, board, signed_in(), chosen)
        flash("Saved.", "success")
        return redirect(url_for(".settings", board_slug=board.slug), 303)
    html = render_template("safeguarding/settings.html", board=board, form=form)
    return html, 422 if request.method == "POST" else 200
