""" "You said, we did" in the pack: the days from closing to the first action, worked out by
hand, and the actions written as text by every format."""

import json
from dataclasses import replace
from datetime import date

import pytest

from analysis.evidence.actions import ActionLine, Closing, action_tables, closing_statement
from analysis.pack import Section
from app.evidence.formats import FORMATS, render
from tests.evidence.samples import HYPERLINK, PACK, SCRIPT
from tests.results.tables import csv_tables, docx_tables, html_tables, xlsx_tables

CLOSINGS = (
    Closing("Feeling safe", date(2026, 5, 31), date(2026, 6, 14)),  # 14 days
    Closing("Family experience", date(2026, 6, 30), date(2026, 6, 20)),  # acted before: 0
    Closing("Frontline", date(2026, 7, 31), date(2026, 9, 1)),  # 32 days
    Closing("Training", date(2026, 8, 31)),  # none yet
)
ACTIONS = (
    ActionLine(f"Transport {SCRIPT}", HYPERLINK, f"Patrols {SCRIPT}", "Done", date(2026, 6, 14)),
    ActionLine("Parks", "+1 for lights", "@SUM(A1) lights", "Planned", date(2026, 9, 1)),
)


def test_days_from_closing_are_whole_days_never_below_zero() -> None:
    assert [c.days for c in CLOSINGS] == [14, 0, 32, None]


def test_the_statement_gives_the_median_of_those_acted_on() -> None:
    assert closing_statement(CLOSINGS) == (
        "Of 4 survey(s) that closed, 3 led to an action people were told about, "
        "a median of 14 day(s) after closing.",
    )
    assert closing_statement(CLOSINGS[3:]) == ()


def test_the_tables_list_each_closing_and_each_action() -> None:
    closing, listed = action_tables(CLOSINGS, ACTIONS)
    assert closing.rows[1] == ("Family experience", "30 June 2026", "20 June 2026", 0)
    assert closing.rows[3] == ("Training", "31 August 2026", "None yet", None)
    assert listed.columns == ("About", "You said", "We did", "Status", "Date")
    assert listed.rows[1] == (
        "Parks",
        "+1 for lights",
        "@SUM(A1) lights",
        "Planned",
        "1 September 2026",
    )
    assert action_tables((), ()) == ()
    assert [t.title for t in action_tables((), ACTIONS)] == ["You said, we did"]


WITH_ACTIONS = replace(
    PACK,
    sections=(
        *PACK.sections,
        Section(
            "reach",
            "How far the board's surveys reached",
            "Section B",
            closing_statement(CLOSINGS),
            action_tables(CLOSINGS, ACTIONS),
        ),
    ),
)
READERS = {
    "html": lambda data: html_tables(data.decode()),
    "docx": docx_tables,
    "xlsx": xlsx_tables,
    "csv": csv_tables,
}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_lists_the_actions_as_text(fmt: str) -> None:
    data = render(WITH_ACTIONS, fmt)
    if fmt == "json":
        tables = {t["title"]: t for s in json.loads(data)["sections"] for t in s["tables"]}
        assert tables["You said, we did"]["rows"][0] == [
            f"Transport {SCRIPT}",
            HYPERLINK,
            f"Patrols {SCRIPT}",
            "Done",
            "14 June 2026",
        ]
        return
    cells = [str(cell) for table in READERS[fmt](data) for row in table for cell in row]
    assert any(f"Patrols {SCRIPT}" in cell for cell in cells)
    if fmt in ("csv", "xlsx"):  # no formula survives into a spreadsheet
        assert f"'{HYPERLINK}" in cells and "'@SUM(A1) lights" in cells
        assert HYPERLINK not in cells
    if fmt == "html":
        assert SCRIPT not in data.decode()
