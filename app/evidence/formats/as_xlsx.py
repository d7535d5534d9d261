"""The pack as an Excel workbook: contents, one sheet per table, and the long form as data.

Every text cell goes through the formula rule, so nothing a respondent or an editor typed
runs as a formula; numbers are stored as numbers and "c" as text. There are no hidden
sheets or pivot tables: what is in the file is what is shown.
"""

import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from analysis.pack import Cell, Pack, Table
from app.evidence.formats.cells import (
    LONG_COLUMNS,
    facts,
    long_form,
    neutralised,
    printed,
    xml_safe,
)

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
SHEET_NAME_LENGTH = 31
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
# Ours, plus "History", which Excel keeps for itself.
TAKEN_NAMES = frozenset({"contents", "data", "history"})
CONTENTS_WIDTHS = {"A": 32, "B": 60, "C": 60}
MIN_WIDTH, MAX_WIDTH = 8, 60


def as_xlsx(pack: Pack) -> bytes:
    """An .xlsx file: a Contents sheet, a sheet per table in reading order, then Data."""
    pack = xml_safe(pack)
    workbook = Workbook()
    names = sheet_names([table.title for _, table in pack.tables()])
    _write_contents(workbook.active, pack, names)
    for (_, table), name in zip(pack.tables(), names, strict=True):
        _write_table(workbook.create_sheet(name), table, pack.suppression_note)
    _write_data(workbook.create_sheet("Data"), pack)
    workbook.properties.creator = pack.board
    workbook.properties.title = pack.title
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def sheet_names(titles: Iterable[str]) -> list[str]:
    """Names Excel accepts, unique without regard to case, and never Contents or Data."""
    taken = set(TAKEN_NAMES)
    names = []
    for title in titles:
        name = _unique(_clean(title), taken)
        taken.add(name.lower())
        names.append(name)
    return names


def _clean(title: str) -> str:
    name = " ".join(NOT_IN_SHEET_NAMES.sub(" ", title).split())
    # Excel refuses a name that starts or ends with an apostrophe.
    return name[:SHEET_NAME_LENGTH].strip(" '") or "Table"


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 1
    while candidate.lower() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = name[: SHEET_NAME_LENGTH - len(suffix)].rstrip(" '") + suffix
    return candidate


def _append(sheet: Any, cells: Sequence[Cell], font: Font | None = None) -> None:
    sheet.append([neutralised(cell) for cell in cells])
    if font is not None:
        for cell in sheet[sheet.max_row][: len(cells)]:
            cell.font = font


def _write_contents(sheet: Any, pack: Pack, names: list[str]) -> None:
    sheet.title = "Contents"
    _append(sheet, [pack.title], TITLE)
    notes = [("Note", note) for note in pack.notes]
    for label, value in [*facts(pack), ("Suppression", pack.suppression_note), *notes]:
        _append(sheet, [label, value])
        sheet.cell(sheet.max_row, 1).font = BOLD
        sheet.cell(sheet.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.append([])
    _append(sheet, ["Sheet", "Section", "Table"], BOLD)
    for name, (section, table) in zip(names, pack.tables(), strict=True):
        _append(sheet, [name, section.title, table.title])
        _link(sheet.cell(sheet.max_row, 1), name)
    for column, width in CONTENTS_WIDTHS.items():
        sheet.column_dimensions[column].width = width


def _link(cell: Any, sheet_name: str) -> None:
    quoted = sheet_name.replace("'", "''")
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{quoted}'!A1")
    cell.style = "Hyperlink"


def _write_table(sheet: Any, table: Table, suppression_note: str) -> None:
    _append(sheet, [table.title], TITLE)
    _append(sheet, table.columns, BOLD)
    for row in table.rows:
        _append(sheet, row)
    sheet.append([])
    for note in (*table.notes, suppression_note):
        _append(sheet, [note])
    sheet.freeze_panes = "B3"
    _fit(sheet, [table.columns, *table.rows])


def _write_data(sheet: Any, pack: Pack) -> None:
    rows = long_form(pack)
    _append(sheet, LONG_COLUMNS, BOLD)
    for row in rows:
        _append(sheet, row)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _fit(sheet, [LONG_COLUMNS, *rows])


def _fit(sheet: Any, rows: Sequence[Sequence[Cell]]) -> None:
    """Each column as wide as its longest cell, within limits (titles and notes not counted)."""
    for index, column in enumerate(zip(*rows, strict=True), start=1):
        longest = max(len(printed(cell)) for cell in column)
        width = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
