"""Awkward answers and awkward surveys give a sensible page, never an exception."""

import copy
from datetime import date, timedelta

from sqlalchemy import select

from app.models import Draft, Stop
from app.respond.retention import purge_drafts
from tests.conftest import SAMPLE_DEFINITION
from tests.helpers import page_text


def results(client, survey):  # type: ignore[no-untyped-def]
    return client.get(f"/boards/riverton/surveys/{survey.slug}/results")


def test_emoji_whitespace_and_very_long_comments(make_survey, make_responses, results_board,
                                                 signed_in):  # fmt: skip
    survey = make_survey(board=results_board)
    long = "I get bullied on the way home and it is scary. " * 220  # about 10,000 characters
    answers = [{"safer": "😀😀😀"}, {"safer": "   \n\t "}, {"nickname": "🙂"}]
    answers += [{"safer": long} for _ in range(11)]
    make_responses(survey, answers)
    page = results(signed_in(), survey)
    assert page.status_code == 200
    text = page_text(page)
    assert ">Bullying<" in text
    # Quotes are trimmed: never the whole 10,000 characters.
    assert long.strip() not in text and "…" in text


def test_a_questionnaire_changed_between_versions_is_compared_on_shared_questions(
    db, make_survey, make_responses, results_board, signed_in
):
    old = make_survey(board=results_board, opens_on=date.today() - timedelta(days=400),
                      closes_on=date.today() - timedelta(days=340), status="closed")  # fmt: skip
    changed = copy.deepcopy(SAMPLE_DEFINITION)
    changed["version"] = 2
    questions = changed["sections"][0]["questions"]
    questions[1] = {"key": "safe_bus", "type": "faces", "text": "How safe do you feel on the bus?"}
    new = make_survey(definition=changed, board=results_board)
    assert new.version.questionnaire_id == old.version.questionnaire_id
    make_responses(old, [{"safe_school": "5", "adults_listen": "4"} for _ in range(30)],
                   date.today() - timedelta(days=360))  # fmt: skip
    make_responses(new, [{"safe_school": "4", "safe_bus": "2"} for _ in range(30)])
    text = page_text(results(signed_in(), new))
    trend = text[text.index("Against the last run") : text.index("Question by question")]
    assert "How safe do you feel at school?" in trend
    assert "on the bus" not in trend and "Adults listen" not in trend


def test_unfinished_answers_are_counted_before_they_are_purged(db, make_survey, results_board):
    survey = make_survey(board=results_board, closes_on=date.today() - timedelta(days=1),
                         opens_on=date.today() - timedelta(days=10))  # fmt: skip
    for n, reached in enumerate([0, 1, 1]):
        db.session.add(Draft(key_hash=f"{n:064x}", survey_id=survey.id, answers={},
                             reached=reached, updated_on=date.today()))  # fmt: skip
    db.session.commit()
    assert purge_drafts(db.session, date.today()) == 3
    assert db.session.scalars(select(Draft)).all() == []
    stops = {s.question_key: s.count for s in db.session.scalars(select(Stop))}
    # Page 1 opens with safe_school, page 2 with places.
    assert stops == {"safe_school": 1, "places": 2}
    purge_drafts(db.session, date.today())
    assert {s.question_key: s.count for s in db.session.scalars(select(Stop))} == stops
