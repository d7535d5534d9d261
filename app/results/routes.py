"""Results pages: a survey's, a training course's and a session's results, the board's
evidence pack, the region's, and settings."""

from collections.abc import Callable
from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required
from flask_wtf import FlaskForm

from analysis import periods
from analysis.pack import Pack
from analysis.text.corpora import CORPORA_NOTE, corpora_available
from app.audit import record
from app.auth.access import require_board, require_survey
from app.boards.scope import CODEBOOK_EDITORS, RESULT_READERS, signed_in
from app.evidence.formats import FORMATS, render
from app.extensions import db
from app.models import Board, Role
from app.results.lists import (
    ListError,
    Settings,
    codebook_text,
    save_codebook,
    save_settings,
    settings_of,
)
from app.results.regions import require_region
from app.results.service import board_pack, codebook_of, region_pack, survey_report, thresholds_of
from app.training.courses import course_of, session_of
from app.training.results import course_results, session_results
from forms.results import CodebookForm, PeriodForm, SettingsForm

bp = Blueprint("results", __name__)


@bp.get("/boards/<board_slug>/surveys/<survey_slug>/results")
@login_required
def survey(board_slug: str, survey_slug: str) -> ResponseReturnValue:
    """Every question charted with its base, interval and breakdowns, suppressed."""
    board = require_board(board_slug, *RESULT_READERS)
    found = require_survey(board, survey_slug)
    report = survey_report(db.session, found, board.place_names)
    analyst = Role.ANALYST in signed_in().roles_on(board.id)
    return render_template("results/survey.html", board=board, survey=found, report=report,
                           analyst=analyst, corpora=corpora_available(),
                           corpora_note=CORPORA_NOTE)  # fmt: skip


TRAINING = "/boards/<board_slug>/training/<int:course_id>"


@bp.get(f"{TRAINING}/results")
@login_required
def course(board_slug: str, course_id: int) -> ResponseReturnValue:
    """A course across its sessions: change for matched attendees, linking, practice."""
    board = require_board(board_slug, *RESULT_READERS)
    found = course_of(db.session, board, course_id) or abort(404)
    report = course_results(db.session, found, thresholds_of(board), codebook_of(board))
    return render_template("training/results.html", board=board, course=found, report=report)


@bp.get(f"{TRAINING}/sessions/<int:session_id>/results")
@login_required
def session(board_slug: str, course_id: int, session_id: int) -> ResponseReturnValue:
    """One session: what attendees thought, and each outcome before, at the end and later."""
    board = require_board(board_slug, *RESULT_READERS)
    found = course_of(db.session, board, course_id) or abort(404)
    held = session_of(db.session, found, session_id) or abort(404)
    report = session_results(db.session, held, thresholds_of(board))
    return render_template("training/results_session.html", board=board, course=found,
                           held=held, report=report)  # fmt: skip


def _period() -> tuple[PeriodForm, periods.Period]:
    """The period asked for in the query string, from the fixed choices; 400 for another."""
    choices = periods.choices(date.today())
    form = PeriodForm(request.args, choices=choices)
    if "period" not in request.args:
        form.period.data = choices[0][0]
    elif not form.validate():
        abort(400, description="Choose one of the periods offered.")
    return form, periods.period_for(form.period.data or choices[0][0])


def _download(pack: Pack, fmt: str, name: str, board: Board | None) -> Response:
    media, extension, _ = FORMATS[fmt]
    record(
        db.session, signed_in(), "evidence-downloaded", f"{name} {fmt}", board.id if board else None
    )
    db.session.commit()
    disposition = f'attachment; filename="{name}.{extension}"'
    return Response(render(pack, fmt), mimetype=media, headers={"Content-Disposition": disposition})


@bp.get("/boards/<board_slug>/evidence")
@bp.get("/boards/<board_slug>/evidence.<any(html,docx,xlsx,csv,json):fmt>")
@login_required
def evidence(board_slug: str, fmt: str | None = None) -> ResponseReturnValue:
    """The board's evidence pack for a fixed period, on screen or as a download."""
    board = require_board(board_slug, *RESULT_READERS)
    form, period = _period()
    pack = board_pack(db.session, board, period, date.today())
    if fmt:
        return _download(pack, fmt, f"{board.slug}-evidence-{form.period.data}", board)
    return render_template("results/evidence.html", board=board, pack=pack, form=form,
                           formats=FORMATS, key=form.period.data)  # fmt: skip


@bp.get("/regions/<region_slug>/evidence")
@bp.get("/regions/<region_slug>/evidence.<any(html,docx,xlsx,csv,json):fmt>")
@login_required
def region(region_slug: str, fmt: str | None = None) -> ResponseReturnValue:
    """Each sharing board beside the region as a whole: suppressed aggregates, no text."""
    found = require_region(region_slug)
    form, period = _period()
    pack = region_pack(db.session, found, period, date.today())
    if fmt:
        return _download(pack, fmt, f"{found.slug}-evidence-{form.period.data}", None)
    return render_template("results/region.html", region=found, pack=pack, form=form,
                           formats=FORMATS, key=form.period.data)  # fmt: skip


def _saving(
    board: Board, form: FlaskForm, save: Callable[[], None], page: str
) -> ResponseReturnValue:
    """A settings form: save and come back to the page, or show it again with the problem."""
    problem = None
    if form.validate_on_submit():
        try:
            save()
        except ListError as error:
            db.session.rollback()
            problem = str(error)
        else:
            flash("Saved.", "success")
            return redirect(url_for(f".{page}", board_slug=board.slug), 303)
    html = render_template(f"results/{page}.html", board=board, form=form, problem=problem)
    return html, 422 if request.method == "POST" else 200


@bp.route("/boards/<board_slug>/results-settings", methods=["GET", "POST"])
@login_required
def settings(board_slug: str) -> ResponseReturnValue:
    """The board's framework sections, priorities, place names, thresholds and sharing."""
    board = require_board(board_slug, Role.MANAGER)
    form = SettingsForm(data=vars(settings_of(board)) if request.method == "GET" else None)
    return _saving(board, form, lambda: save_settings(db.session, board, signed_in(),
                                                      _settings(form)), "settings")  # fmt: skip


def _settings(form: SettingsForm) -> Settings:
    return Settings(
        sections=form.sections.data or "", priorities=form.priorities.data or "",
        places=form.places.data or "", count_threshold=form.count_threshold.data or 0,
        group_threshold=form.group_threshold.data or 0,
        shares_with_region=bool(form.shares_with_region.data),
        reply_to=form.reply_to.data or "",
        text_retention_months=form.text_retention_months.data or 0,
        response_retention_months=form.response_retention_months.data or 0,
    )  # fmt: skip


@bp.route("/boards/<board_slug>/codebook", methods=["GET", "POST"])
@login_required
def codebook(board_slug: str) -> ResponseReturnValue:
    """The themes comments are sorted into, and the words that mark each one."""
    board = require_board(board_slug, *CODEBOOK_EDITORS)
    form = CodebookForm(
        data={"codebook": codebook_text(board)} if request.method == "GET" else None
    )
    text = form.codebook.data or ""
    return _saving(board, form, lambda: save_codebook(db.session, board, signed_in(), text),
                   "codebook")  # fmt: skip
