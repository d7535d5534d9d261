"""Respondent routes: the questionnaire behind /r/<token>, page by page."""

from flask import Blueprint, current_app, redirect, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from app.extensions import csrf, db, limiter
from app.links.service import LinkProblem
from app.respond import pages
from app.respond.service import already_sent, check_unused, load_draft, save_draft, submit
from app.respond.visit import Visit, forget_attempt, start_visit, well_signed

bp = Blueprint("respond", __name__)
# The page forms carry their own CSRF check, so an expired token re-shows the answers
# instead of failing the whole request.
csrf.exempt(bp)


def _guess_limit() -> str:
    return str(current_app.config["LINK_FAILURE_LIMIT"])


def _not_a_guess() -> bool:
    return well_signed(str((request.view_args or {}).get("token", "")))


throttle_guesses = limiter.limit(
    _guess_limit,
    scope="link-guess",
    exempt_when=_not_a_guess,
    deduct_when=lambda response: response.status_code == 404,
)


@bp.get("/r/<token>")
@throttle_guesses
def questionnaire(token: str) -> tuple[str, int]:
    """Show a page of the questionnaire with the answers given so far. Never spends the link."""
    visit = start_visit(token)
    check_unused(db.session, visit.attempt.admission)
    draft = load_draft(db.session, visit.attempt)
    index = pages.requested_page(request.args.get("page"), draft.reached, len(visit.pages))
    form = pages.form_for(visit, index, draft.answers)
    return pages.render(visit, index, form)


@bp.post("/r/<token>")
@throttle_guesses
def answer(token: str) -> str | BaseResponse | tuple[str, int]:
    """Save a page; on the last page, send the response."""
    visit = start_visit(token, request.form.get("attempt", ""))
    if already_sent(db.session, visit.attempt):
        return pages.thanks(visit)
    draft = load_draft(db.session, visit.attempt)
    index = pages.requested_page(request.args.get("page"), draft.reached, len(visit.pages))
    form = pages.posted_form(visit, index)
    if not form.validate():
        return pages.render(visit, index, form, status=400 if form.only_csrf_failed() else 422)
    answers = {**draft.answers, **form.answers()}
    if index + 1 < len(visit.pages):
        save_draft(db.session, visit.attempt, form.answers(), index + 1)
        return redirect(url_for("respond.questionnaire", token=token, page=index + 2), 303)
    return _send(visit, token, answers)


def _send(visit: Visit, token: str, answers: dict) -> str | BaseResponse:
    missing = visit.required_missing(answers)
    if missing is not None:
        save_draft(db.session, visit.attempt, answers, missing)
        return redirect(url_for("respond.questionnaire", token=token, page=missing + 1), 303)
    # Rendered before the commit expires the loaded rows: no second transaction afterwards,
    # so a stored response is never followed by a failure to say thank you.
    thanks = pages.thanks(visit)
    submit(db.session, visit.attempt, answers, visit.questions)
    forget_attempt(visit)
    return thanks


@bp.errorhandler(LinkProblem)
def link_problem(problem: LinkProblem) -> tuple[str, int]:
    """The page for a link that cannot be used; answers just posted are shown, not lost."""
    return pages.problem(problem, posted=request.form if request.method == "POST" else None)
