"""Small numbers: the one rule every page, chart, download and JSON goes through.

As England's official children's statistics do it: a count of 1 to ``count`` people is
shown as "c"; when one cell of a row is hidden, the next smallest non-zero cell is hidden
too (secondary suppression), so the total minus the other cells cannot reveal it; a group
of fewer than ``group`` people is not broken down at all; a share of a hidden cell is hidden.
A board may raise the thresholds, never lower them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.pack import SUPPRESSED, Cell

MIN_COUNT = 5
MIN_GROUP = 10


@dataclass(frozen=True)
class Thresholds:
    """Counts up to ``count`` are hidden; groups under ``group`` are not broken down."""

    count: int = MIN_COUNT
    group: int = MIN_GROUP

    def __post_init__(self) -> None:
        if self.count < MIN_COUNT or self.group < MIN_GROUP:
            raise ValueError(
                f"thresholds can be raised, not lowered below {MIN_COUNT} and {MIN_GROUP}"
            )
        if self.group <= self.count:
            raise ValueError("the group threshold must be above the count threshold")

    def hides(self, count: int) -> bool:
        """True for a count that could pick someone out."""
        return 0 < count <= self.count

    def breaks_down(self, base: int) -> bool:
        """True when a group of this size may be split into parts."""
        return base >= self.group


def suppress(counts: Sequence[int], thresholds: Thresholds) -> list[int | None]:
    """The counts of one row (cells that sum to a shown total), hidden ones as None."""
    hidden = [thresholds.hides(c) for c in counts]
    if sum(hidden) == 1:
        candidates = [(c, i) for i, c in enumerate(counts) if c > 0 and not hidden[i]]
        if candidates:
            hidden[min(candidates)[1]] = True
    return [None if h else c for c, h in zip(counts, hidden, strict=True)]


def shown(count: int | None) -> Cell:
    """A suppressed count as printed: the number, or "c"."""
    return SUPPRESSED if count is None else count


def share(count: int | None, base: int) -> float | None:
    """Whole-percent share to one decimal place, None if hidden or the base is empty."""
    if count is None or base <= 0:
        return None
    return round(100 * count / base, 1)


def shown_total(total: int, thresholds: Thresholds) -> Cell:
    """A total on its own, as printed."""
    return SUPPRESSED if thresholds.hides(total) else total
