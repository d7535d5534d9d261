"""A board's courses, their sessions and each phase's link and poster. Anyone without a
role on the board, or another board's course or session, gets 404."""

from datetime import date
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required
from werkzeug.wrappers import Response

from app.auth.access import require_board
from app.boards.scope import signed_in
from app.extensions import db
from app.links import printing
from app.links.service import existing_open_link_token, link_url, signing_keys
from app.models import Board, Course, CourseSession, Survey
from app.security.personal import sealer
from app.training import courses
from app.training.courses import CourseDetails, CourseError, SessionDetails
from app.training.overview import phase_lines
from app.training.routes.common import EDITORS, READERS, bp
from forms.training import CourseForm, SessionForm

PREFIX = "/boards/<board_slug>/training"
COURSE = f"{PREFIX}/<int:course_id>"
SESSION = f"{COURSE}/sessions/<int:session_id>"


def _course(board: Board, course_id: int) -> Course:
    return courses.course_of(db.session, board, course_id) or abort(404)


def _session(board: Board, course_id: int, session_id: int) -> CourseSession:
    return courses.session_of(db.session, _course(board, course_id), session_id) or abort(404)


def _done(message: str, endpoint: str, **values: Any) -> Response:
    flash(message, "success")
    return redirect(url_for(endpoint, **values), 303)


@bp.get(PREFIX)
@login_required
def index(board_slug: str) -> ResponseReturnValue:
    """The board's courses, newest first."""
    board = require_board(board_slug, *READERS)
    can_edit = bool(signed_in().roles_on(board.id) & set(EDITORS))
    return render_template("training/index.html", board=board, can_edit=can_edit,
                           courses=courses.courses_of(db.session, board))  # fmt: skip


@bp.route(f"{PREFIX}/new", methods=["GET", "POST"])
@login_required
def new_course(board_slug: str) -> ResponseReturnValue:
    """Set up a course: title, learning outcomes, audience, follow-up delay and window."""
    board = require_board(board_slug, *EDITORS)
    form = CourseForm()
    if form.validate_on_submit():
        try:
            course = courses.new_course(db.session, sealer(current_app), board, signed_in(),
                                        _course_details(form))  # fmt: skip
        except CourseError as error:
            return render_template("training/new.html", board=board, form=form,
                                   problem=str(error)), 422  # fmt: skip
        return _done("The course is set up. Add its first session.", ".show",
                     board_slug=board.slug, course_id=course.id)  # fmt: skip
    status = 422 if form.errors else 200
    return render_template("training/new.html", board=board, form=form), status


def _course_details(form: CourseForm) -> CourseDetails:
    return CourseDetails(form.title.data, form.outcome_list(), form.audience.data or "",
                         form.lead_name.data, form.follow_up_weeks.data,
                         form.window_weeks.data)  # fmt: skip


@bp.get(COURSE)
@login_required
def show(board_slug: str, course_id: int) -> ResponseReturnValue:
    """A course's outcomes and its sessions."""
    board = require_board(board_slug, *READERS)
    can_edit = bool(signed_in().roles_on(board.id) & set(EDITORS))
    return render_template("training/course.html", board=board, can_edit=can_edit,
                           course=_course(board, course_id))  # fmt: skip


@bp.route(f"{COURSE}/sessions/new", methods=["GET", "POST"])
@login_required
def new_session(board_slug: str, course_id: int) -> ResponseReturnValue:
    """Add a session: its three questionnaires and their open links are made with it."""
    board = require_board(board_slug, *EDITORS)
    course = _course(board, course_id)
    form = SessionForm(today=date.today())
    if form.validate_on_submit():
        try:
            details = _session_details(form)
            held = courses.new_session(db.session, signing_keys(current_app), course,
                                       signed_in(), details, date.today())  # fmt: skip
        except CourseError as error:
            return render_template("training/new_session.html", board=board, course=course,
                                   form=form, problem=str(error)), 422  # fmt: skip
        return _done("The session is added, with a link and a poster for each questionnaire.",
                     ".session", board_slug=board.slug, course_id=course.id,
                     session_id=held.id)  # fmt: skip
    status = 422 if form.errors else 200
    return render_template("training/new_session.html", board=board, course=course,
                           form=form), status  # fmt: skip


def _session_details(form: SessionForm) -> SessionDetails:
    return SessionDetails(form.held_on.data, form.trainer.data, bool(form.online.data),
                          form.place.data or "", form.expected.data)  # fmt: skip


@bp.get(SESSION)
@login_required
def session(board_slug: str, course_id: int, session_id: int) -> ResponseReturnValue:
    """A session's three phases: when each is open, its link and how many answered."""
    board = require_board(board_slug, *READERS)
    held = _session(board, course_id, session_id)
    lines = phase_lines(db.session, held, _phase_url)
    return render_template("training/session.html", board=board, course=held.course,
                           held=held, lines=lines, today=date.today())  # fmt: skip


def _phase_url(survey: Survey) -> str | None:
    """The phase's open link as printed (made with the session), or None if it is missing."""
    token = existing_open_link_token(db.session, signing_keys(current_app), survey)
    return link_url(current_app.config["CHORUS_BASE_URL"], token) if token else None


@bp.get(f"{SESSION}/<phase>/poster")
@login_required
def poster(board_slug: str, course_id: int, session_id: int, phase: str) -> ResponseReturnValue:
    """A phase's A4 poster with its QR code, for the room or the joining email."""
    board = require_board(board_slug, *READERS)
    held = _session(board, course_id, session_id)
    lines = phase_lines(db.session, held, _phase_url)
    line = next((ln for ln in lines if ln.phase == phase), None)
    if line is None or line.url is None:
        abort(404)
    return render_template("training/poster.html", board=board, course=held.course, held=held,
                           line=line, slip=printing.slips([line.url])[0],
                           help_line=printing.HELP_LINE)  # fmt: skip
