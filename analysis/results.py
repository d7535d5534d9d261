"""A survey's results, question by question: base, distribution, share positive, mean.

Every count goes through ``analysis.suppression``; "I'd rather not say" is counted apart
and left out of every base and share.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.frame import NUMBER, PRIVATE_VALUES, QUESTION, RESPONSE, TEXT_TYPES, VALUE
from analysis.pack import Bar, Cell, Chart
from analysis.questions import QuestionInfo
from analysis.stats import wilson
from analysis.suppression import Thresholds, share, shown, shown_total, suppress


@dataclass(frozen=True)
class Share:
    """A share positive with its Wilson 95% interval; counts kept for trend tests only."""

    percent: float
    low: float
    high: float
    positive: int
    base: int


@dataclass(frozen=True)
class Option:
    label: str
    count: Cell
    percent: float | None


@dataclass(frozen=True)
class QuestionResult:
    question: QuestionInfo
    base: Cell
    private: Cell
    options: tuple[Option, ...] = ()
    share: Share | None = None
    mean: float | None = None
    note: str = ""

    def chart(self) -> Chart:
        """The distribution as bars, with a sentence that says the same."""
        bars = tuple(Bar(o.label, o.percent, _percent(o)) for o in self.options)
        said = "; ".join(f"{b.label}: {b.shown}" for b in bars)
        return Chart(self.question.text, bars, f"{self.question.text} (n = {self.base}). {said}.")


def _percent(option: Option) -> str:
    return "c" if option.percent is None else f"{option.percent:g}%"


def respondents(frame: pd.DataFrame) -> int:
    return int(frame[RESPONSE].nunique())


def question_result(answers: pd.DataFrame, info: QuestionInfo, t: Thresholds) -> QuestionResult:
    """The result of one question from its answer rows."""
    private = answers.loc[answers[VALUE].isin(PRIVATE_VALUES), RESPONSE].nunique()
    given = answers[~answers[VALUE].isin(PRIVATE_VALUES)]
    base = respondents(given)
    n, apart = shown_total(base, t), shown_total(int(private), t)
    if base == 0:
        return QuestionResult(info, n, apart, note="Nobody answered this question.")
    if info.type in TEXT_TYPES:
        return QuestionResult(info, n, apart)  # comments are themed, never listed as options
    if not t.breaks_down(base):
        note = f"Fewer than {t.group} people answered, so the answers are not shown."
        return QuestionResult(info, n, apart, note=note)
    found = options(given, info, base, t)
    return QuestionResult(info, n, apart, found, positive_share(given, info, base, t),
                          mean(given, info))  # fmt: skip


def options(
    given: pd.DataFrame, info: QuestionInfo, base: int, t: Thresholds
) -> tuple[Option, ...]:
    """Each option's count and share of the base, in the questionnaire's order."""
    counted = given[VALUE].value_counts()
    values = [v for v, _ in info.options if v not in PRIVATE_VALUES] or sorted(counted.index)
    counts = suppress([int(counted.get(v, 0)) for v in values], t)
    return tuple(Option(info.label(v), shown(c), share(c, base))
                 for v, c in zip(values, counts, strict=True))  # fmt: skip


def positive_share(
    given: pd.DataFrame, info: QuestionInfo, base: int, t: Thresholds
) -> Share | None:
    """The share giving a positive answer, unless it or its complement could pick someone out."""
    if not info.positive:
        return None
    positive = int(given.loc[given[VALUE].isin(info.positive), RESPONSE].nunique())
    if t.hides(positive) or t.hides(base - positive):
        return None
    low, high = wilson(positive, base)
    return Share(round(100 * positive / base, 1), low, high, positive, base)


def mean(given: pd.DataFrame, info: QuestionInfo) -> float | None:
    if not info.has_mean or given[NUMBER].isna().all():
        return None
    return round(float(given[NUMBER].mean()), 2)


def survey_results(
    frame: pd.DataFrame, questions: Sequence[QuestionInfo], t: Thresholds
) -> list[QuestionResult]:
    """Every question's result, in the order given; text questions are counted, not charted."""
    slim = frame[[RESPONSE, QUESTION, VALUE, NUMBER]]  # each filter then copies 4 columns
    by_question = dict(iter(slim.groupby(QUESTION, observed=True, sort=False)))
    empty = slim.iloc[0:0]
    return [question_result(by_question.get(q.key, empty), q, t) for q in questions]
