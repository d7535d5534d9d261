"""A course's tables from literal answers: linked chains, change per outcome, suppression."""

import pandas as pd
import pytest

from analysis.pack import SUPPRESSED
from analysis.questions import QuestionInfo
from analysis.suppression import Thresholds
from analysis.training import feedback, tables
from analysis.training.change import paired_change
from analysis.training.linking import Step, codes_frame, link

T = Thresholds()
OUTCOMES = ["Spot neglect"]
AGREE = tuple((str(n), label) for n, label in enumerate(
    ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"], 1))  # fmt: skip
RELEVANT = QuestionInfo("relevant_to_role", "agree", "The course was relevant to my work.", AGREE)
RATING = QuestionInfo("overall_rating", "rating", "Overall, how would you rate the course?")
BEFORE = [2, 3, 3, 4, 2, 3, 5, 4, 3, 2, 4, 3]
END = [6, 7, 5, 6, 4, 6, 6, 8, 7, 5, 6, 6]


def code(person: int) -> tuple[str, ...]:
    """A code sharing no part with anyone else's."""
    return tuple(f"{part}{person}" for part in "abcd")


def course(befores: list[float], ends: list[float], session: int = 1, start: int = 0,
           extra_end: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """Codes and answers: person i answers before and at the end; ``extra_end`` only at the end."""
    codes, answers = [], []
    for i, (b, e) in enumerate(zip(befores, ends, strict=True), start):
        for phase, value in (("before", b), ("end", e)):
            rid = f"{phase}-{session}-{i}"
            codes.append((rid, session, phase, code(i)))
            answers.append((rid, session, phase, "confidence.1", str(value), float(value)))
    for j in range(extra_end):
        rid = f"end-{session}-x{j}"
        codes.append((rid, session, "end", code(1000 + start + j)))
        answers.append((rid, session, "end", "confidence.1", "9", 9.0))
    return codes_frame(codes), pd.DataFrame(answers, columns=tables.ANSWER_COLUMNS)


def test_chains_link_each_attendee_and_count_each_step():
    codes, _ = course(BEFORE, END, extra_end=2)
    linking = link(codes)
    assert len(linking.pairs("before", "end")) == 12
    assert linking.steps[("before", "end")] == Step(later=14, linked=12, ambiguous=0)
    assert set(linking.pairs("before", "end")["before"]) == {f"before-1-{i}" for i in range(12)}


def test_a_mistaken_part_at_the_end_still_links_and_sessions_never_mix():
    codes, _ = course([1], [2])
    codes.loc[codes["phase"] == "end", "parts"] = [("a0", "b0", "c0", "WRONG")]
    other, _ = course([1], [2], session=2)  # the same code in another session
    linking = link(pd.concat([codes, other], ignore_index=True))
    pairs = linking.pairs("before", "end")
    linked = sorted(zip(pairs["before"], pairs["end"], strict=True))
    assert linked == [("before-1-0", "end-1-0"), ("before-2-0", "end-2-0")]


def test_the_change_table_holds_the_paired_change_of_matched_attendees():
    codes, answers = course(BEFORE, END, extra_end=3)
    table = tables.change_table(answers, link(codes), OUTCOMES, "confidence", T)
    first = table.rows[0]
    expected = paired_change(BEFORE, END)
    assert first[:4] == ("Spot neglect", "Before", "At the end", 12)
    assert first[4:9] == (3.2, 6.0, round(expected.mean_change, 2), 100.0,
                          round(expected.effect, 2))  # fmt: skip
    assert first[9] == round(expected.low, 2) and first[10] == round(expected.high, 2)
    # No one answered the follow-up: nothing to show, and nothing hidden either.
    assert table.rows[1][3:] == (0, *([None] * 7))


def test_a_change_needs_a_group_large_enough_to_break_down():
    codes, answers = course(BEFORE[:9], END[:9])
    row = tables.change_table(answers, link(codes), OUTCOMES, "confidence", T).rows[0]
    assert row[3:] == (9, *([SUPPRESSED] * 7))
    codes, answers = course(BEFORE[:5], END[:5])
    row = tables.change_table(answers, link(codes), OUTCOMES, "confidence", T).rows[0]
    assert row[3:] == (SUPPRESSED,) * 8


def test_the_match_table_shows_the_rate_once_the_answers_may_be_counted():
    codes, _ = course(BEFORE, END, extra_end=4)
    row = tables.match_table(link(codes), T).rows[0]
    assert row == ("Before to at the end", 16, 12, 4, 0, 75.0)
    codes, _ = course(BEFORE[:3], END[:3], extra_end=1)
    row = tables.match_table(link(codes), T).rows[0]
    assert row == ("Before to at the end", SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED, None)


def test_unlinked_answers_are_kept_apart_with_their_mean():
    codes, answers = course(BEFORE, END, extra_end=10)
    rows = tables.unlinked_table(answers, link(codes), OUTCOMES, T).rows
    assert rows[0] == ("Before", 12, 12, 0, None)
    assert rows[1] == ("At the end", 22, 12, 10, 9.0)
    assert rows[2] == ("Follow-up", 0, 0, 0, None)
    codes, answers = course(BEFORE, END, extra_end=6)
    assert tables.unlinked_table(answers, link(codes), OUTCOMES, T).rows[1][3:] == (6, SUPPRESSED)


def test_every_answer_per_outcome_and_phase():
    _, answers = course(BEFORE, END)
    row = tables.confidence_table(answers, OUTCOMES, "confidence", T).rows[0]
    assert row == ("Spot neglect", 12, 3.2, 12, 6.0, 0, None)
    before = answers[answers["phase"] == "before"].head(6)
    few = tables.confidence_table(before, OUTCOMES, "confidence", T).rows[0]
    assert few == ("Spot neglect", 6, SUPPRESSED, 0, None, 0, None)


def _end_answers(values: list[str], key: str, numbers: bool = True) -> pd.DataFrame:
    return pd.DataFrame(
        [(f"e{i}", 1, "end", key, v, float(v) if numbers else float("nan"))
         for i, v in enumerate(values)], columns=tables.ANSWER_COLUMNS)  # fmt: skip


def test_reaction_shows_the_share_positive_and_the_mean():
    values = ["5", "4", "4", "3", "2", "5", "4", "4", "1", "4"]
    answers = _end_answers(values * 2, RELEVANT.key)
    table = feedback.reaction_table(answers, [RELEVANT, RATING], T)
    assert table.rows == ((RELEVANT.text, 20, 14, 70.0, 3.6),
                          (RATING.text, 0, None, None, None))  # fmt: skip
    assert 'positive means "Agree" or "Strongly agree"' in table.notes[0]
    # 7 of 10: the 3 others would be hidden, so the 7 is too (it would give them away).
    few = feedback.reaction_table(_end_answers(values, RELEVANT.key), [RELEVANT], T).rows[0]
    assert few == (RELEVANT.text, 10, SUPPRESSED, None, 3.6)
    tiny = feedback.reaction_table(_end_answers(values[:9], RELEVANT.key), [RELEVANT], T)
    assert tiny.rows[0] == (RELEVANT.text, 9, SUPPRESSED, SUPPRESSED, SUPPRESSED)


def test_barriers_are_counted_per_option_and_small_ones_hidden():
    question = QuestionInfo("barriers", "multi", "Has anything made it hard?",
                            (("time", "Not enough time"), ("systems", "Systems")))  # fmt: skip
    rows = [(f"f{i}", 1, "follow_up", "barriers", "time", float("nan")) for i in range(12)]
    rows += [("f0", 1, "follow_up", "barriers", "systems", float("nan"))]
    table = feedback.barriers_table(pd.DataFrame(rows, columns=tables.ANSWER_COLUMNS),
                                    question, T)  # fmt: skip
    assert table.rows == (("Not enough time", 12, 100.0), ("Systems", SUPPRESSED, None))


def test_themes_need_enough_comments():
    question = QuestionInfo("practice_example", "long_text", "An example?")
    codebook = {"Referrals": ("referral", "referred"), "Listening": ("listened",)}
    texts = ["I made a referral"] * 7 + ["I listened to the child"] * 6
    rows = [(f"f{i}", 1, "follow_up", question.key, t, float("nan")) for i, t in enumerate(texts)]
    answers = pd.DataFrame(rows, columns=tables.ANSWER_COLUMNS)
    table = feedback.themes_table(answers, question, codebook, T)
    assert table is not None and table.rows == (("Referrals", 7, 53.8), ("Listening", 6, 46.2))
    assert feedback.themes_table(answers.head(9), question, codebook, T) is None


def test_comparison_hides_a_session_too_small_to_break_down():
    codes1, answers1 = course(BEFORE, END, session=1)
    codes2, answers2 = course(BEFORE[:6], END[:6], session=2, start=100)
    codes = pd.concat([codes1, codes2], ignore_index=True)
    answers = pd.concat([answers1, answers2], ignore_index=True)
    groups = {1: "1 May, Jo", 2: "8 May, Sam"}
    table = feedback.comparison_table(answers, link(codes), groups, OUTCOMES, [RELEVANT],
                                      "session", T)  # fmt: skip
    big, small = table.rows
    change = sum(e - b for b, e in zip(BEFORE, END, strict=True)) / 12
    assert big == ("1 May, Jo", 12, None, None, 12, round(change, 2))
    assert small == ("8 May, Sam", 6, *([SUPPRESSED] * 4))
    assert table.columns[0] == "Session"


@pytest.mark.parametrize("measure", ["confidence", "knowledge"])
def test_outcome_keys_follow_the_questionnaire(measure):
    assert tables.outcome_key(measure, 2) == f"{measure}.2"
