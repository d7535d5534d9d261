"""Reading tables back out of every format, to check that no count from 1 to 5 escaped."""

import csv
import io
import json
from html.parser import HTMLParser
from typing import Any

import docx
import openpyxl

# Columns that count people: none of their cells may be a number from 1 to 5.
COUNT_COLUMNS = frozenset(
    {"People", "People answering", "Responses", "Comments", "Group size"}
)  # fmt: skip

Grid = list[list[str]]


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Grid] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_tables(html: str) -> list[Grid]:
    parser = _Tables()
    parser.feed(html)
    return [t for t in parser.tables if t]


def docx_tables(data: bytes) -> list[Grid]:
    document = docx.Document(io.BytesIO(data))
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def xlsx_tables(data: bytes) -> list[Grid]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheets = [s for s in book.worksheets if s.title not in ("Contents", "Data")]
    return [
        [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)] for sheet in sheets
    ]


def _text(value: object) -> str:
    return "" if value is None else str(value)


def json_tables(data: bytes) -> list[Grid]:
    pack: dict[str, Any] = json.loads(data)
    return [[list(t["columns"]), *[[("" if c is None else str(c)) for c in r] for r in t["rows"]]]
            for s in pack["sections"] for t in s["tables"]]  # fmt: skip


def csv_tables(data: bytes) -> list[Grid]:
    """The long CSV as (column, value) pairs: one pseudo-table per column name."""
    rows = list(csv.DictReader(io.StringIO(data.decode())))
    return [[[r["column"]], [r["value"]]] for r in rows]


def small_counts(tables: list[Grid]) -> list[str]:
    """Every cell under a people-counting heading that holds a number from 1 to 5."""
    found = []
    for table in tables:
        head = next((row for row in table if any(c in COUNT_COLUMNS for c in row)), None)
        if head is None:
            continue
        columns = [i for i, c in enumerate(head) if c in COUNT_COLUMNS]
        for row in table[table.index(head) + 1 :]:
            found += [row[i] for i in columns if i < len(row) and row[i].replace(",", "") in
                      {"1", "2", "3", "4", "5", "1.0", "2.0", "3.0", "4.0", "5.0"}]  # fmt: skip
    return found


def count_cells(tables: list[Grid]) -> list[str]:
    """Every cell under a people-counting heading (to prove the check saw something)."""
    cells = []
    for table in tables:
        head = next((row for row in table if any(c in COUNT_COLUMNS for c in row)), None)
        if head is not None:
            columns = [i for i, c in enumerate(head) if c in COUNT_COLUMNS]
            cells += [r[i] for r in table[table.index(head) + 1 :] for i in columns if i < len(r)]
    return cells
