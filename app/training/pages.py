"""Rendering the attendee's training pages: the code page, the thank-you page with its
reminder offer, the reminder kept, and the refusal of a code used twice in a phase."""

from flask import current_app, render_template
from werkzeug.wrappers import Response

from app.links.service import PublicSurvey
from app.respond.visit import Visit
from app.training.phases import PhaseKey
from forms.training import CodeForm, ReminderForm


def code_page(visit: Visit, form: CodeForm, action: str, status: int = 200) -> tuple[str, int]:
    """The page before the questions where the attendee builds their code."""
    html = render_template("training/code.html", survey=visit.survey, phase=visit.phase,
                           form=form, form_action=action,
                           csrf_expired=set(form.errors) == {"csrf_token"})  # fmt: skip
    return html, status


def thanks(survey: PublicSurvey, phase: PhaseKey, action: str) -> Response:
    """The thank-you page; at the end of a course it offers the follow-up reminder."""
    html = thanks_html(survey, phase, ReminderForm(formdata=None), action)
    return current_app.response_class(html, mimetype="text/html")


def thanks_html(survey: PublicSurvey, phase: PhaseKey, form: ReminderForm, action: str) -> str:
    return render_template("training/thanks.html", survey=survey, phase=phase, form=form,
                           form_action=action)  # fmt: skip


def reminder_kept(survey: PublicSurvey, phase: PhaseKey) -> str:
    return render_template("training/reminder_kept.html", survey=survey, phase=phase)


def code_taken_page() -> tuple[str, int]:
    """409: this code was already used in this phase; nothing was stored."""
    return render_template("training/code_taken.html", survey=None), 409
