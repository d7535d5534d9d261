"""Completion and drop-off: how many who started sent their answers, and where others stopped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from analysis.pack import Table
from analysis.questions import QuestionInfo
from analysis.suppression import Thresholds, share, shown, shown_total, suppress


def completion_table(
    sent: int, stopped: Mapping[str, int], questions: Sequence[QuestionInfo], t: Thresholds
) -> Table:
    """Started, sent and the share sent; then where those who gave up stopped."""
    gave_up = sum(stopped.values())
    started = sent + gave_up
    counts = suppress([sent, gave_up], t)
    rows: list[tuple[str | int | float | None, ...]] = [
        ("Started", shown_total(started, t), None),
        ("Sent", shown(counts[0]), share(counts[0], started)),
        ("Stopped before the end", shown(counts[1]), share(counts[1], started)),
    ]
    order = [q.key for q in questions if stopped.get(q.key)]
    where = suppress([stopped[k] for k in order], t)
    text = {q.key: q.text for q in questions}
    rows += [(f"Stopped at: {text[k]}", shown(c), share(c, started))
             for k, c in zip(order, where, strict=True)]  # fmt: skip
    return Table("Completion and drop-off", ("", "People", "% of those who started"), tuple(rows))
