"""The demo: two years of believable answers for every survey, loaded once."""

import random
import re
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from analysis.text.sentiment import polarity
from app.demo import plan
from app.demo.answers import Run, synthetic_answers
from app.demo.loader import load_demo
from app.models import Answer, Board, Draft, Response, SessionPhase, Stop, Survey, User
from app.questionnaires.definition import TEXT_TYPES
from app.questionnaires.library import load_library

PER_SURVEY = 20
SURVEYS = plan.SURVEY_COUNT  # every questionnaire on both boards, this year and last
TEXT_KEYS = {q.key for d in load_library() for q in d.questions() if q.type in TEXT_TYPES}
# The plan's surveys; the demo courses' phase surveys are tested in tests/training.
PLANNED = Survey.id.not_in(select(SessionPhase.survey_id))
PLANNED_RESPONSES = Response.survey_id.not_in(select(SessionPhase.survey_id))


@pytest.fixture
def demo(runner, db, monkeypatch):
    monkeypatch.setenv("CHORUS_DEMO_PASSWORD", "demo-password-for-tests")
    result = runner.invoke(args=["demo", "--responses", str(PER_SURVEY * SURVEYS)])
    assert result.exit_code == 0, result.output
    return db


def _table_counts(db) -> list[int]:
    tables = (Board, Survey, User, Response, Answer, Draft, Stop)
    where = {Survey: PLANNED, Response: PLANNED_RESPONSES}
    return [db.session.scalar(select(func.count()).select_from(t).where(where.get(t, True)))
            for t in tables]  # fmt: skip


def test_a_second_run_changes_nothing(demo, runner):
    before = _table_counts(demo)
    again = runner.invoke(args=["demo", "--responses", "50"])
    assert again.exit_code == 0 and "nothing changed" in again.output
    assert _table_counts(demo) == before
    assert before[1] == SURVEYS and before[3] == PER_SURVEY * SURVEYS


def test_every_survey_has_responses_inside_its_own_window(demo):
    today = date.today()
    day = Response.submitted_on
    rows = demo.session.execute(
        select(Survey, func.count(), func.min(day), func.max(day))
        .join(Response, Response.survey_id == Survey.id)
        .where(PLANNED)
        .group_by(Survey.id)
    ).all()
    assert len(rows) == SURVEYS
    for survey, count, first, last in rows:
        assert count == PER_SURVEY
        assert survey.opens_on <= first and last <= min(today, survey.closes_on), survey.slug


def test_each_questionnaire_also_ran_a_year_ago(demo):
    today = date.today()
    surveys = demo.session.scalars(select(Survey).where(PLANNED)).all()
    runs = Counter((s.board.slug, s.version.questionnaire.slug) for s in surveys)
    assert set(runs.values()) == {2}
    previous = [s for s in surveys if s.status == "closed"]
    assert {s.audience for s in previous} == {"child", "family", "practitioner", "training"}
    for survey in previous:
        assert survey.slug.endswith(f"-{today.year - 1}") and f"({today.year - 1})" in survey.title
        assert (today - survey.closes_on).days >= 330 and (today - survey.opens_on).days <= 400
    assert all(s.state_on(today) == "open" for s in surveys if s.status != "closed")


def test_surveys_are_tagged_with_a_section_and_one_of_the_boards_priorities(demo):
    for survey in demo.session.scalars(select(Survey)):
        tags = survey.tags
        assert tags["qa_section"] == ("D" if survey.audience in ("child", "family") else "E")
        assert tags["priority"] in survey.board.priorities and "demo" in tags["themes"]
    for board in demo.session.scalars(select(Board)):
        assert [s["code"] for s in board.qa_sections] == ["A", "B", "C", "D", "E"]
        assert board.shares_with_region and board.place_names and board.priorities


def test_about_a_third_of_responses_have_text_and_text_has_its_sentiment(demo):
    texts = demo.session.execute(
        select(Answer.response_id, Answer.value, Answer.sentiment)
        .join(Response, Response.id == Answer.response_id)
        .where(Answer.question_key.in_(TEXT_KEYS), PLANNED_RESPONSES)
    ).all()
    share = len({row.response_id for row in texts}) / (PER_SURVEY * SURVEYS)
    assert 0.25 <= share <= 0.42
    assert all(row.sentiment == polarity(row.value) for row in texts)
    assert any(row.sentiment is not None and row.sentiment < 0 for row in texts)
    assert any(row.sentiment is not None and row.sentiment > 0 for row in texts)


def test_open_surveys_have_drafts_and_closed_ones_have_stop_counts(demo):
    for survey in demo.session.scalars(select(Survey).where(PLANNED)):
        pages = len(survey.version.definition["sections"])
        drafts = demo.session.scalars(select(Draft).where(Draft.survey_id == survey.id)).all()
        stopped = demo.session.scalar(
            select(func.coalesce(func.sum(Stop.count), 0)).where(Stop.survey_id == survey.id)
        )
        if pages < 2:
            assert not drafts and not stopped
        elif survey.status == "open":
            assert drafts and not stopped
            for draft in drafts:
                assert re.fullmatch(r"[0-9a-f]{64}", draft.key_hash) and draft.answers
                assert 1 <= draft.reached < pages
                assert survey.opens_on <= draft.updated_on <= date.today()
        else:
            assert stopped == round(PER_SURVEY * plan.DRAFT_SHARE) and not drafts


def test_no_responses_still_loads_every_survey(runner, db, monkeypatch):
    monkeypatch.setenv("CHORUS_DEMO_PASSWORD", "demo-password-for-tests")
    result = runner.invoke(args=["demo", "--responses", "0"])
    assert result.exit_code == 0, result.output
    assert _table_counts(db)[1:] == [SURVEYS, 10, 0, 0, 0, 0]


def test_progress_hears_every_response(db):
    done: list[int] = []
    load_demo(db.session, "demo-password-for-tests", 2500, date.today(), done.append)
    assert sum(done) == 2500 and len(done) >= SURVEYS


def _feeling_safe(previous: bool, count: int, seed: int = 1) -> list[dict]:
    definition = next(d for d in load_library() if d.slug == "feeling-safe-8-12")
    questions = list(definition.questions())
    rng = random.Random(seed)
    run = Run("child", definition.slug, previous, plan.BOARDS[0][4])
    return [synthetic_answers(questions, run, rng) for _ in range(count)]


def _positive(answers: list[dict], key: str) -> float:
    given = [a[key] for a in answers if key in a]
    return sum(value in ("4", "5") for value in given) / len(given)


def test_this_year_feels_safer_at_school_than_last_and_the_same_at_home():
    now, before = _feeling_safe(False, 4000), _feeling_safe(True, 4000)
    assert 0.03 <= _positive(now, "safe_school") - _positive(before, "safe_school") <= 0.09
    assert abs(_positive(now, "safe_home") - _positive(before, "safe_home")) < 0.03
    assert _positive(now, "safe_home") > 0.7  # leaning positive, with a tail
    assert any(a.get("safe_home") == "1" for a in now)


def test_about_you_groups_come_big_enough_to_break_down_and_small_enough_to_hide():
    answers = _feeling_safe(False, plan.RESPONSES_PER_SURVEY)
    yes = {key: sum(a.get(key) == "yes" for a in answers) for key in plan.VULNERABLE}
    assert max(yes.values()) >= 10 and 1 <= min(yes.values()) <= 5
    for key in ("disability", "looked_after", "young_carer", "social_worker"):
        counted = Counter(a.get(key) for a in answers)
        assert counted["no"] > counted["yes"] and counted["prefer_not_to_say"] > 0


def test_the_same_seed_gives_the_same_answers():
    assert _feeling_safe(False, 50, seed=7) == _feeling_safe(False, 50, seed=7)


def test_comments_name_the_boards_own_places():
    answers = _feeling_safe(False, 2000)
    comments = [a["make_safer"] for a in answers if "make_safer" in a]
    assert not any("{" in comment for comment in comments)
    assert any("Riverton Academy" in comment for comment in comments)


def test_each_board_has_flagged_answers_and_a_contact_request_waiting(demo, runner):
    from app.models import ContactRequest, Flag
    from app.safeguarding.review import waiting

    for board in demo.session.scalars(select(Board)):
        queue = waiting(demo.session, board, date.today())
        assert len(queue.flags) >= 3 and len(queue.contacts) == 1
        for line in queue.flags:
            assert line.categories and line.context.startswith("Open link")
    before = [
        demo.session.scalar(select(func.count()).select_from(t)) for t in (Flag, ContactRequest)
    ]
    runner.invoke(args=["demo"])
    after = [
        demo.session.scalar(select(func.count()).select_from(t)) for t in (Flag, ContactRequest)
    ]
    assert before == after
