"""The loader reads stored answers into the tidy frame analysis expects, on both databases."""

from datetime import date, timedelta

import pandas as pd

from analysis import frame as col
from app.results.loader import load, read_answers, surveys_for


def test_one_row_per_answer_with_survey_question_and_about_you_columns(
    db, make_survey, make_responses
):
    survey = make_survey(tags={"qa_section": "D", "priority": "Neglect"})
    first = {"safe_school": "5", "places": ["home", "park"], "age": "8-10", "safer": "More lights"}
    make_responses(survey, [first, {"safe_school": "2", "age": "11-12"}])
    loaded = load(db.session, surveys_for(db.session, [survey.board_id]), date(2000, 1, 1),
                  date.today())  # fmt: skip
    frame = loaded.answers
    assert len(frame) == 7
    assert set(col.COLUMNS) <= set(frame.columns)
    assert frame[col.RESPONSE].nunique() == 2
    school = frame[frame[col.QUESTION] == "safe_school"].sort_values(col.NUMBER)
    assert school[col.NUMBER].tolist() == [2.0, 5.0]
    assert school[col.TYPE].astype(str).unique().tolist() == ["faces"]
    assert set(frame[col.SECTION].astype(str)) == {"D"}
    assert set(frame[col.PRIORITY].astype(str)) == {"Neglect"}
    # Each row carries its own respondent's age band, so any question can be broken down.
    by_age = frame.groupby(f"{col.ABOUT}age", observed=True)[col.RESPONSE].nunique()
    assert by_age.to_dict() == {"11-12": 1, "8-10": 1}
    text = frame[frame[col.QUESTION] == "safer"]
    assert text[col.VALUE].tolist() == ["More lights"]
    assert text[col.SENTIMENT].notna().all()
    assert pd.api.types.is_datetime64_any_dtype(frame[col.DAY])
    assert [q.key for q in loaded.questions[survey.slug]][:2] == ["safe_school", "adults_listen"]


def test_only_the_period_asked_for_is_read(db, make_survey, make_responses):
    survey = make_survey()
    make_responses(survey, [{"safe_school": "4"}], date.today() - timedelta(days=40))
    make_responses(survey, [{"safe_school": "3"}], date.today())
    surveys = surveys_for(db.session, [survey.board_id])
    recent = load(db.session, surveys, date.today() - timedelta(days=7), date.today())
    assert recent.answers[col.VALUE].tolist() == ["3"]
    assert load(db.session, surveys, date(2000, 1, 1), date(2000, 2, 1)).answers.empty


def test_free_text_with_commas_quotes_and_newlines_survives_the_read(
    db, make_survey, make_responses
):
    survey = make_survey()
    awkward = 'She said "no", then\nwe left, 100% 😀 NA'
    make_responses(survey, [{"safe_school": "4", "safer": awkward}])
    loaded = load(db.session, surveys_for(db.session, [survey.board_id]), date(2000, 1, 1),
                  date.today())  # fmt: skip
    assert awkward in loaded.answers[col.VALUE].tolist()


def test_no_surveys_gives_an_empty_frame(db, make_board):
    board = make_board("quiet")
    loaded = load(db.session, surveys_for(db.session, [board.id]), date(2000, 1, 1), date.today())
    assert loaded.answers.empty and loaded.surveys.empty


def test_the_coded_join_equals_the_plain_merge(db, make_survey, make_responses):
    """app/results/tidy.py joins by integer codes; a pandas merge must give the same rows."""
    first, second = make_survey(), make_survey()
    make_responses(first, [{"safe_school": str(n % 5 + 1), "age": ["8-10", "11-12"][n % 2],
                            "places": ["home", "park"], "safer": f"Comment {n}"}
                           for n in range(15)])  # fmt: skip
    make_responses(second, [{"score": str(n), "know_who": "yes"} for n in range(11)])
    surveys = surveys_for(db.session, [first.board_id, second.board_id])
    loaded = load(db.session, surveys, date(2000, 1, 1), date.today())
    raw = read_answers(db.session.connection(), [s.id for s in surveys], date(2000, 1, 1),
                       date.today())  # fmt: skip
    meta = pd.DataFrame(
        [(s.slug, s.id, q.key, q.type, n) for s in surveys
         for n, q in enumerate(loaded.questions[s.slug])],
        columns=[col.SURVEY, "survey_id", col.QUESTION, col.TYPE, col.ORDER],
    )  # fmt: skip
    plain = raw.merge(meta, on=["survey_id", col.QUESTION])
    plain["age"] = plain.groupby("response")[col.VALUE].transform(
        lambda values: next((v for v in values if v in ("8-10", "11-12")), ""))  # fmt: skip
    columns = [col.SURVEY, col.QUESTION, col.TYPE, col.ORDER, col.VALUE]
    mine = loaded.answers.assign(age=loaded.answers[f"{col.ABOUT}age"].astype(str))
    key = [*columns, "age"]
    assert _rows(mine, key) == _rows(plain, key)


def _rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple[str, ...]]:
    return sorted(tuple(str(v) for v in row) for row in frame[columns].itertuples(index=False))
