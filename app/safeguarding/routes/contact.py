"""A child asks to be contacted: a short public form per board, no sign-in.

The view is exempt from the app-wide CSRF check because the form checks its own token: an
expired one shows the form again with the child's words kept, never an error page that
loses them. Posts are rate-limited per client (a keyed hash, never the address itself).
"""

from datetime import date

from flask import abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import TooManyRequests

from app.errors import error_page
from app.extensions import csrf, db, limiter
from app.models import Board
from app.safeguarding.alerts import CONTACT_ALERT, alert
from app.safeguarding.contact import Asking, ask, public_board
from app.safeguarding.routes.common import bp
from app.security.personal import sealer
from forms.safeguarding import ContactForm

BUSY = (
    "A lot of requests have come from here. Wait a few minutes and try again, "
    "or call Childline on 0800 1111."
)


def _limit() -> str:
    return str(current_app.config.get("CONTACT_LIMIT", "10 per hour"))


@bp.errorhandler(TooManyRequests)
def too_many(error: TooManyRequests) -> tuple[str, int]:
    return error_page(429, BUSY)


def _board(board_slug: str) -> Board:
    board = public_board(db.session, board_slug)
    if board is None:
        abort(404)
    return board


@bp.route("/b/<board_slug>/contact", methods=["GET", "POST"])
@csrf.exempt
@limiter.limit(_limit, scope="contact", methods=["POST"])
def contact(board_slug: str) -> ResponseReturnValue:
    """The form; a request that passes is stored sealed and the reviewers are alerted."""
    board = _board(board_slug)
    form = ContactForm()
    if not form.validate_on_submit():
        html = render_template("safeguarding/contact.html", board=board, form=form)
        return html, (400 if form.csrf_token.errors else 422) if request.method == "POST" else 200
    asking = Asking(form.story.data or "", form.reach_by.data, form.reach_at(),
                    form.safe_time.data or "")  # fmt: skip
    mail = alert(CONTACT_ALERT, board.name, board.slug, board.id)
    ask(db.session, sealer(current_app), board, asking, mail, date.today())
    return redirect(url_for(".contact_sent", board_slug=board.slug), 303)


@bp.get("/b/<board_slug>/contact/sent")
def contact_sent(board_slug: str) -> ResponseReturnValue:
    """Who will contact them and when: the same page for everyone."""
    return render_template("safeguarding/contact_sent.html", board=_board(board_slug))
