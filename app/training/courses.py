"""Courses and their sessions: each session runs three surveys, one per phase.

Every phase's survey is made from the library's training questionnaire for that phase with
the course's learning outcomes written in, so each outcome is asked the same way in every
phase, and gets its open link for the room, the joining email and the QR poster. The use
cases here (``new_course``, ``new_session``) commit once; ``plan_session`` leaves the commit
to its caller (the demo uses it for sessions already held).
"""

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import record
from app.links.service import open_link_token
from app.models import Board, Course, CourseSession, SessionPhase, Survey, SurveyStatus, User
from app.models.training import PHASES, Phase
from app.questionnaires.library import library_definition
from app.questionnaires.store import save_version
from app.security.personal import Sealer
from app.surveys.service import create_survey, unique_slug

QUESTIONNAIRES = {
    Phase.BEFORE: "training-before",
    Phase.END: "training-after",
    Phase.FOLLOW_UP: "training-follow-up",
}
PHASE_NAMES = {
    Phase.BEFORE: "before the course",
    Phase.END: "at the end",
    Phase.FOLLOW_UP: "follow-up",
}
# How long the end-of-course questionnaire stays open after the day.
END_OPEN_DAYS = 7
SECRET_BYTES = 32


class CourseError(ValueError):
    """A course or session that cannot be made; the message is for the person who asked."""


@dataclass(frozen=True)
class CourseDetails:
    title: str
    outcomes: list[str]
    audience: str
    lead_name: str
    follow_up_weeks: int
    window_weeks: int


@dataclass(frozen=True)
class SessionDetails:
    held_on: date
    trainer: str
    online: bool
    place: str
    expected: int | None


def new_course(
    session: Session, sealer: Sealer, board: Board, actor: User, details: CourseDetails
) -> Course:
    """Create a course with its own sealed code secret, and commit."""
    _check_course(details)
    course = Course(
        board=board, title=details.title, outcomes=list(details.outcomes),
        audience=details.audience, lead_name=details.lead_name, lead_email=actor.email,
        follow_up_weeks=details.follow_up_weeks, window_weeks=details.window_weeks,
        secret=sealer.seal(secrets.token_bytes(SECRET_BYTES).hex()),
    )  # fmt: skip
    session.add(course)
    session.flush()
    record(session, actor, "course.created", f"{course.id}: {course.title}", board.id)
    session.commit()
    return course


def _check_course(details: CourseDetails) -> None:
    """The form checks these too; a service never trusts its caller with an invariant."""
    if not [outcome for outcome in details.outcomes if outcome.strip()]:
        raise CourseError("Give at least one learning outcome, one per line")
    if details.follow_up_weeks < 1:
        raise CourseError("The follow-up must come at least 1 week after the session")
    if details.window_weeks < 1:
        raise CourseError("The follow-up must stay open for at least 1 week")


def code_secret(sealer: Sealer, sealed: str) -> bytes:
    """The course's key for code hashes, opened from its sealed form."""
    return bytes.fromhex(sealer.unseal(sealed))


def new_session(
    session: Session,
    keys: list[str],
    course: Course,
    actor: User,
    details: SessionDetails,
    today: date,
) -> CourseSession:
    """A session of the course with its three phase surveys and open links; commits."""
    if details.held_on < today:
        raise CourseError("The session's date must be today or later")
    if not details.online and not details.place.strip():
        raise CourseError("Enter where the session is held, or tick that it is online")
    held = plan_session(session, keys, course, details, today)
    record(session, actor, "course.session-added", f"{course.id}: {held.held_on}", course.board_id)
    session.commit()
    return held


def plan_session(
    session: Session, keys: list[str], course: Course, details: SessionDetails, today: date
) -> CourseSession:
    """Add the session, its phases' surveys and their open links; the caller commits."""
    held = CourseSession(
        course=course, held_on=details.held_on, trainer=details.trainer,
        online=details.online, place="" if details.online else details.place,
        expected=details.expected,
    )  # fmt: skip
    session.add(held)
    for phase in PHASES:
        opens_on, closes_on = phase_window(course, details.held_on, phase, today)
        survey = _phase_survey(session, course, details.held_on, phase, (opens_on, closes_on))
        session.add(SessionPhase(session=held, phase=phase, survey=survey,
                                 opens_on=opens_on, closes_on=closes_on))  # fmt: skip
        session.flush()
        open_link_token(session, keys, survey)
    return held


def phase_window(course: Course, held_on: date, phase: str, today: date) -> tuple[date, date]:
    """When a phase takes answers: before until the day, the end from the day, the
    follow-up from the delay for the window."""
    if phase == Phase.BEFORE:
        return min(today, held_on), held_on
    if phase == Phase.END:
        return held_on, held_on + timedelta(days=END_OPEN_DAYS)
    opens_on = held_on + timedelta(weeks=course.follow_up_weeks)
    return opens_on, opens_on + timedelta(weeks=course.window_weeks, days=-1)


def _phase_survey(
    session: Session, course: Course, held_on: date, phase: str, window: tuple[date, date]
) -> Survey:
    version = save_version(session, library_definition(QUESTIONNAIRES[Phase(phase)]), None)
    title = f"{course.title}: {PHASE_NAMES[Phase(phase)]} ({held_on:%-d %b %Y})"
    return create_survey(
        session, course.board, version, slug=unique_slug(session, course.board, title),
        title=title, opens_on=window[0], closes_on=window[1], status=SurveyStatus.OPEN,
        outcomes=list(course.outcomes),
    )  # fmt: skip


def courses_of(session: Session, board: Board) -> list[Course]:
    """The board's courses, newest first."""
    query = select(Course).where(Course.board_id == board.id).order_by(Course.id.desc())
    return list(session.scalars(query))


def course_of(session: Session, board: Board, course_id: int) -> Course | None:
    """A course of this board, or None for another board's or nobody's."""
    query = select(Course).where(Course.id == course_id, Course.board_id == board.id)
    return session.scalar(query)


def session_of(session: Session, course: Course, session_id: int) -> CourseSession | None:
    """A session of this course, or None."""
    query = select(CourseSession).where(
        CourseSession.id == session_id, CourseSession.course_id == course.id
    )
    return session.scalar(query)
