"""Reading a CSV of panel members: every row checked before anything is stored.

The file is read as a stream and given up at the first row past the limit, so a file of
50,000 rows is refused after reading 5,001 of them. A cell a spreadsheet would run as a
formula (``=HYPERLINK(...)``) is no email address, agency or level, so it is simply a bad
row; nothing from the file is ever written back out.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from app.panel.addresses import BadValue, agency_code, checked_email, level_code

COLUMNS = ("email", "agency", "level")
MAX_ROWS = 5000
TOO_MANY = (
    f"The file has more than {MAX_ROWS:,} rows. Split it into files of {MAX_ROWS:,} rows or fewer."
)
NOT_UTF8 = "The file is not UTF-8 text. In your spreadsheet, save it as 'CSV UTF-8' and try again."
NOT_CSV = "The file cannot be read as CSV. Save it from your spreadsheet as 'CSV UTF-8'."
NO_HEADER = "The file is empty. Its first line must name the columns: email, agency, level."


class ImportProblem(Exception):
    """The file cannot be imported; ``problems`` lists every reason, bad rows by line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0])
        self.problems = problems


@dataclass(frozen=True)
class Row:
    line: int
    email: str
    agency: str
    level: str


def read_rows(raw: IO[bytes]) -> list[Row]:
    """The file's members, checked; ImportProblem naming the whole-file problem or every
    bad row (line number and reason) otherwise."""
    try:
        lines = _lines(raw)
        order = _header(next(lines, None))
        rows, problems = _checked(lines, order)
    except UnicodeDecodeError as error:
        raise ImportProblem([NOT_UTF8]) from error
    except csv.Error as error:
        raise ImportProblem([NOT_CSV]) from error
    if problems:
        raise ImportProblem(problems)
    return rows


def _lines(raw: IO[bytes]) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each non-blank row; utf-8-sig drops Excel's byte-order mark."""
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")  # type: ignore[type-var]
    reader = csv.reader(text)
    for cells in reader:
        if any(cell.strip() for cell in cells):
            yield reader.line_num, cells


def _header(first: tuple[int, list[str]] | None) -> list[int]:
    """Where each of COLUMNS is in the file, from its first line."""
    if first is None:
        raise ImportProblem([NO_HEADER])
    names = [cell.strip().casefold() for cell in first[1]]
    if sorted(names) != sorted(COLUMNS):
        found = ", ".join(name[:30] for name in names[:6]) or "nothing"
        raise ImportProblem([
            f"Line 1 must name the columns email, agency and level, and no others. "
            f"This file's first line has: {found}."
        ])  # fmt: skip
    return [names.index(column) for column in COLUMNS]


def _checked(
    lines: Iterator[tuple[int, list[str]]], order: list[int]
) -> tuple[list[Row], list[str]]:
    rows: list[Row] = []
    problems: list[str] = []
    for count, (line, cells) in enumerate(lines, start=1):
        if count > MAX_ROWS:
            raise ImportProblem([TOO_MANY])
        try:
            rows.append(_row(line, cells, order))
        except BadValue as error:
            problems.append(f"Line {line}: {error}")
    return rows, problems


def _row(line: int, cells: list[str], order: list[int]) -> Row:
    if len(cells) != len(COLUMNS):
        raise BadValue(f"Expected {len(COLUMNS)} cells (email, agency, level), found {len(cells)}")
    email, agency, level = (cells[index] for index in order)
    try:
        address = checked_email(email)
    except BadValue as error:
        raise BadValue("The email address is not valid") from error
    return Row(line, address, agency_code(agency), level_code(level))
