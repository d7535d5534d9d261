"""The editor of a board's own questionnaire: one plain form or button per change, no scripts.

Every change posts the revision it was made on; a stale or repeated post changes nothing
and shows the questionnaire as it now is (409).
"""

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from app.boards.scope import signed_in
from app.extensions import db
from app.models import Board, Questionnaire
from app.questionnaires import editing
from app.questionnaires.definition import Definition, Question, Section
from app.questionnaires.readability import grade_limit, reading_warnings
from app.questionnaires.routes.common import bp, own
from app.questionnaires.service import latest_definition
from app.questionnaires.versions import (
    Change,
    QuestionnaireError,
    in_use,
    revision_of,
    save_edit,
)
from forms.questionnaires import (
    AddQuestionForm,
    DetailsForm,
    MoveForm,
    NewSectionForm,
    QuestionForm,
    RevisionForm,
    SectionForm,
)
from forms.questionnaires.answers import question_data, tag_defaults


@bp.get("/<int:questionnaire_id>/edit")
@login_required
def edit(board_slug: str, questionnaire_id: int) -> ResponseReturnValue:
    """The whole questionnaire with a button or link for every change, and reading warnings."""
    board, questionnaire = own(board_slug, questionnaire_id)
    return _editor(board, questionnaire)


def _editor(
    board: Board, questionnaire: Questionnaire, problem: str | None = None, status: int = 200
) -> ResponseReturnValue:
    definition = latest_definition(questionnaire)
    html = render_template(
        "questionnaires/edit.html",
        board=board,
        questionnaire=questionnaire,
        definition=definition,
        warnings=reading_warnings(definition),
        limit=grade_limit(definition.audience, definition.age_range),
        revision=revision_of(questionnaire.latest),
        frozen=in_use(db.session, questionnaire.latest),
        problem=problem,
    )
    return html, status


def _back(board: Board, questionnaire: Questionnaire, message: str, anchor: str) -> Any:
    flash(message, "success")
    url = url_for(".edit", board_slug=board.slug, questionnaire_id=questionnaire.id, _anchor=anchor)
    return redirect(url, 303)


def _apply(
    board: Board,
    questionnaire: Questionnaire,
    form: RevisionForm,
    change: Change,
    done: str,
    anchor: str,
) -> ResponseReturnValue:
    """Save a button's change and go back to the editor, which shows any problem instead."""
    if not form.validate_on_submit():
        abort(400)
    try:
        save_edit(db.session, questionnaire, signed_in(), form.revision.data, change)
    except QuestionnaireError as error:
        return _editor(board, questionnaire, str(error), 409 if error.conflict else 422)
    return _back(board, questionnaire, done, anchor)


def _submit(
    board: Board,
    questionnaire: Questionnaire,
    form: RevisionForm,
    change: Change,
    done: tuple[str, str],
    template: str,
    **context: Any,
) -> ResponseReturnValue:
    """Save a form's change and go back to the editor, or show the form with the problem."""
    problem = None
    if form.validate_on_submit():
        try:
            save_edit(db.session, questionnaire, signed_in(), form.revision.data, change)
        except QuestionnaireError as error:
            if error.conflict:
                return _editor(board, questionnaire, str(error), 409)
            problem = str(error)
        else:
            return _back(board, questionnaire, *done)
    html = render_template(template, board=board, questionnaire=questionnaire, form=form,
                           problem=problem, **context)  # fmt: skip
    return html, 422 if request.method == "POST" else 200


def _initial(questionnaire: Questionnaire, **fields: Any) -> dict[str, Any] | None:
    """Form data for a GET: the fields and the current revision. None for a POST."""
    if request.method != "GET":
        return None
    return {"revision": revision_of(questionnaire.latest), **fields}


def _section(definition: Definition, page: int) -> Section:
    if not 1 <= page <= len(definition.sections):
        abort(404)
    return definition.sections[page - 1]


def _question(definition: Definition, key: str) -> Question:
    question = next((q for q in definition.questions() if q.key == key), None)
    if question is None:
        abort(404)
    return question


@bp.route("/<int:questionnaire_id>/details", methods=["GET", "POST"])
@login_required
def details(board_slug: str, questionnaire_id: int) -> ResponseReturnValue:
    """Change the title, summary, introduction and, for children, the age range."""
    board, questionnaire = own(board_slug, questionnaire_id)
    current = latest_definition(questionnaire)
    form = DetailsForm(audience=current.audience, data=_initial(questionnaire, title=current.title,
                       summary=current.summary, intro=current.intro,
                       age_range=current.age_range or ""))  # fmt: skip
    return _submit(
        board, questionnaire, form,
        lambda d, _: editing.set_details(d, form.title.data, form.summary.data, form.intro.data,
                                         form.checked_age_range()),
        ("Details saved.", "details"), "questionnaires/details.html", audience=current.audience,
    )  # fmt: skip


@bp.route("/<int:questionnaire_id>/questions/<question_key>", methods=["GET", "POST"])
@login_required
def question(board_slug: str, questionnaire_id: int, question_key: str) -> ResponseReturnValue:
    """Change a question's wording, hint, answers, tags and whether it must be answered."""
    board, questionnaire = own(board_slug, questionnaire_id)
    found = _question(latest_definition(questionnaire), question_key)
    form = QuestionForm(qtype=found.type, data=_initial(questionnaire, **question_data(found)))
    return _submit(
        board, questionnaire, form,
        lambda d, _: editing.reword_question(d, found.key, form.wording()),
        ("Question saved.", f"q-{found.key}"), "questionnaires/question.html", question=found,
    )  # fmt: skip


@bp.route("/<int:questionnaire_id>/pages/<int:page>/questions/new", methods=["GET", "POST"])
@login_required
def add_question(board_slug: str, questionnaire_id: int, page: int) -> ResponseReturnValue:
    """Add a question of any type at the end of a page, its tags first set from the audience."""
    board, questionnaire = own(board_slug, questionnaire_id)
    current = latest_definition(questionnaire)
    section = _section(current, page)
    form = AddQuestionForm(data=_initial(questionnaire, **tag_defaults(current.audience)))
    return _submit(
        board, questionnaire, form,
        lambda d, used: editing.add_question(d, page - 1, form.type.data, form.wording(), used),
        ("Question added.", f"page-{page}"), "questionnaires/question.html",
        section=section, page=page,
    )  # fmt: skip


@bp.post("/<int:questionnaire_id>/questions/<question_key>/move")
@login_required
def move_question(board_slug: str, questionnaire_id: int, question_key: str) -> ResponseReturnValue:
    """Move a question one place up or down, across to the next page at a page's edge."""
    board, questionnaire = own(board_slug, questionnaire_id)
    form = MoveForm()
    step = form.step()
    return _apply(board, questionnaire, form,
                  lambda d, _: editing.move_question(d, question_key, step),
                  "Question moved.", f"q-{question_key}")  # fmt: skip


@bp.post("/<int:questionnaire_id>/questions/<question_key>/remove")
@login_required
def remove_question(
    board_slug: str, questionnaire_id: int, question_key: str
) -> ResponseReturnValue:
    """Remove a question; surveys already set up keep their version with it."""
    board, questionnaire = own(board_slug, questionnaire_id)
    return _apply(board, questionnaire, RevisionForm(),
                  lambda d, _: editing.remove_question(d, question_key),
                  "Question removed.", "pages")  # fmt: skip


@bp.route("/<int:questionnaire_id>/pages/new", methods=["GET", "POST"])
@login_required
def add_page(board_slug: str, questionnaire_id: int) -> ResponseReturnValue:
    """Add a last page with its first question."""
    board, questionnaire = own(board_slug, questionnaire_id)
    audience = latest_definition(questionnaire).audience
    form = NewSectionForm(data=_initial(questionnaire, **tag_defaults(audience)))
    return _submit(
        board, questionnaire, form,
        lambda d, used: editing.add_section(d, form.page_title.data, form.type.data,
                                            form.wording(), used),
        ("Page added.", "pages"), "questionnaires/question.html", new_page=True,
    )  # fmt: skip


@bp.route("/<int:questionnaire_id>/pages/<int:page>", methods=["GET", "POST"])
@login_required
def rename_page(board_slug: str, questionnaire_id: int, page: int) -> ResponseReturnValue:
    """Change a page's title."""
    board, questionnaire = own(board_slug, questionnaire_id)
    section = _section(latest_definition(questionnaire), page)
    form = SectionForm(data=_initial(questionnaire, title=section.title))
    return _submit(
        board, questionnaire, form,
        lambda d, _: editing.rename_section(d, page - 1, form.title.data),
        ("Page renamed.", f"page-{page}"), "questionnaires/section.html",
        section=section, page=page,
    )  # fmt: skip


@bp.post("/<int:questionnaire_id>/pages/<int:page>/remove")
@login_required
def remove_page(board_slug: str, questionnaire_id: int, page: int) -> ResponseReturnValue:
    """Remove a page and its questions; one page must remain."""
    board, questionnaire = own(board_slug, questionnaire_id)
    return _apply(board, questionnaire, RevisionForm(),
                  lambda d, _: editing.remove_section(d, page - 1),
                  "Page removed.", "pages")  # fmt: skip
