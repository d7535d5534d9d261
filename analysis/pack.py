"""The evidence pack as plain values: what every format (HTML, Word, Excel, CSV, JSON) shows.

Every figure in a pack is already suppressed: a cell that could pick someone out holds
``SUPPRESSED`` ("c"), so a format never needs to know the rule, only to print what it is
given. A ``Table`` is a real table (a header row and labelled rows); a ``Chart`` is the
same figures as bars, always printed beside its table, never instead of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

SUPPRESSED = "c"
SUPPRESSED_NOTE = (
    "c: fewer than {count} people, or hidden so that it cannot be worked out from the "
    "other figures. Groups of fewer than {group} people are not broken down."
)

Cell = str | int | float | None


@dataclass(frozen=True)
class Period:
    """Whole days from start to end inclusive, with the label people read."""

    start: date
    end: date
    label: str
    # True when asked-for dates were widened to whole months.
    widened: bool = False


@dataclass(frozen=True)
class Table:
    """A titled table: ``columns`` heads the rows; each row starts with its label."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bar:
    label: str
    # Percent from 0 to 100, or None when suppressed.
    percent: float | None
    shown: str


@dataclass(frozen=True)
class Chart:
    """Horizontal bars, with ``summary`` as the text alternative."""

    title: str
    bars: tuple[Bar, ...]
    summary: str


@dataclass(frozen=True)
class Quote:
    theme: str
    text: str


@dataclass(frozen=True)
class Section:
    """One part of the pack, e.g. children and young people (framework Section D)."""

    key: str
    title: str
    framework: str
    statements: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    quotes: tuple[Quote, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pack:
    """One board's (or region's) evidence for a period."""

    title: str
    board: str
    period: Period
    made_on: date
    count_threshold: int
    group_threshold: int
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def suppression_note(self) -> str:
        return SUPPRESSED_NOTE.format(count=self.count_threshold + 1, group=self.group_threshold)

    def tables(self) -> list[tuple[Section, Table]]:
        """Every table with the section it belongs to, in reading order."""
        return [(section, table) for section in self.sections for table in section.tables]
