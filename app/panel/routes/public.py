"""Public panel pages, no sign-in: join, check your email, confirm, leave.

A confirm or leave link does nothing on GET, because mail scanners open every link; the
button on the page POSTs. The leave POST also takes RFC 8058's one-click request from a
mail client, which carries no CSRF token: the signed link itself is the proof.
"""

from datetime import date

from flask import abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import TooManyRequests

from app.errors import error_page
from app.extensions import csrf, db, limiter
from app.models import Board
from app.panel import members
from app.panel.routes.common import AGENCY_CHOICES, LEVEL_CHOICES, bp, links
from app.respond.guesses import guess_allowed
from app.security.clients import keyed_hash
from app.security.personal import normalised
from forms.panel import JoinForm
from forms.surveys import ActionForm

PROBLEM_STATUS = {"invalid": 404, "expired": 410, "gone": 410}
BUSY = "There have been a lot of requests to join from here. Wait a few minutes and try again."


def _client_limit() -> str:
    return str(current_app.config.get("PANEL_JOIN_LIMIT", "30 per hour"))


def _address_limit() -> str:
    return str(current_app.config.get("PANEL_ADDRESS_LIMIT", "3 per hour"))


def _address() -> str:
    """The address typed, as a keyed hash: one address cannot be sent mail after mail."""
    return "address:" + keyed_hash(normalised(request.form.get("email", "")))


per_client = limiter.limit(_client_limit, scope="panel-join", methods=["POST"])
per_address = limiter.limit(
    _address_limit, key_func=_address, scope="panel-join-address", methods=["POST"]
)


@bp.errorhandler(TooManyRequests)
def too_many(error: TooManyRequests) -> tuple[str, int]:
    return error_page(429, BUSY)


@bp.errorhandler(members.PanelProblem)
def link_problem(problem: members.PanelProblem) -> tuple[str, int]:
    """A confirm or leave link that cannot be used: say which, never a stack trace."""
    if problem.reason == "invalid" and not guess_allowed():
        return error_page(429)
    html = render_template("panel/problem.html", reason=problem.reason)
    return html, PROBLEM_STATUS[problem.reason]


def _open_board(board_slug: str) -> Board:
    board = members.open_board(db.session, board_slug)
    if board is None:
        abort(404)
    return board


@bp.route("/panel/<board_slug>/join", methods=["GET", "POST"])
@per_client
@per_address
def join(board_slug: str) -> ResponseReturnValue:
    """Ask for a work email, agency and level; send a confirmation link to the address."""
    board = _open_board(board_slug)
    form = JoinForm(agencies=AGENCY_CHOICES, levels=LEVEL_CHOICES)
    if not form.validate_on_submit():
        html = render_template("panel/join.html", board=board, form=form)
        return html, 422 if request.method == "POST" else 200
    joining = members.Joining(form.email.data, form.agency.data, form.level.data)
    members.join(db.session, links(), board, joining, date.today())
    return redirect(url_for(".check_email", board_slug=board.slug), 303)


@bp.get("/panel/<board_slug>/check-email")
def check_email(board_slug: str) -> ResponseReturnValue:
    """The same page whether the address was new, waiting or already on the panel."""
    return render_template("panel/check_email.html", board=_open_board(board_slug))


@bp.get("/panel/confirm/<token>")
def confirm_page(token: str) -> ResponseReturnValue:
    board = members.confirming(db.session, links(), token)
    return render_template("panel/confirm.html", board=board, form=ActionForm())


@bp.post("/panel/confirm/<token>")
def confirm(token: str) -> ResponseReturnValue:
    if not ActionForm().validate_on_submit():
        abort(400)
    board = members.confirm(db.session, links(), token)
    return render_template("panel/confirmed.html", board=board)


@bp.get("/panel/leave/<token>")
def leave_page(token: str) -> ResponseReturnValue:
    board = members.leaving(db.session, links(), token)
    return render_template("panel/leave.html", board=board)


@bp.post("/panel/leave/<token>")
@csrf.exempt
def leave(token: str) -> ResponseReturnValue:
    """Leave at once: the page's button, or a mail client's List-Unsubscribe=One-Click."""
    board = members.leave(db.session, links(), token)
    return render_template("panel/left.html", board=board)
