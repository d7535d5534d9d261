"""A board's questionnaire library: view, copy, start, preview, export and import."""

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required
from werkzeug.wrappers import Response

from app.boards.scope import signed_in
from app.extensions import db
from app.models import Board, Questionnaire
from app.questionnaires import service
from app.questionnaires.definition import Definition
from app.questionnaires.preview import page_index, preview_definition, preview_survey
from app.questionnaires.readability import reading_warnings
from app.questionnaires.routes.common import bp, managed_board, visible
from app.questionnaires.versions import QuestionnaireError
from app.respond.pages import render_page
from forms.questionnaires import ImportForm, NewQuestionnaireForm
from forms.respond import PageForm, page_form_class


@bp.get("")
@login_required
def index(board_slug: str) -> ResponseReturnValue:
    """The shared library and the board's own questionnaires."""
    board = managed_board(board_slug)
    shared, own = service.library(db.session, board)
    return render_template("questionnaires/index.html", board=board, shared=shared, own=own)


@bp.get("/<int:questionnaire_id>")
@login_required
def show(board_slug: str, questionnaire_id: int) -> ResponseReturnValue:
    """Every page and question of the latest version, read-only."""
    board, questionnaire = visible(board_slug, questionnaire_id)
    definition = service.latest_definition(questionnaire)
    warnings = reading_warnings(definition)
    return render_template("questionnaires/show.html", board=board, questionnaire=questionnaire,
                           definition=definition, warnings=warnings)  # fmt: skip


@bp.post("/<int:questionnaire_id>/clone")
@login_required
def clone(board_slug: str, questionnaire_id: int) -> ResponseReturnValue:
    """Copy a questionnaire into the board's own, then open the copy in the editor."""
    board, source = visible(board_slug, questionnaire_id)
    try:
        copy = service.clone(db.session, board, signed_in(), source)
    except QuestionnaireError as error:
        flash(str(error), "problem")
        return redirect(url_for(".show", board_slug=board.slug, questionnaire_id=source.id), 303)
    flash("This copy belongs to your board. Change it here, then set up a survey with it.",
          "success")  # fmt: skip
    return redirect(url_for("questionnaires.edit", board_slug=board.slug,
                            questionnaire_id=copy.id), 303)  # fmt: skip


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new(board_slug: str) -> ResponseReturnValue:
    """Start a questionnaire of the board's own from nothing."""
    board = managed_board(board_slug)
    form = NewQuestionnaireForm()
    problem = None
    if form.validate_on_submit():
        try:
            created = service.start(db.session, board, signed_in(), service.NewQuestionnaire(
                form.title.data, form.summary.data, form.audience.data,
                form.checked_age_range(), form.checked_phase()))  # fmt: skip
        except QuestionnaireError as error:
            problem = str(error)
        else:
            return _to_editor(board, created, "Questionnaire started. Now write its questions.")
    html = render_template("questionnaires/new.html", board=board, form=form, problem=problem)
    return html, 422 if request.method == "POST" else 200


@bp.route("/import", methods=["GET", "POST"])
@login_required
def upload(board_slug: str) -> ResponseReturnValue:
    """Import a questionnaire file exported from Chorus as one of the board's own."""
    board = managed_board(board_slug)
    form = ImportForm()
    problem = None
    if form.validate_on_submit():
        try:
            raw = form.file.data.read(service.MAX_IMPORT_BYTES + 1)
            imported = service.import_file(db.session, board, signed_in(), raw)
        except QuestionnaireError as error:
            problem = str(error)
        else:
            return _to_editor(board, imported, "Questionnaire imported. Check it, then use it.")
    html = render_template("questionnaires/import.html", board=board, form=form, problem=problem)
    return html, 422 if request.method == "POST" else 200


def _to_editor(board: Board, questionnaire: Questionnaire, message: str) -> Response:
    flash(message, "success")
    return redirect(url_for("questionnaires.edit", board_slug=board.slug,
                            questionnaire_id=questionnaire.id), 303)  # fmt: skip


@bp.get("/<int:questionnaire_id>/export")
@login_required
def export(board_slug: str, questionnaire_id: int) -> ResponseReturnValue:
    """The latest version as a YAML file to download, for another board to import."""
    board, questionnaire = visible(board_slug, questionnaire_id)
    filename, text = service.export(db.session, board, signed_in(), questionnaire)
    response = Response(text, content_type="application/yaml; charset=utf-8")
    response.headers.set("Content-Disposition", "attachment", filename=filename)
    return response


@bp.route("/<int:questionnaire_id>/preview", methods=["GET", "POST"])
@login_required
def preview(board_slug: str, questionnaire_id: int) -> ResponseReturnValue:
    """A page as a respondent sees it; its form checks answers like theirs, then forgets them."""
    board, questionnaire = visible(board_slug, questionnaire_id)
    definition = preview_definition(service.latest_definition(questionnaire))
    index = page_index(request.args.get("page"), len(definition.sections))
    form_class = page_form_class(definition.sections[index].questions)
    if request.method == "GET":
        return _preview_page(board, questionnaire, definition, index, form_class(formdata=None))
    form = form_class()
    if not form.validate():
        return _preview_page(board, questionnaire, definition, index, form), 422
    if index + 1 < len(definition.sections):
        return redirect(_preview_url(board, questionnaire, index + 2), 303)
    return render_template("questionnaires/preview_thanks.html", questionnaire=questionnaire,
                           survey=preview_survey(definition, board))  # fmt: skip


def _preview_page(
    board: Board, questionnaire: Questionnaire, definition: Definition, index: int, form: PageForm
) -> str:
    return render_page(
        preview_survey(definition, board),
        definition,
        index,
        form,
        form_action=_preview_url(board, questionnaire, index + 1),
        back_url=_preview_url(board, questionnaire, index) if index else None,
        template="questionnaires/preview.html",
        questionnaire=questionnaire,
    )


def _preview_url(board: Board, questionnaire: Questionnaire, page: int) -> str:
    return url_for(".preview", board_slug=board.slug, questionnaire_id=questionnaire.id, page=page)
