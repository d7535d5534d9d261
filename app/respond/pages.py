"""Rendering for respondent pages: which page, which form, which problem page."""

from collections.abc import Mapping
from typing import Any

from flask import current_app, render_template, request, url_for
from flask_wtf.csrf import generate_csrf
from sqlalchemy import Connection
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from app.actions import shown
from app.extensions import db
from app.links.service import LinkProblem
from app.questionnaires.definition import Definition
from app.respond.prerendered import PageCache, Prerendered
from app.respond.visit import Visit, definition_of
from app.training import pages as training_pages
from forms.respond import PageForm, options_of, page_form_class, stored_form_data

PAGE_CACHE = "chorus.prerendered_pages"
PROBLEM_STATUS = {
    "invalid": 404,
    "unknown": 404,
    "bad_request": 400,
    "not_open": 403,
    "paused": 403,
    "closed": 410,
    "revoked": 410,
    "used": 409,
    "full": 409,
}


def requested_page(raw: str | None, reached: int, total: int) -> int:
    """Zero-based page index: the one asked for (1-based), never beyond the furthest reached."""
    furthest = min(reached, total - 1)
    try:
        asked = int(raw) - 1 if raw else furthest
    except ValueError:
        asked = furthest
    return max(0, min(asked, furthest))


def form_for(visit: Visit, index: int, answers: Mapping[str, object]) -> PageForm:
    questions = visit.pages[index].questions
    return page_form_class(questions)(
        formdata=None,
        data=stored_form_data(questions, answers),
        attempt=visit.attempt.attempt_id,
    )


def posted_form(visit: Visit, index: int) -> PageForm:
    return page_form_class(visit.pages[index].questions)()


def render(
    visit: Visit, index: int, form: PageForm | None = None, status: int = 200
) -> tuple[str | Response, int]:
    """A questionnaire page: a posted form as it came back, else the page with saved answers."""
    token = request.view_args["token"] if request.view_args else ""
    action, back = page_links(token, index)
    if form is None:
        if not stored_form_data(visit.pages[index].questions, visit.draft.answers):
            return _unanswered(visit, index, action, back), status
        form = form_for(visit, index, visit.draft.answers)
    html = render_page(
        visit.survey, visit.definition, index, form, form_action=action, back_url=back
    )
    return html, status


def page_links(token: str, index: int) -> tuple[str, str | None]:
    """Where a page's form is sent, and its back link (none on the first page)."""
    action = url_for("respond.answer", token=token, page=index + 1)
    back = url_for("respond.questionnaire", token=token, page=index) if index else None
    return action, back


def _unanswered(visit: Visit, index: int, action: str, back: str | None) -> Response:
    """A page with no answers yet, from the prerendered copy for this survey and page."""

    def with_markers(markers: Mapping[str, str]) -> str:
        form = page_form_class(visit.pages[index].questions)(
            formdata=None, attempt=markers["attempt"]
        )
        if "csrf_token" in form:
            form.csrf_token.current_token = markers["csrf"]
        return render_page(
            visit.survey,
            visit.definition,
            index,
            form,
            form_action=markers["action"],
            back_url=markers["back"] if back else None,
        )

    page = _page_cache().page((visit.survey, index), with_markers)
    values = {"action": action, "back": back or "", "attempt": visit.attempt.attempt_id}
    if "csrf" in page.slots:
        values["csrf"] = generate_csrf()
    return prerendered_response(page, values)


def prerendered_response(page: Prerendered, values: Mapping[str, str]) -> Response:
    """A prerendered page filled in, gzipped from its stored pieces when the browser takes it."""
    if request.accept_encodings["gzip"]:
        response = current_app.response_class(page.gzip(values), mimetype="text/html")
        response.headers["Content-Encoding"] = "gzip"
        return response
    return current_app.response_class(page.fill(values), mimetype="text/html")


def render_page(
    survey: Any,
    definition: Definition,
    index: int,
    form: PageForm,
    *,
    form_action: str,
    back_url: str | None,
    template: str = "respond/page.html",
    **context: Any,
) -> str:
    """A page as respondents see it, for a survey or a stand-in with the same attributes."""
    page = definition.sections[index]
    return render_template(
        template,
        survey=survey,
        definition=definition,
        page=page,
        index=index,
        total=len(definition.sections),
        form=form,
        questions=[(q, form[q.key], options_of(q)) for q in page.questions],
        csrf_expired=form.only_csrf_failed(),
        form_action=form_action,
        back_url=back_url,
        **context,
    )


def thanks(visit: Visit, connection: Connection, flagged: bool = False) -> Response:
    """The thank-you page, the same for everyone who answers a survey, with the board's
    latest actions on other surveys (at the end of a training course, the offer of a
    follow-up reminder instead); a flagged answer's opens with help, the same for every
    flagged one, so neither says anything of whose. Cached by the survey, whose board
    carries its ``actions_version``: the actions are read again only after they change."""
    if visit.phase is not None:
        token = request.view_args["token"] if request.view_args else ""
        return training_pages.thanks(
            visit.survey, visit.phase, url_for("training.reminder", token=token)
        )
    survey = visit.survey

    def rendered(_markers: Mapping[str, str]) -> str:
        actions = shown.recent(connection, survey.board.id, besides=survey.id)
        return render_template(
            "respond/thanks.html", survey=survey, actions=actions, flagged=flagged
        )

    page = _page_cache().page(("thanks", survey, flagged), rendered)
    return prerendered_response(page, {})


def _page_cache() -> PageCache:
    cache = current_app.extensions.get(PAGE_CACHE)
    if cache is None:
        cache = current_app.extensions[PAGE_CACHE] = PageCache()
    return cache


def problem(error: LinkProblem, posted: MultiDict[str, str] | None = None) -> tuple[str, int]:
    """The friendly page for a link that cannot be used, showing any answers just posted."""
    kept = kept_answers(error, posted) if posted else []
    survey = error.survey
    actions = []
    if error.reason == "closed" and survey is not None:  # what came of it, or of others
        actions = shown.for_closed(db.session.connection(), survey.board.id, survey.id)
    html = render_template("respond/problem.html", reason=error.reason, survey=survey,
                           kept=kept, actions=actions)  # fmt: skip
    return html, PROBLEM_STATUS.get(error.reason, 400)


def kept_answers(error: LinkProblem, posted: MultiDict[str, str]) -> list[tuple[str, str]]:
    """(question, answer) pairs from a form that could not be sent, so nothing is lost unseen."""
    if error.survey is None:
        return []
    kept = []
    for question in definition_of(error.survey).questions():
        labels = dict(options_of(question))
        for value in posted.getlist(question.key):
            if value.strip():
                kept.append((question.text, labels.get(value, value)))
    return kept
