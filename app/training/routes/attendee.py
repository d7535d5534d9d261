"""The attendee's code page before a phase's questions, and the reminder offered at the end.

These sit beside the questionnaire at /r/<token>/...: the same link admits them, the same
friendly pages answer a link that cannot be used, and, as on the questionnaire's pages,
the form's own CSRF check re-shows the page instead of failing the request.
"""

from flask import current_app, redirect, request, url_for
from flask.typing import ResponseReturnValue

from app.database import autocommit
from app.extensions import csrf, db, limiter
from app.links.service import LinkProblem, admit, signing_keys
from app.respond import pages as respond_pages
from app.respond.routes import code_taken, link_problem
from app.respond.service import already_sent, check_unused
from app.respond.visit import Visit, start_visit
from app.security.personal import sealer
from app.training import attendee, pages
from app.training.phases import CodeTaken, PhaseKey, phase_of
from app.training.routes.common import bp
from forms.training import CodeForm, ReminderForm

bp.register_error_handler(LinkProblem, link_problem)


bp.register_error_handler(CodeTaken, code_taken)


def _phase(visit: Visit) -> PhaseKey:
    """The visit's training phase; a survey that is not part of a course has no code page."""
    if visit.phase is None:
        raise LinkProblem("unknown", visit.survey)
    return visit.phase


def _action(token: str) -> str:
    return url_for("training.take_code", token=token)


@bp.get("/r/<token>/code")
def code(token: str) -> ResponseReturnValue:
    """The code page; never spends the link."""
    with autocommit(db.engine) as connection:
        visit = start_visit(connection, token)
    check_unused(visit.admission)
    _phase(visit)
    form = CodeForm(formdata=None, attempt=visit.attempt.attempt_id)
    return pages.code_page(visit, form, _action(token))


@csrf.exempt
@bp.post("/r/<token>/code")
def take_code(token: str) -> ResponseReturnValue:
    """Hash the code into the attempt's draft, then on to the questions."""
    with autocommit(db.engine) as connection:
        visit = start_visit(connection, token, request.form.get("attempt", ""))
        if already_sent(visit.found):
            return respond_pages.thanks(visit, connection)
        _phase(visit)
        form = CodeForm()
        if not form.validate():
            status = 400 if set(form.errors) == {"csrf_token"} else 422
            return pages.code_page(visit, form, _action(token), status)
        attendee.take_code(connection, sealer(current_app), visit, form.values(),
                           form.with_manager.data)  # fmt: skip
    return redirect(url_for("respond.questionnaire", token=token, page=1), 303)


def _reminder_limit() -> str:
    return str(current_app.config.get("REMINDER_LIMIT", "20 per hour"))


@csrf.exempt
@bp.post("/r/<token>/reminder")
@limiter.limit(_reminder_limit, methods=["POST"])
def reminder(token: str) -> ResponseReturnValue:
    """Keep an address for the follow-up link, apart from every answer."""
    with autocommit(db.engine) as connection:
        survey = admit(connection, signing_keys(current_app), token).survey
        phase = phase_of(connection, survey.id) if survey.audience == "training" else None
    if phase is None or not phase.offers_reminder:
        raise LinkProblem("unknown", survey)
    form = ReminderForm()
    if not form.validate():
        action = url_for("training.reminder", token=token)
        return pages.thanks_html(survey, phase, form, action), 422
    attendee.leave_reminder(db.session, sealer(current_app), phase, form.email.data)
    return pages.reminder_kept(survey, phase)
