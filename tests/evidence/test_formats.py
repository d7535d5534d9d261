"""The five formats of an evidence pack, from one pack written out by hand."""

import csv
import io
import json
from dataclasses import replace
from html.parser import HTMLParser

import openpyxl
import pytest
from docx import Document

from analysis.pack import Pack, Quote, Section, Table
from app.evidence.formats import FORMATS, render
from app.evidence.formats.as_xlsx import sheet_names
from app.evidence.formats.cells import LONG_COLUMNS, neutralised
from tests.evidence.samples import EMPTY, HELP, HYPERLINK, PACK, SAFE, SCRIPT


def test_registry_names_every_format() -> None:
    assert set(FORMATS) == {"json", "csv", "xlsx", "docx", "html"}
    assert FORMATS["xlsx"][1] == "xlsx"
    assert FORMATS["html"][0].startswith("text/html")


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render(PACK, "pdf")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_an_empty_pack_renders(fmt: str) -> None:
    assert render(EMPTY, fmt)


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_an_empty_pack_says_why(fmt: str) -> None:
    assert "No responses in this period" in render(EMPTY, fmt).decode()


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_text_is_neutralised(text: str) -> None:
    assert neutralised(text) == f"'{text}"


@pytest.mark.parametrize("cell", [-3.5, -2, 0, "c", "Yes", "a=b", None])
def test_numbers_and_plain_text_are_kept(cell: str | float | None) -> None:
    assert neutralised(cell) == cell


# JSON


def test_json_has_the_figures_as_given() -> None:
    document = json.loads(render(PACK, "json"))
    assert document["board"] == PACK.board
    assert document["period"] == {
        "start": "2026-04-01",
        "end": "2026-09-30",
        "label": "April to September 2026",
        "widened": True,
    }
    assert document["made_on"] == "2026-10-02"
    assert document["thresholds"] == {"count": 5, "group": 10}
    assert document["suppression_note"].startswith("c: fewer than 6 people")
    table = document["sections"][0]["tables"][0]
    assert table["rows"] == [
        ["Yes", 1204, 82.4, -3.5],
        ["No", "c", "c", None],
        [HYPERLINK, 37, 2.5, 1.5],
    ]
    assert document["sections"][0]["charts"][0]["bars"][1] == {
        "label": "No",
        "percent": None,
        "shown": "c",
    }
    assert document["sections"][0]["quotes"][0]["text"].endswith(SCRIPT)


# CSV


def csv_lines() -> list[list[str]]:
    return list(csv.reader(io.StringIO(render(PACK, "csv").decode())))


def csv_value(lines: list[list[str]], row: str, column: str) -> str:
    return next(line[4] for line in lines if line[2] == row and line[3] == column)


def test_csv_is_long_with_a_plain_header_first() -> None:
    lines = csv_lines()
    assert lines[0] == list(LONG_COLUMNS)
    # Three figures in each of three rows, then one in each of two.
    assert len(lines) == 1 + 9 + 2
    assert lines[1] == ["Children and young people", SAFE.title, "Yes", "Children", "1204"]


def test_csv_shows_c_where_hidden() -> None:
    lines = csv_lines()
    assert csv_value(lines, "No", "Children") == "c"
    assert csv_value(lines, "No", "Percent") == "c"
    assert csv_value(lines, "No", "Change since last year") == ""


def test_csv_neutralises_formulas_and_keeps_negative_numbers() -> None:
    lines = csv_lines()
    labels = {line[2] for line in lines[1:]}
    assert {f"'{HYPERLINK}", "'+1 for more staff", "'@SUM(A1)"} <= labels
    assert not labels & {HYPERLINK, "+1 for more staff", "@SUM(A1)"}
    assert csv_value(lines, "Yes", "Change since last year") == "-3.5"


# XLSX


def workbook() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(render(PACK, "xlsx")))


def sheet_rows(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))


def test_xlsx_has_contents_a_sheet_per_table_and_data() -> None:
    book = workbook()
    assert book.sheetnames == [
        "Contents",
        "Do you feel safe at school",
        "What would help you most",
        "Data",
    ]
    contents = [cell for row in sheet_rows(book["Contents"]) for cell in row if cell]
    assert {PACK.title, PACK.board, PACK.suppression_note, SAFE.title, HELP.title} <= set(contents)
    assert sheet_rows(book["Data"])[0] == LONG_COLUMNS
    assert len(sheet_rows(book["Data"])) == 1 + 9 + 2


def test_xlsx_tables_keep_numbers_and_c() -> None:
    sheet = workbook()["Do you feel safe at school"]
    assert sheet["A1"].value == SAFE.title
    assert [cell.value for cell in sheet[2]] == list(SAFE.columns)
    assert sheet["A2"].font.bold
    assert [cell.value for cell in sheet[3]] == ["Yes", 1204, 82.4, -3.5]
    assert sheet["D3"].data_type == "n"
    assert [cell.value for cell in sheet[4]][:3] == ["No", "c", "c"]
    assert sheet["B4"].data_type == "s"


def test_xlsx_neutralises_formulas_on_every_sheet() -> None:
    book = workbook()
    for sheet, cell in [("Do you feel safe at school", "A5"), ("What would help you most", "A3")]:
        assert book[sheet][cell].value.startswith("'")
        assert book[sheet][cell].data_type != "f"
    texts = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value]
    assert not [cell for cell in texts if cell.data_type == "f"]
    assert f"'{HYPERLINK}" in [cell.value for cell in texts]
    assert "'@SUM(A1)" in [cell.value for cell in texts]


def test_sheet_names_are_valid_and_unique() -> None:
    names = sheet_names(["What? [all]: a/b\\c*", "x" * 40, "x" * 40, "X" * 40, "Data", "'quoted'"])
    assert names[0] == "What all a b c"
    assert all(len(name) <= 31 for name in names)
    assert len({name.lower() for name in names}) == len(names)
    assert names[4] == "Data (2)"
    assert names[5] == "quoted"


# DOCX


def word() -> Document:
    return Document(io.BytesIO(render(PACK, "docx")))


def test_docx_has_headings_statements_and_quotes() -> None:
    document = word()
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == PACK.title
    assert "Children and young people (framework Section D)" in headings
    assert "Practitioners (framework Section E)" in headings
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["Most children feel safe at school."]
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert quotes == [f"Being listened to: \u201cThey never listen {SCRIPT}\u201d"]
    assert PACK.suppression_note in [p.text for p in document.paragraphs]


def test_docx_tables_are_real_tables() -> None:
    document = word()
    assert len(document.tables) == 2
    safe = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert safe[0] == list(SAFE.columns)
    assert safe[1] == ["Yes", "1,204", "82.4", "-3.5"]
    assert safe[2] == ["No", "c", "c", ""]
    assert document.tables[0].style.name == "Table Grid"
    assert document.core_properties.author == PACK.board


# HTML


class Page(HTMLParser):
    """Every start tag with its attributes, and the text of the style element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def page(pack: Pack = PACK) -> tuple[str, Page]:
    html = render(pack, "html").decode()
    parser = Page()
    parser.feed(html)
    parser.close()
    return html, parser


def test_html_is_a_page_with_real_tables() -> None:
    html, parsed = page()
    assert parsed.named("html") == [{"lang": "en"}]
    assert f"<title>{PACK.title}: {PACK.board}</title>" in html
    assert len(parsed.named("table")) == 2
    assert len(parsed.named("caption")) == 2
    scopes = [attrs.get("scope") for attrs in parsed.named("th")]
    assert scopes.count("col") == 6
    assert scopes.count("row") == 5
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1,204</td>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">c</td>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">-3.5</td>' in html


def test_html_draws_charts_to_scale_without_hidden_bars() -> None:
    html, parsed = page()
    (svg,) = parsed.named("svg")
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "evidence-chart-1-1-1-title evidence-chart-1-1-1-desc"
    assert '<title id="evidence-chart-1-1-1-title">Do you feel safe at school?</title>' in html
    assert '<desc id="evidence-chart-1-1-1-desc">82.4% of children' in html
    widths = [float(attrs["width"] or 0) for attrs in parsed.named("rect")]
    # Two bars, not three: the hidden one is left out, and its "c" shown instead.
    assert len(widths) == 2
    assert widths[0] / widths[1] == pytest.approx(82.4 / 2.5, rel=0.01)


def test_html_escapes_quoted_text() -> None:
    html, parsed = page()
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert len(parsed.named("blockquote")) == 1
    assert not parsed.named("script")


def test_html_prints_on_a4_and_asks_nothing_of_other_hosts() -> None:
    _, parsed = page()
    assert "@media print" in parsed.style
    assert "@page { size: A4; margin: 15mm; }" in parsed.style
    assert "url(" not in parsed.style
    assert "@import" not in parsed.style
    values = [value or "" for _, attrs in parsed.tags for value in attrs.values()]
    assert not [value for value in values if "://" in value or value.startswith("//")]


def test_html_has_statements_and_the_suppression_footnote() -> None:
    html, parsed = page()
    assert "<li>Most children feel safe at school.</li>" in html
    assert {"id": "evidence-suppression", "class": "govuk-body-s"} in parsed.named("p")
    assert PACK.suppression_note in html


def test_control_characters_cannot_break_word_or_excel() -> None:
    table = Table(title="Bad\x0btitle", columns=("Row", "n"), rows=(("\x01=1+1", 7),))
    quote = Quote(theme="Pasted", text="from\x0bWord\x00")
    section = Section(key="s", title="S", framework="", tables=(table,), quotes=(quote,))
    pack = replace(EMPTY, sections=(section,))
    sheet = openpyxl.load_workbook(io.BytesIO(render(pack, "xlsx")))["Badtitle"]
    assert sheet["A3"].value == "'=1+1"
    texts = [p.text for p in Document(io.BytesIO(render(pack, "docx"))).paragraphs]
    assert "Pasted: \u201cfromWord\u201d" in texts
