"""Results by group ("about you" answers): shares positive per group, never of a small group.

A group under the group threshold is not shown; if that would leave exactly one group
hidden, the smallest shown group is hidden with it, so the whole minus the groups shown
cannot reveal the hidden one.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.frame import PRIVATE_VALUES, QUESTION, RESPONSE, VALUE, about_columns
from analysis.pack import SUPPRESSED, Cell, Table
from analysis.questions import QuestionInfo
from analysis.suppression import Thresholds

NOT_GIVEN = "Not given"


def group_sizes(frame: pd.DataFrame, about: str) -> pd.Series:
    """Respondents per group of one "about you" column, "" (not answered) included."""
    return frame.drop_duplicates(RESPONSE)[about].astype(str).value_counts()


def shown_groups(sizes: pd.Series, t: Thresholds) -> list[str]:
    """The groups that may be shown, smallest last; empty when fewer than two remain."""
    big = sizes[sizes >= t.group].sort_values(ascending=False)
    hidden = int((sizes < t.group).sum())
    if hidden == 1 and len(big):
        big = big.iloc[:-1]
    return [str(g) for g in big.index] if len(big) >= 2 else []


def flagged(frame: pd.DataFrame, scales: Sequence[QuestionInfo]) -> pd.DataFrame:
    """Scale answers (not "rather not say") with every "about you" column, and whether each
    is positive: worked out once, then grouped by each "about you" column in turn."""
    keep = frame[QUESTION].isin([q.key for q in scales]) & ~frame[VALUE].isin(PRIVATE_VALUES)
    rows = frame.loc[keep, [QUESTION, VALUE, *about_columns(frame.columns)]]
    pairs = [f"{q.key}\x1f{v}" for q in scales for v in q.positive]
    asked = rows[QUESTION].astype(str) + "\x1f" + rows[VALUE].astype(str)
    return rows.assign(positive=asked.isin(pairs).to_numpy())


def shares(rows: pd.DataFrame, column: str, t: Thresholds) -> dict[tuple[str, str], Cell]:
    """(group, question) -> whole-percent share positive, or "c" where it could pick out."""
    counted = rows.groupby([column, QUESTION], observed=True)["positive"].agg(["size", "sum"])
    return {(str(g), str(q)): _share(int(n), int(k), t)
            for (g, q), (n, k) in zip(counted.index, counted.to_numpy(), strict=True)}  # fmt: skip


def _share(base: int, positive: int, t: Thresholds) -> Cell:
    if t.hides(positive) or t.hides(base - positive) or not t.breaks_down(base):
        return SUPPRESSED
    return round(100 * positive / base)


def breakdown(
    frame: pd.DataFrame,
    about: QuestionInfo,
    questions: Sequence[QuestionInfo],
    t: Thresholds,
    rows: pd.DataFrame | None = None,
) -> Table | None:
    """Share positive per group for each scale question; None when it cannot be broken down.

    ``rows`` is ``flagged(frame, ...)`` when several columns are broken down in turn.
    """
    column = f"about:{about.key}"
    scales = [q for q in questions if q.positive and not q.about_you]
    if column not in frame.columns or not scales:
        return None
    sizes = group_sizes(frame, column)
    groups = shown_groups(sizes, t)
    if not groups:
        return None
    found = shares(flagged(frame, scales) if rows is None else rows, column, t)
    rows = tuple((_name(about, g), int(sizes[g]), *(found.get((g, q.key)) for q in scales))
                 for g in groups)  # fmt: skip
    hidden = len(sizes) - len(groups)
    notes = (f"{hidden} smaller group(s) not shown.",) if hidden else ()
    columns = ("Group", "People", *(f"{q.text} (% {q.positive_words})" for q in scales))
    title = "By age" if about.type == "age_band" else f'By the answer to "{about.text}"'
    return Table(title, columns, rows, notes)


def _name(about: QuestionInfo, group: str) -> str:
    return NOT_GIVEN if group == "" else about.label(group)
