"""Evidence statements a chair can paste into the annual report, each carrying n and period."""

from __future__ import annotations

from collections.abc import Sequence

from analysis.results import QuestionResult
from analysis.stats import Change

PER_QUESTIONNAIRE = 3


def statement(result: QuestionResult, people: str, period: str, change: Change | None) -> str:
    """E.g. '83% of 412 children and young people said "Agree" or ... (95% CI 79% to 86%)'."""
    share = result.share
    assert share is not None  # callers pass only results with a share
    trend = f", {change.words} the year before" if change else ""
    return (
        f"{share.percent:.0f}% of {share.base:,} {people} said {result.question.positive_words} "
        f'to "{result.question.text}" (95% CI {share.low:.0f}% to {share.high:.0f}%){trend}; '
        f"{period}."
    )


def headline(
    results: Sequence[QuestionResult],
    changes: dict[str, Change | None],
    people: str,
    period: str,
) -> list[str]:
    """Statements for the questions most people answered, up to PER_QUESTIONNAIRE."""
    shared = [r for r in results if r.share is not None and not r.question.about_you]
    biggest = sorted(shared, key=lambda r: -r.share.base if r.share else 0)[:PER_QUESTIONNAIRE]
    return [statement(r, people, period, changes.get(r.question.key)) for r in biggest]
