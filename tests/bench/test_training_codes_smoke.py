"""A tiny personal-code benchmark: every figure printed, and the counting checked by hand."""

import random

import pytest

from analysis.training.matching import Record, match
from bench import training_codes
from bench.training_cohort import REALISTIC, build, slip

FIGURES = (
    "300 attendees in",
    "codes shared by chance in a session",
    "before -> end",
    "end -> follow-up",
    "published: 75-95% of pairs at 1-4 months",
    "end -> follow-up, exact only",
    "end -> follow-up, no sessions",
    "three phases linked",
    "matching every session, three phases",
    "one match over a whole cohort",
)


def test_it_prints_every_figure_and_meets_its_targets(capsys) -> None:
    argv = ["--attendees", "300", "--timing-attendees", "400", "--runs", "1"]
    assert training_codes.main(argv) == 0
    printed = capsys.readouterr().out
    for figure in FIGURES:
        assert figure in printed
    assert printed.count("[target < 1 s: met]") == 2


def test_links_are_counted_against_who_really_answered() -> None:
    owner = {"b1": 1, "b2": 2, "b3": 3, "e1": 1, "e2": 3, "e3": 4, "e4": 2}
    earlier = [Record("b1", ("A", "B")), Record("b2", ("C", "D")), Record("b3", ("E", "F"))]
    later = [Record("e1", ("A", "B")), Record("e2", ("C", "X")), Record("e3", ("Y", "Z")),
             Record("e4", ("Q", "R"))]  # fmt: skip
    found = match(earlier, later)  # b1-e1 right, b2-e2 wrong (e2 is person 3's)
    score = training_codes.score(found, earlier, later, owner)
    assert (score.possible, score.correct, score.wrong, score.missed) == (3, 1, 1, 2)
    assert score.rate == pytest.approx(100 / 3) and score.later == 4


def test_the_cohort_is_the_same_for_a_seed_and_slips_at_the_rates_asked() -> None:
    cohort = build(3000, seed=5)
    assert cohort == build(3000, seed=5) and cohort.people == 3000
    follow = [a for a in cohort.answers if a.phase == "follow_up"]
    one = sum(a.slips == 1 for a in follow) / len(follow)
    assert abs(one - REALISTIC.one_slip["follow_up"]) < 0.03
    assert all(a.slips == 0 for a in cohort.answers if a.phase == "before")


@pytest.mark.parametrize(("key", "value"), [("siblings", "0"), ("siblings", "9"),
                                            ("birthday", "31"), ("mother", "J")])  # fmt: skip
def test_a_slip_always_changes_the_answer(key, value) -> None:
    rng = random.Random(1)
    assert all(slip(rng, key, value) != value for _ in range(50))
