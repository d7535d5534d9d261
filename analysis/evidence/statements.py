"""Evidence statements a chair can paste into the annual report, each carrying n and period."""

from __future__ import annotations

from collections.abc import Sequence

from analysis.results import QuestionResult
from analysis.stats import Change

PER_QUESTIONNAIRE = 3


def statement(
    result: QuestionResult, people: str, source: str, period: str, change: Change | None
) -> str:
    """E.g. 'In 2026 to 2027, 83% of 412 children and young people answering "Feeling safe"
    said "Quite safe" or "Very safe" to "How safe do you feel at school?" (95% CI 79% to 86%),
    up from 77% the year before.'"""
    share = result.share
    assert share is not None  # callers pass only results with a share
    trend = f", {change.words} the year before" if change else ""
    return (
        f"In {period}, {share.percent:.0f}% of {share.base:,} {people} answering "
        f'"{source}" said {result.question.positive_words} to "{result.question.text}" '
        f"(95% CI {share.low:.0f}% to {share.high:.0f}%){trend}."
    )


def headline(
    results: Sequence[QuestionResult],
    changes: dict[str, Change | None],
    people: str,
    source: str,
    period: str,
) -> list[str]:
    """Statements for the questions most people answered, up to PER_QUESTIONNAIRE."""
    shared = [r for r in results if r.share is not None and not r.question.about_you]
    biggest = sorted(shared, key=lambda r: -r.share.base if r.share else 0)[:PER_QUESTIONNAIRE]
    return [statement(r, people, source, period, changes.get(r.question.key)) for r in biggest]
