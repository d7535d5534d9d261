"""Survey pages: set one up, see answers arrive, open, pause, close, reopen, duplicate."""

from datetime import date
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required
from werkzeug.wrappers import Response as BaseResponse

from app.auth.access import require_board, require_survey
from app.boards.scope import READERS, RESULT_READERS, can_manage, managed_survey, signed_in
from app.extensions import db
from app.models import Board, Role, Survey
from app.panel.sending import figures
from app.results.lists import priority_choices, section_choices
from app.surveys.progress import survey_progress
from app.surveys.service import (
    AUDIENCE_NAMES,
    Details,
    SurveyError,
    has_responses,
    new_survey,
    questionnaire_options,
    update_survey,
)
from app.surveys.states import allowed_moves, duplicate, move
from forms.panel_checks import OutcomeForm, SendForm
from forms.surveys import ActionForm, ReopenForm, SurveyDetailsForm, SurveyForm, survey_form

bp = Blueprint("surveys", __name__, url_prefix="/boards/<board_slug>/surveys")


@bp.app_context_processor
def survey_names() -> dict[str, Any]:
    return {"audience_names": AUDIENCE_NAMES}


def _choices(board: Board) -> list[tuple[str, str]]:
    return [(str(o.id), o.label) for o in questionnaire_options(db.session, board)]


def _details(form: SurveyDetailsForm) -> Details:
    opens_on, closes_on = form.window()
    return Details(
        title=form.title.data,
        opens_on=opens_on,
        closes_on=closes_on,
        cap=form.cap.data,
        tags=form.tags(),
        distribution=form.distribution.data or "",
    )


def to_survey(survey: Survey, message: str) -> BaseResponse:
    """Back to the survey's page, saying what was done."""
    flash(message, "success")
    return redirect(
        url_for("surveys.show", board_slug=survey.board.slug, survey_slug=survey.slug), 303
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new(board_slug: str) -> ResponseReturnValue:
    """Set up a draft survey from a questionnaire in the shared library or the board's own."""
    board = require_board(board_slug, Role.MANAGER)
    form = SurveyForm(choices=_choices(board))
    form.offer_lists(section_choices(board), priority_choices(board))
    problem = None
    if form.validate_on_submit():
        try:
            survey = new_survey(db.session, board, signed_in(), form.questionnaire_id(),
                                _details(form), form.outcome_list())  # fmt: skip
        except SurveyError as error:
            problem = str(error)
        else:
            return to_survey(survey, "Survey set up as a draft. Open it when you are ready.")
    html = render_template("surveys/new.html", board=board, form=form, problem=problem)
    return html, 422 if request.method == "POST" else 200


@bp.get("/<survey_slug>")
@login_required
def show(board_slug: str, survey_slug: str) -> ResponseReturnValue:
    """The survey's set-up and how answers are arriving: counts only."""
    board = require_board(board_slug, *READERS)
    return survey_page(board, require_survey(board, survey_slug))


def survey_page(
    board: Board, survey: Survey, problem: str | None = None, status: int = 200, **forms: Any
) -> ResponseReturnValue:
    manager = can_manage(board)
    html = render_template(
        "surveys/show.html",
        board=board,
        survey=survey,
        progress=survey_progress(db.session, survey, date.today()),
        locked=has_responses(db.session, survey),
        can_manage=manager,
        can_read_results=bool(signed_in().roles_on(board.id) & set(RESULT_READERS)),
        moves=allowed_moves(survey) if manager else [],
        action_form=ActionForm(),
        reopen_form=forms.get("reopen_form") or ReopenForm(formdata=None),
        panel=figures(db.session, survey)
        if manager and survey.audience == "practitioner"
        else None,
        send_form=forms.get("send_form") or SendForm(formdata=None),
        outcome_form=forms.get("outcome_form") or OutcomeForm(formdata=None),
        problem=problem,
        today=date.today(),
    )
    return html, status


@bp.route("/<survey_slug>/edit", methods=["GET", "POST"])
@login_required
def edit(board_slug: str, survey_slug: str) -> ResponseReturnValue:
    """Change the details; the questionnaire too while there are no responses."""
    board, survey = managed_survey(board_slug, survey_slug)
    locked = has_responses(db.session, survey)
    initial = _initial(survey) if request.method == "GET" else None
    form = survey_form(_choices(board), locked, data=initial)
    form.offer_lists(section_choices(board), priority_choices(board))
    problem = None
    if form.validate_on_submit():
        try:
            update_survey(db.session, survey, signed_in(), _details(form), _questions(form))
        except SurveyError as error:
            problem = str(error)
        else:
            return to_survey(survey, "Changes saved.")
    html = render_template("surveys/edit.html", board=board, survey=survey, form=form,
                           locked=locked, problem=problem)  # fmt: skip
    return html, 422 if request.method == "POST" else 200


def _questions(form: SurveyDetailsForm) -> tuple[int, list[str]] | None:
    """The questionnaire and outcomes chosen, when the form offers them at all."""
    if isinstance(form, SurveyForm):
        return form.questionnaire_id(), form.outcome_list()
    return None


def _initial(survey: Survey) -> dict[str, Any]:
    tags = survey.tags or {}
    return {
        "title": survey.title,
        "opens_on": survey.opens_on,
        "closes_on": survey.closes_on,
        "cap": survey.cap,
        "qa_section": tags.get("qa_section", ""),
        "priority": tags.get("priority", ""),
        "themes": ", ".join(tags.get("themes", [])),
        "distribution": survey.distribution,
        "questionnaire": str(survey.version.questionnaire_id),
        "outcomes": "\n".join(survey.outcomes or []),
    }


def _move(board_slug: str, survey_slug: str, action: str, done: str) -> ResponseReturnValue:
    board, survey = managed_survey(board_slug, survey_slug)
    form = ReopenForm()
    if not form.validate_on_submit():
        return survey_page(board, survey, status=422, reopen_form=form)
    try:
        move(db.session, survey, signed_in(), action, date.today(), form.closes_on.data)
    except SurveyError as error:
        status = 422 if error.needs_closing_date else 409
        return survey_page(board, survey, str(error), status, reopen_form=form)
    return to_survey(survey, done)


@bp.post("/<survey_slug>/open")
@login_required
def open_survey(board_slug: str, survey_slug: str) -> ResponseReturnValue:
    return _move(board_slug, survey_slug, "open", "The survey is open.")


@bp.post("/<survey_slug>/pause")
@login_required
def pause(board_slug: str, survey_slug: str) -> ResponseReturnValue:
    return _move(board_slug, survey_slug, "pause", "The survey is paused.")


@bp.post("/<survey_slug>/close")
@login_required
def close(board_slug: str, survey_slug: str) -> ResponseReturnValue:
    return _move(board_slug, survey_slug, "close", "The survey is closed.")


@bp.post("/<survey_slug>/reopen")
@login_required
def reopen(board_slug: str, survey_slug: str) -> ResponseReturnValue:
    return _move(board_slug, survey_slug, "reopen", "The survey is open again.")


@bp.post("/<survey_slug>/duplicate")
@login_required
def copy(board_slug: str, survey_slug: str) -> ResponseReturnValue:
    """A draft copy of the set-up, ready to edit."""
    board, survey = managed_survey(board_slug, survey_slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        duplicate_survey = duplicate(db.session, survey, signed_in())
    except SurveyError as error:
        return survey_page(board, survey, str(error), 409)
    return to_survey(duplicate_survey, "This is a draft copy. Check the dates, then open it.")
