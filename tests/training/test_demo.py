"""The demo's courses: sessions already held, attendees linked by codes over three phases."""

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from analysis.training.matching import Record, match
from app.demo.training import COURSE_TITLE
from app.models import CodeRecord, Course, CourseSession, Response, SessionPhase, User


@pytest.fixture
def demo(runner, db, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHORUS_DEMO_PASSWORD", "demo-password-for-tests")
    result = runner.invoke(args=["demo", "--responses", "72"])
    assert result.exit_code == 0, result.output
    return db


def records(db, session_id: int, phase: str) -> list[Record]:  # type: ignore[no-untyped-def]
    rows = db.session.execute(
        select(CodeRecord.response_id, CodeRecord.parts)
        .join(SessionPhase, SessionPhase.id == CodeRecord.phase_id)
        .where(SessionPhase.session_id == session_id, SessionPhase.phase == phase)
    ).all()
    return [Record(str(rid), tuple(parts)) for rid, parts in rows]


def test_each_demo_board_has_a_course_held_in_the_past(demo):
    courses = demo.session.scalars(select(Course)).all()
    assert sorted(c.board.slug for c in courses) == ["hillford", "riverton"]
    for course in courses:
        assert course.title == COURSE_TITLE and len(course.sessions) == 3
        assert all(held.held_on < date.today() for held in course.sessions)


def test_attendees_answered_the_phases_that_opened_each_with_a_code(demo):
    today = date.today()
    for phase in demo.session.scalars(select(SessionPhase)):
        answered = demo.session.scalar(
            select(func.count()).select_from(Response).where(Response.survey_id == phase.survey_id)
        )
        coded = demo.session.scalar(
            select(func.count()).select_from(CodeRecord).where(CodeRecord.phase_id == phase.id)
        )
        assert answered == coded
        assert (answered > 0) == (phase.opens_on <= today), phase.phase


def test_most_answers_link_across_phases_but_not_all(demo):
    held = demo.session.scalar(select(CourseSession).order_by(CourseSession.held_on))
    before, end, later = (records(demo, held.id, p) for p in ("before", "end", "follow_up"))
    first, second = match(before, end), match(end, later)
    assert 0.6 <= first.rate() < 1 and 0.5 <= second.rate() <= 1
    assert len(later) < len(end)  # some never came back


def test_some_follow_ups_were_answered_with_a_manager(demo):
    flags = Counter(demo.session.scalars(select(CodeRecord.with_manager)))
    assert flags[True] > 0 and flags[False] > flags[True]


def test_a_second_run_adds_no_course_or_answer(demo, runner):
    counts = [demo.session.scalar(select(func.count()).select_from(t))
              for t in (Course, CourseSession, CodeRecord, Response)]  # fmt: skip
    assert runner.invoke(args=["demo"]).exit_code == 0
    again = [demo.session.scalar(select(func.count()).select_from(t))
             for t in (Course, CourseSession, CodeRecord, Response)]  # fmt: skip
    assert again == counts


def test_the_trainer_sees_the_course_and_its_results(demo, staff_client):
    trainer = staff_client(demo.session.scalar(select(User).where(
        User.email == "trainer@riverton.example")))  # fmt: skip
    course = demo.session.scalar(select(Course).join(Course.board).where(
        Course.board.has(slug="riverton")))  # fmt: skip
    assert COURSE_TITLE in trainer.get("/boards/riverton/training").get_data(as_text=True)
    assert trainer.get(f"/boards/riverton/training/{course.id}/results").status_code == 200
