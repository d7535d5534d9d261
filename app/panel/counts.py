"""The panel's make-up as counts anyone on the board may see: suppressed, never names.

The same small-number rule as every result (``analysis.suppression``): 1 to 5 members in a
cell is shown as "c", with the next smallest cell of the row hidden too, and a panel
smaller than the group threshold is not broken down at all.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from analysis.pack import SUPPRESSED, Cell
from analysis.suppression import Thresholds, shown, shown_total, suppress
from app.models import AGENCIES, LEVELS


@dataclass(frozen=True)
class PanelCounts:
    members: Cell
    agency: dict[str, Cell]
    level: dict[str, Cell]

    def as_json(self, board_slug: str) -> dict[str, Any]:
        return {"board": board_slug, "members": self.members, "agency": self.agency,
                "level": self.level}  # fmt: skip


def _row(
    counts: Mapping[str, int], codes: list[str], total: int, rule: Thresholds
) -> dict[str, Cell]:
    if total and not rule.breaks_down(total):
        return dict.fromkeys(codes, SUPPRESSED)
    cells = suppress([counts.get(code, 0) for code in codes], rule)
    return {code: shown(cell) for code, cell in zip(codes, cells, strict=True)}


def panel_counts(
    by_agency: Mapping[str, int], by_level: Mapping[str, int], rule: Thresholds
) -> PanelCounts:
    """Confirmed members in total, by agency and by level, as they may be shown."""
    total = sum(by_agency.values())
    return PanelCounts(
        shown_total(total, rule),
        _row(by_agency, list(AGENCIES), total, rule),
        _row(by_level, list(LEVELS), total, rule),
    )
