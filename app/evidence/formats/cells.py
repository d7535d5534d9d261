"""What every format shares: cells as people read them, spreadsheet-safe text, the long form."""

import re
from dataclasses import fields, is_dataclass, replace
from datetime import date
from typing import Any, TypeVar, cast

from analysis.pack import SUPPRESSED, Cell, Chart, Pack, Period, Section, Table
from app.links.printing import formula_safe

LONG_COLUMNS = ("section", "table", "row", "column", "value")
# Control characters XML 1.0 cannot hold, so neither can .xlsx nor .docx.
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

T = TypeVar("T")


def neutralised(cell: Cell) -> Cell:
    """Text a spreadsheet would run as a formula gets a leading "'"; numbers stay numbers."""
    return formula_safe(cell) if isinstance(cell, str) else cell


def printed(cell: Cell) -> str:
    """A cell as people read it: thousands separated, nothing for no value."""
    if cell is None:
        return ""
    return cell if isinstance(cell, str) else f"{cell:,}"


def is_figure(cell: Cell) -> bool:
    """A number, or one hidden as "c": right-aligned wherever it is printed."""
    return cell == SUPPRESSED or isinstance(cell, int | float)


def long_form(pack: Pack) -> list[tuple[Cell, ...]]:
    """One row per figure of every table: section, table, row label, column, value."""
    return [
        (section.title, table.title, row[0], column, value)
        for section, table in pack.tables()
        for row in table.rows
        for column, value in zip(table.columns[1:], row[1:], strict=True)
    ]


def heading(section: Section) -> str:
    """The title with its framework part, e.g. "Children and young people (framework Section D)"."""
    return (
        f"{section.title} (framework {section.framework})" if section.framework else section.title
    )


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def period_text(period: Period) -> str:
    """The period's label with its first and last days, and whether they were widened."""
    text = f"{period.label} ({long_date(period.start)} to {long_date(period.end)})"
    return f"{text}, widened to whole months" if period.widened else text


def facts(pack: Pack) -> list[tuple[str, str]]:
    """What the pack is about, as label and value, for the top of a document."""
    return [
        ("Board", pack.board),
        ("Period", period_text(pack.period)),
        ("Made on", long_date(pack.made_on)),
    ]


def charts_beside(section: Section, table: Table) -> list[Chart]:
    """The charts of the same figures as the table: those with the table's title."""
    return [chart for chart in section.charts if chart.title == table.title]


def charts_alone(section: Section) -> list[Chart]:
    """Charts with no table of the same title in their section."""
    titles = {table.title for table in section.tables}
    return [chart for chart in section.charts if chart.title not in titles]


def xml_safe(value: T) -> T:
    """The same value with every control character XML cannot hold taken out of its text."""
    if isinstance(value, str):
        return cast(T, NOT_XML.sub("", value))
    if isinstance(value, tuple):
        return cast(T, tuple(xml_safe(item) for item in value))
    if is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {f.name: xml_safe(getattr(value, f.name)) for f in fields(value)}
        return cast(T, replace(value, **changes))
    return value
