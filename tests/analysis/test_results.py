"""A question's result, worked out by hand: base, distribution, share positive, mean."""

from analysis.breakdowns import breakdown
from analysis.completion import completion_table
from analysis.results import survey_results
from analysis.suppression import Thresholds
from analysis.trends import trend_table
from tests.analysis.frames import AGE, QUESTIONS, SAFE, SAFER, TOLD, many, tidy

T = Thresholds()


def sample() -> list[dict[str, str]]:
    # 40 answer safe_school: 10 x "5", 16 x "4", 8 x "3", 6 x "2"; 3 rather not say their age.
    return (many(10, safe_school="5", know_who="yes", age_band="8-10")
            + many(16, safe_school="4", know_who="yes", age_band="11-12")
            + many(8, safe_school="3", know_who="no", age_band="11-12")
            + many(3, safe_school="2", know_who="not_sure", age_band="prefer_not_to_say")
            + many(3, safe_school="2", know_who="no", age_band="8-10"))  # fmt: skip


def test_distribution_share_positive_and_mean_by_hand():
    result = {r.question.key: r for r in survey_results(tidy(sample()), QUESTIONS, T)}[
        "safe_school"
    ]
    assert result.base == 40
    assert [(o.label, o.count, o.percent) for o in result.options] == [
        ("Not safe at all", 0, 0.0), ("Not very safe", 6, 15.0), ("Okay", 8, 20.0),
        ("Quite safe", 16, 40.0), ("Very safe", 10, 25.0),
    ]  # fmt: skip
    share = result.share
    assert share is not None and (share.positive, share.base, share.percent) == (26, 40, 65.0)
    assert (share.low, share.high) == (49.5, 77.9)  # Wilson, 26 of 40
    assert result.mean == round((50 + 64 + 24 + 12) / 40, 2)


def test_rather_not_say_is_shown_apart_and_left_out_of_the_base():
    answers = many(12, age_band="8-10") + many(7, age_band="prefer_not_to_say")
    result = survey_results(tidy(answers), [AGE], T)[0]
    assert (result.base, result.private) == (12, 7)
    assert [o.label for o in result.options] == ["8 to 10", "11 or 12"]


def test_small_counts_are_c_with_a_second_cell_hidden_and_no_share():
    answers = many(3, know_who="no") + many(9, know_who="yes") + many(8, know_who="not_sure")
    result = survey_results(tidy(answers), [TOLD], T)[0]
    # Yes, No, Not sure: the 3 "no" is hidden, and the 8 "not sure" with it.
    assert [o.count for o in result.options] == [9, "c", "c"]
    assert [o.percent for o in result.options] == [45.0, None, None]
    # 9 "yes" of 20 shows; but "yes" from 1 to 5 (or all but 1 to 5) would not.
    assert result.share is not None and result.share.percent == 45.0
    lonely = survey_results(tidy(many(4, know_who="yes") + many(16, know_who="no")), [TOLD], T)[0]
    assert lonely.share is None


def test_a_question_answered_by_fewer_than_ten_shows_no_answers():
    result = survey_results(tidy(many(1, safe_school="5")), [SAFE], T)[0]
    assert result.base == "c" and result.options == () and "Fewer than 10" in result.note
    nobody = survey_results(tidy(many(12, know_who="yes")), [SAFE], T)[0]
    assert nobody.base == 0 and nobody.note == "Nobody answered this question."


def test_free_text_is_counted_never_listed_as_answers():
    result = survey_results(tidy(many(12, safer="More lights near the park")), [SAFER], T)[0]
    assert result.base == 12 and result.options == () and result.share is None


def test_breakdown_hides_a_second_group_with_a_lone_small_one():
    # Groups: 11-12 has 24, 8-10 has 13, rather-not-say 3. The 3 is hidden, so 8-10 is hidden
    # with it (else the total minus 11-12 minus 8-10 gives it away), leaving one group: none.
    assert breakdown(tidy(sample()), AGE, QUESTIONS, T) is None
    more = sample() + many(11, safe_school="4", know_who="yes", age_band="prefer_not_to_say")
    table = breakdown(tidy(more), AGE, QUESTIONS, T)
    assert table is not None
    assert [row[:2] for row in table.rows] == [("11 or 12", 24), ("I'd rather not say", 14),
                                               ("8 to 10", 13)]  # fmt: skip


def test_breakdown_by_hand():
    young, older = {"age_band": "8-10"}, {"age_band": "11-12"}
    answers = many(12, safe_school="5", **young) + many(8, safe_school="2", **young)
    answers += many(10, safe_school="4", **older) + many(15, safe_school="1", **older)
    table = breakdown(tidy(answers), AGE, [SAFE], T)
    assert table is not None
    assert table.rows == (("11 or 12", 25, 40), ("8 to 10", 20, 60))


def test_breakdown_of_groups_too_small_is_none():
    answers = many(12, safe_school="5", age_band="8-10") + many(
        4, safe_school="2", age_band="11-12"
    )
    assert breakdown(tidy(answers), AGE, [SAFE], T) is None


def test_completion_and_where_people_stopped():
    table = completion_table(90, {"safe_school": 3, "know_who": 7}, QUESTIONS, T)
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["Started"] == (100, None)
    assert rows["Sent"] == (90, 90.0)
    assert rows["Stopped before the end"] == (10, 10.0)
    assert rows[f"Stopped at: {SAFE.text}"] == ("c", None)
    assert rows[f"Stopped at: {TOLD.text}"] == ("c", None)  # the lone hidden cell's cover


def test_trend_says_no_real_change_within_noise_and_compares_shared_questions_only():
    now = survey_results(tidy(many(30, safe_school="5") + many(20, safe_school="2")), QUESTIONS, T)
    was = survey_results(tidy(many(28, safe_school="5") + many(22, safe_school="2")), [SAFE], T)
    table = trend_table("Trend", now, was, ("2025", "2026"))
    assert table is not None
    assert [row[0] for row in table.rows] == [SAFE.text]
    assert table.rows[0][1:] == (56.0, 60.0, "+4.0 points", "No real change")
