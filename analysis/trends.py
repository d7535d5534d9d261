"""The same questions asked again: the change in share positive, and whether it is real.

Runs are compared only on the question keys they share (a questionnaire's key keeps its
meaning across versions), and only where both shares could be shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.pack import Cell, Table
from analysis.questions import QuestionInfo
from analysis.results import QuestionResult, Share
from analysis.stats import Change, change


def compare(now: Share | None, before: Share | None) -> Change | None:
    if now is None or before is None:
        return None
    return change(now.positive, now.base, before.positive, before.base)


def shared_changes(
    now: Sequence[QuestionResult], before: Sequence[QuestionResult]
) -> list[tuple[QuestionInfo, Change | None]]:
    """Each question of ``now`` that ``before`` asked too, with its change (None if hidden)."""
    earlier = {r.question.key: r for r in before}
    return [(r.question, compare(r.share, earlier[r.question.key].share))
            for r in now if r.question.key in earlier and r.question.positive]  # fmt: skip


def trend_table(
    title: str,
    now: Sequence[QuestionResult],
    before: Sequence[QuestionResult],
    labels: tuple[str, str],
) -> Table | None:
    """Before, now, the change in points and a plain verdict, per shared question."""
    changes = shared_changes(now, before)
    if not changes:
        return None
    rows = tuple(_row(q, c) for q, c in changes)
    columns = ("Question", f"% positive, {labels[0]}", f"% positive, {labels[1]}", "Change",
               "More than noise?")  # fmt: skip
    notes = ("A change is called real when a two-proportion test gives p < 0.05.",)
    return Table(title, columns, rows, notes)


def _row(question: QuestionInfo, found: Change | None) -> tuple[Cell, ...]:
    if found is None:
        return (question.text, "c", "c", "c", "Cannot say: too few answers")
    verdict = f"Yes (p = {found.p_value:.3f})" if found.real else "No real change"
    return (question.text, found.before, found.now, f"{found.points:+.1f} points", verdict)
