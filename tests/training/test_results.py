"""A course's and a session's results: matched change per outcome, linking, reaction, access."""

import json
import re
from datetime import date, timedelta

import pytest

from analysis.periods import fy_of
from analysis.training.change import paired_change
from analysis.training.codes import hash_parts
from app.models import Answer, CodeRecord, Response, SessionPhase
from app.security.personal import sealer
from app.training.courses import code_secret
from app.training.phases import whole_code_hash
from tests.helpers import page_text

HELD = date.today() - timedelta(weeks=14)
BEFORE = [2, 3, 3, 4, 2, 3, 5, 4, 3, 2, 4, 3]
END = [6, 7, 5, 6, 4, 6, 6, 8, 7, 5, 6, 6]
LATER = [5, 7, 4, 6, 5, 6, 6, 7, 6, 5]  # the first ten answer the follow-up


def code(person: int) -> dict[str, str]:
    """A code of its own for each person: no two of them are within one part."""
    return {"mother": "ABCDEFGHIJKLMNOP"[person], "birthday": str(person + 1),
            "siblings": str(person % 10), "birthplace": "QRSTUVWXYZABCDEF"[person]}  # fmt: skip


@pytest.fixture
def attend(app, db):  # type: ignore[no-untyped-def]
    """attend(session, phase, code, answers) -> stores a response with its code record."""

    def store(held, phase: str, person_code: dict[str, str], answers: dict[str, str],
              with_manager: bool | None = None) -> Response:  # fmt: skip
        found = next(p for p in held.phases if p.phase == phase)
        parts = list(hash_parts(code_secret(sealer(app), held.course.secret), person_code))
        response = Response(survey_id=found.survey_id, submitted_on=found.opens_on)
        response.answers = [Answer(question_key=k, value=v, number=_number(v))
                            for k, v in answers.items()]  # fmt: skip
        db.session.add(response)
        db.session.flush()
        record = CodeRecord(phase_id=found.id, response_id=response.id, parts=parts,
                            code_hash=whole_code_hash(parts),
                            with_manager=with_manager)  # fmt: skip
        db.session.add(record)
        db.session.commit()
        return response

    return store


def _number(value: str) -> float | None:
    return float(value) if value.isdigit() else None


@pytest.fixture
def taught(course, make_session, attend):  # type: ignore[no-untyped-def]
    """A session 14 weeks ago: 12 answer before and at the end, 10 at follow-up, one of them
    misremembering a part of the code."""
    held = make_session(course, HELD)
    for person, (b, e) in enumerate(zip(BEFORE, END, strict=True)):
        attend(held, "before", code(person), {"confidence.1": str(b), "confidence.2": "5"})
        attend(held, "end", code(person), {"confidence.1": str(e), "confidence.2": "6",
                                           "relevant_to_role": "4" if person < 6 else "2",
                                           "overall_rating": "8",
                                           "would_recommend": "yes"})  # fmt: skip
    for person, later in enumerate(LATER):
        recalled = {**code(person), "siblings": "9"} if person == 0 else code(person)
        answers = {"confidence.1": str(later), "used_in_practice": "4", "barriers": "time"}
        attend(held, "follow_up", recalled, answers, with_manager=person < 2)
    return held


def words(html: str) -> str:
    """The page's text without tags, one space between words."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _url(board, course, held=None) -> str:  # type: ignore[no-untyped-def]
    base = f"/boards/{board.slug}/training/{course.id}"
    return f"{base}/sessions/{held.id}/results" if held else f"{base}/results"


def test_the_course_page_shows_the_change_of_matched_attendees(people, board, course, taught):
    page = people["trainer"].get(_url(board, course))
    text = page_text(page)
    assert page.status_code == 200
    to_end = paired_change(BEFORE, END)
    figures = " ".join(str(round(v, 2)) for v in (to_end.effect, to_end.low, to_end.high))
    row = f"Recognise signs of neglect Before At the end 12 3.2 6.0 " \
          f"{round(to_end.mean_change, 2)} 100.0 {figures}"  # fmt: skip
    assert row in words(text)
    later = paired_change(END[:10], LATER)
    assert f"Recognise signs of neglect At the end Follow-up 10 " \
           f"{round(later.mean_before, 1)} {round(later.mean_after, 1)}" in words(text)  # fmt: skip


def test_the_course_figures_come_from_linked_answers_one_wrong_part_included(
    app, db, board, course, taught
):
    from app.results.service import codebook_of, thresholds_of
    from app.training.results import course_results

    report = course_results(db.session, course, thresholds_of(board), codebook_of(board))
    confidence = report.learning[0]
    first, kept = confidence.rows[0], confidence.rows[1]
    assert first[3] == 12 and kept[3] == 10  # all ten follow-ups linked, person 0's too
    assert kept[6] == round(paired_change(END[:10], LATER).mean_change, 2)
    match = report.linking[0]
    assert match.rows[0][1:] == (12, 12, 0, 0, 100.0)
    assert match.rows[1][1:] == (10, 10, 0, 0, 100.0)
    assert report.answers == {"before": 12, "end": 12, "follow_up": 10}


def test_an_ambiguous_follow_up_is_not_linked_and_is_counted_apart(
    app, db, board, course, make_session, attend
):
    from app.results.service import codebook_of, thresholds_of
    from app.training.results import course_results

    held = make_session(course, HELD)
    twin = {**code(0), "birthplace": "Z"}  # one part from code(0): fits both end answers
    attend(held, "end", code(0), {"confidence.1": "5"})
    attend(held, "end", twin, {"confidence.1": "5"})
    attend(held, "follow_up", {**code(0), "birthplace": "Y"}, {"confidence.1": "6"})
    report = course_results(db.session, course, thresholds_of(board), codebook_of(board))
    step = report.linking[0].rows[1]
    assert step[0] == "At the end to follow-up" and step[1] == "c"  # 1 answer: hidden
    unlinked = report.linking[1].rows
    assert [r[0] for r in unlinked] == ["Before", "At the end", "Follow-up"]
    assert report.learning[0].rows[1][3] == 0


def test_the_session_page_shows_reaction_and_every_answer_per_outcome(
    people, board, course, taught
):
    text = page_text(people["analyst"].get(_url(board, course, taught)))
    assert "What attendees thought of it" in text
    assert "The course was relevant to my work." in text
    assert "50.0" in text  # 6 of 12 agreed
    assert "Would you recommend this course to a colleague? 12 12 100.0" in words(text)
    assert "Recognise signs of neglect" in text and "Make a referral to the front door" in text
    assert "Confidence per learning outcome, every answer" in text


def test_small_numbers_are_hidden_on_the_pages(people, board, course, make_session, attend):
    held = make_session(course, HELD)
    for person in range(3):
        attend(held, "before", code(person), {"confidence.1": "3"})
        attend(held, "end", code(person), {"confidence.1": "7", "relevant_to_role": "5"})
    text = page_text(people["manager"].get(_url(board, course)))
    assert ">c<" in people["manager"].get(_url(board, course)).get_data(as_text=True)
    assert "7.0" not in text and "Comparison by session" in text


def test_a_course_without_answers_has_a_page(people, board, course, make_session):
    make_session(course, HELD)
    page = people["trainer"].get(_url(board, course))
    assert page.status_code == 200 and "No sessions yet" not in page_text(page)


def test_only_the_boards_readers_see_results(people, board, other_board, course, taught,
                                             make_course, client):  # fmt: skip
    assert people["reviewer"].get(_url(board, course)).status_code == 404
    assert people["reviewer"].get(_url(board, course, taught)).status_code == 404
    elsewhere = make_course(other_board)
    assert people["manager"].get(_url(other_board, elsewhere)).status_code == 404
    assert people["manager"].get(f"/boards/{board.slug}/training/{elsewhere.id}/results"
                                 ).status_code == 404  # fmt: skip
    assert people["manager"].get(f"/boards/{board.slug}/training/{course.id}/sessions/999999"
                                 "/results").status_code == 404  # fmt: skip
    assert client.get(_url(board, course)).status_code in (302, 303)


def test_the_evidence_pack_holds_matched_counts_and_changes_per_outcome(
    people, board, course, taught
):
    year = f"fy-{fy_of(HELD)}"
    found = people["manager"].get(f"/boards/{board.slug}/evidence.json?period={year}")
    pack = json.loads(found.data)
    training = next(s for s in pack["sections"] if s["key"] == "training")
    titles = [t["title"] for t in training["tables"]]
    change = next(t for t in training["tables"] if "change for matched attendees" in t["title"])
    assert change["title"].startswith(course.title)
    assert "Matched attendees" in change["columns"]
    assert change["rows"][0][:4] == ["Recognise signs of neglect", "Before", "At the end", 12]
    assert any("linked from one phase to the next" in t for t in titles)


def test_no_code_part_reaches_a_results_page(people, board, course, taught, db):
    text = page_text(people["trainer"].get(_url(board, course)))
    parts = db.session.query(CodeRecord.parts).first()[0]
    assert not any(part in text for part in parts)
    assert SessionPhase  # the phases' surveys are the only link from answers to a session
