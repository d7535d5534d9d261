"""The five formats of an evidence pack, each a function from a ``Pack`` to the file's bytes."""

from collections.abc import Callable

from analysis.pack import Pack
from app.evidence.formats.as_csv import as_csv
from app.evidence.formats.as_docx import as_docx
from app.evidence.formats.as_html import as_html
from app.evidence.formats.as_json import as_json
from app.evidence.formats.as_xlsx import as_xlsx

Writer = Callable[[Pack], bytes]

# Format name -> (media type, file extension without the dot, writer).
FORMATS: dict[str, tuple[str, str, Writer]] = {
    "json": ("application/json", "json", as_json),
    "csv": ("text/csv; charset=utf-8", "csv", as_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", as_xlsx),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        as_docx,
    ),
    "html": ("text/html; charset=utf-8", "html", as_html),
}


def render(pack: Pack, fmt: str) -> bytes:
    """The pack written in one of ``FORMATS``; ValueError for any other name."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    return FORMATS[fmt][2](pack)


__all__ = ["FORMATS", "render"]
