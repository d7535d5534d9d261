"""The pack as a Word document: headings, bulleted evidence, real tables, quotes and notes.

Charts appear as their summary under the table of the same figures; a chart with no
such table is printed as a small table of its bars, so no figure is lost.
"""

import io
from collections.abc import Sequence
from datetime import datetime, time

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.table import _Row

from analysis.pack import Cell, Chart, Pack, Quote, Section, Table
from app.evidence.formats.cells import (
    charts_alone,
    charts_beside,
    facts,
    heading,
    is_figure,
    printed,
    xml_safe,
)

TABLE_STYLE = "Table Grid"
QUOTES_HEADING = "In their own words"


def as_docx(pack: Pack) -> bytes:
    """A .docx file in Word's built-in styles, so headings and lists reach screen readers."""
    pack = xml_safe(pack)
    document = Document()
    _describe(document, pack)
    document.add_heading(pack.title, level=0)
    for label, value in facts(pack):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    document.add_paragraph(pack.suppression_note)
    for section in pack.sections:
        _add_section(document, section)
    _add_notes(document, pack.notes, "Notes")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _describe(document: WordDocument, pack: Pack) -> None:
    properties = document.core_properties
    properties.title = pack.title
    properties.subject = pack.period.label
    properties.author = pack.board
    properties.comments = ""
    properties.language = "en-GB"
    properties.created = properties.modified = datetime.combine(pack.made_on, time())


def _add_section(document: WordDocument, section: Section) -> None:
    document.add_heading(heading(section), level=1)
    for statement in section.statements:
        document.add_paragraph(statement, style="List Bullet")
    for table in section.tables:
        _add_table(document, table)
        for chart in charts_beside(section, table):
            document.add_paragraph(chart.summary)
    for chart in charts_alone(section):
        _add_chart(document, chart)
    if section.quotes:
        document.add_heading(QUOTES_HEADING, level=2)
    for quote in section.quotes:
        _add_quote(document, quote)
    _add_notes(document, section.notes)


def _add_table(document: WordDocument, table: Table) -> None:
    document.add_heading(table.title, level=2)
    grid = document.add_table(rows=1, cols=len(table.columns), style=TABLE_STYLE)
    _fill(grid.rows[0], table.columns, header=True)
    # Marked as the header row: read as such and repeated on each page.
    grid.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row in table.rows:
        _fill(grid.add_row(), row)
    _add_notes(document, table.notes)


def _fill(row: _Row, cells: Sequence[Cell], header: bool = False) -> None:
    for index, (target, cell) in enumerate(zip(row.cells, cells, strict=True)):
        paragraph = target.paragraphs[0]
        paragraph.add_run(printed(cell)).bold = header
        if index and (header or is_figure(cell)):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _add_chart(document: WordDocument, chart: Chart) -> None:
    bars = tuple((bar.label, bar.shown) for bar in chart.bars)
    _add_table(document, Table(title=chart.title, columns=("", "Share"), rows=bars))
    document.add_paragraph(chart.summary)


def _add_quote(document: WordDocument, quote: Quote) -> None:
    paragraph = document.add_paragraph(style="Quote")
    paragraph.add_run(f"{quote.theme}: ").bold = True
    paragraph.add_run(f"\u201c{quote.text}\u201d")


def _add_notes(document: WordDocument, notes: Sequence[str], title: str = "") -> None:
    if notes and title:
        document.add_heading(title, level=1)
    for note in notes:
        document.add_paragraph(note)
