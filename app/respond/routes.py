"""Respondent routes: the questionnaire behind /r/<token>, page by page."""

from flask import Blueprint, redirect, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import Connection
from werkzeug.wrappers import Response as BaseResponse

from app.database import autocommit
from app.errors import error_page
from app.extensions import csrf, db, limiter
from app.links.service import LinkProblem
from app.metrics.instruments import response_stored
from app.respond import pages
from app.respond.guesses import guess_allowed
from app.respond.service import already_sent, check_unused, save_draft
from app.respond.submission import submit
from app.respond.visit import Visit, forget_attempt, start_visit
from app.safeguarding import flagging
from app.training.pages import code_taken_page
from app.training.phases import CodeTaken, code_row

bp = Blueprint("respond", __name__)
# The page forms carry their own CSRF check, so an expired token re-shows the answers
# instead of failing the whole request.
csrf.exempt(bp)


@limiter.request_filter
def _respondent_request() -> bool:
    """Only badly signed tokens are counted, by the LinkProblem handler below: a valid link
    never pays for the rate limiter, however busy its school's network is."""
    return request.blueprint == bp.name


@bp.get("/r/<token>")
def questionnaire(token: str) -> ResponseReturnValue:
    """Show a page of the questionnaire with the answers given so far. Never spends the link."""
    with autocommit(db.engine) as connection:
        visit = start_visit(connection, token)
    check_unused(visit.admission)
    if visit.needs_code:
        return redirect(url_for("training.code", token=token), 303)
    index = pages.requested_page(request.args.get("page"), visit.draft.reached, len(visit.pages))
    return pages.render(visit, index)


@bp.post("/r/<token>")
def answer(token: str) -> ResponseReturnValue:
    """Save a page; on the last page, send the response."""
    with autocommit(db.engine) as connection:
        visit = start_visit(connection, token, request.form.get("attempt", ""))
        if already_sent(visit.found):  # a double tap: the text posted again says which thanks
            flagged = flagging.findings(visit.survey.board.lexicon, request.form, visit.questions)
            return pages.thanks(visit, connection, flagged=bool(flagged))
        if visit.needs_code:
            return redirect(url_for("training.code", token=token), 303)
        index = pages.requested_page(
            request.args.get("page"), visit.draft.reached, len(visit.pages)
        )
        form = pages.posted_form(visit, index)
        if not form.validate():
            status = 400 if form.only_csrf_failed() else 422
            return pages.render(visit, index, form, status=status)
        given = form.answers()
        if index + 1 < len(visit.pages):
            save_draft(connection, visit.attempt, visit.found, given, index + 1)
            return redirect(url_for("respond.questionnaire", token=token, page=index + 2), 303)
        return _send(connection, visit, token, {**visit.draft.answers, **given})


def _send(connection: Connection, visit: Visit, token: str, answers: dict) -> BaseResponse:
    missing = visit.required_missing(answers)
    if missing is not None:
        save_draft(connection, visit.attempt, visit.found, answers, missing)
        return redirect(url_for("respond.questionnaire", token=token, page=missing + 1), 303)
    raised = flagging.raised(visit.survey, answers, visit.questions)
    # Rendered first, so a stored response is never followed by a failure to say thank you.
    thanks = pages.thanks(visit, connection, flagged=raised is not None)
    code = code_row(visit.phase, answers)
    try:
        if submit(connection, visit.attempt, visit.found, answers, visit.questions, code, raised):
            response_stored()
    except CodeTaken:  # kept, so that a corrected code sends them without answering again
        save_draft(connection, visit.attempt, visit.found, answers, len(visit.pages) - 1)
        raise
    forget_attempt(visit)
    return thanks


@bp.errorhandler(LinkProblem)
def link_problem(problem: LinkProblem) -> tuple[str, int]:
    """The page for a link that cannot be used; answers just posted are shown, not lost."""
    if problem.reason == "invalid" and not guess_allowed():
        return error_page(429)
    return pages.problem(problem, posted=request.form if request.method == "POST" else None)


@bp.errorhandler(CodeTaken)
def code_taken(_error: CodeTaken) -> tuple[str, int]:
    """The same code was stored in this phase while this attempt was answering: not stored."""
    return code_taken_page()
