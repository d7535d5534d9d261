"""Handing out links: batches of single-use links as slips or CSV, and the open link poster.

A new batch's links are shown once, in the response to the POST that made them: the
database keeps only their hashes. The CSV download posts them back sealed (see
app/links/export.py), so they are never stored anywhere.
"""

import logging

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import login_required

from app.boards.scope import managed_survey, signed_in
from app.errors import error_page
from app.extensions import db
from app.links import printing
from app.links.batches import (
    TOO_FEW,
    TOO_MANY,
    BatchError,
    batch_line,
    batch_lines,
    create_batch,
    find_batch,
    make_open_link,
    record_export,
    revoke_batch,
)
from app.links.export import ExportProblem, seal, unseal
from app.links.service import MAX_BATCH, existing_open_link_token, link_url, signing_keys
from app.models import Board, LinkBatch, Survey
from forms.links import BatchForm, ExportForm
from forms.surveys import ActionForm

log = logging.getLogger("chorus.access")
bp = Blueprint("links", __name__, url_prefix="/boards/<board_slug>/surveys/<survey_slug>/links")

EXPORT_PROBLEMS = {
    "expired": (410, "The links can no longer be downloaded: they are only kept for an hour "
                     "after they are made. Withdraw that batch and make a new one."),
    "invalid": (400, "The list of links was changed or cut short. Go back and try again."),
}  # fmt: skip


def _keys() -> list[str]:
    return signing_keys(current_app)


def _urls(tokens: list[str]) -> list[str]:
    return [link_url(current_app.config["CHORUS_BASE_URL"], token) for token in tokens]


def _batch_form() -> BatchForm:
    return BatchForm(limit=MAX_BATCH, too_many=TOO_MANY, too_few=TOO_FEW)


def _batch(survey: Survey, batch_id: int) -> LinkBatch:
    """A batch of this survey; 404, logged, for any other survey's or board's batch."""
    batch = find_batch(db.session, survey, batch_id)
    if batch is None:
        log.warning("batch access refused: user=%s survey=%s", signed_in().id, survey.id)
        abort(404)
    return batch


def _to_index(survey: Survey) -> ResponseReturnValue:
    target = url_for(".index", board_slug=survey.board.slug, survey_slug=survey.slug)
    return redirect(target, 303)


def _index(board: Board, survey: Survey, form: BatchForm, status: int = 200) -> ResponseReturnValue:
    batches = batch_lines(db.session, survey)
    html = render_template(
        "links/index.html", board=board, survey=survey, form=form, batches=batches
    )
    return html, status


@bp.get("/")
@login_required
def index(board_slug: str, survey_slug: str) -> ResponseReturnValue:
    """The survey's batches with their counts, and the form for a new batch."""
    board, survey = managed_survey(board_slug, survey_slug)
    return _index(board, survey, _batch_form())


@bp.post("/batches")
@login_required
def create(board_slug: str, survey_slug: str) -> ResponseReturnValue:
    """Make a batch and show its slips and CSV download: the only time the links are seen."""
    board, survey = managed_survey(board_slug, survey_slug)
    form = _batch_form()
    if not form.validate_on_submit():
        return _index(board, survey, form, 422)
    try:
        batch, tokens = create_batch(db.session, _keys(), survey, signed_in(),
                                     form.count.data, form.label.data or "")  # fmt: skip
    except BatchError as error:
        form.count.errors = [str(error)]
        return _index(board, survey, form, 422)
    export = ExportForm(formdata=None, sealed=seal(_keys(), batch.id, tokens))
    return render_template("links/batch.html", board=board, survey=survey, batch=batch,
                           slips=printing.slips(_urls(tokens)), export=export,
                           help_line=printing.HELP_LINE)  # fmt: skip


@bp.post("/batches/<int:batch_id>/csv")
@login_required
def download(board_slug: str, survey_slug: str, batch_id: int) -> ResponseReturnValue:
    """The batch's links as a mail-merge CSV, from the sealed list on the batch page."""
    _, survey = managed_survey(board_slug, survey_slug)
    batch = _batch(survey, batch_id)
    form = ExportForm()
    if not form.validate_on_submit():
        return error_page(*EXPORT_PROBLEMS["invalid"])
    if batch.revoked:
        return error_page(410, "This batch has been withdrawn, so its links no longer work.")
    try:
        tokens = unseal(_keys(), form.sealed.data, batch.id)
    except ExportProblem as problem:
        return error_page(*EXPORT_PROBLEMS[problem.reason])
    record_export(db.session, batch, signed_in())
    name = f"{survey.slug}-batch-{batch.id}.csv"
    return Response(printing.batch_csv(_urls(tokens), batch.label), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "Cache-Control": "no-store"})  # fmt: skip


@bp.get("/batches/<int:batch_id>/revoke")
@login_required
def confirm_revoke(board_slug: str, survey_slug: str, batch_id: int) -> ResponseReturnValue:
    """Ask before withdrawing a batch, showing how many of its links are still unused."""
    board, survey = managed_survey(board_slug, survey_slug)
    line = batch_line(db.session, _batch(survey, batch_id))
    return render_template("links/revoke.html", board=board, survey=survey, line=line,
                           form=ActionForm())  # fmt: skip


@bp.post("/batches/<int:batch_id>/revoke")
@login_required
def revoke(board_slug: str, survey_slug: str, batch_id: int) -> ResponseReturnValue:
    """Withdraw the batch: its unused links stop working at once."""
    _, survey = managed_survey(board_slug, survey_slug)
    batch = _batch(survey, batch_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    revoke_batch(db.session, batch, signed_in())
    flash("Batch withdrawn: its unused links no longer work.", "success")
    return _to_index(survey)


@bp.get("/open")
@login_required
def poster(board_slug: str, survey_slug: str) -> ResponseReturnValue:
    """The open link's A4 poster, or a button to make the open link."""
    board, survey = managed_survey(board_slug, survey_slug)
    token = existing_open_link_token(db.session, _keys(), survey)
    slip = printing.slips(_urls([token]))[0] if token else None
    return render_template("links/poster.html", board=board, survey=survey, slip=slip,
                           help_line=printing.HELP_LINE, form=ActionForm())  # fmt: skip


@bp.post("/open")
@login_required
def make_open(board_slug: str, survey_slug: str) -> ResponseReturnValue:
    """Make the survey's reusable link (once) and show its poster."""
    _, survey = managed_survey(board_slug, survey_slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    make_open_link(db.session, _keys(), survey, signed_in())
    target = url_for(".poster", board_slug=survey.board.slug, survey_slug=survey.slug)
    return redirect(target, 303)
