"""The evidence pack lists the board's actions, in every format, with the days from each
survey closing to its first action (a quick check's telling the panel counts too)."""

import json
from datetime import date, timedelta

import pytest

from analysis.periods import financial_year, fy_of
from app.models import PanelCheck
from tests.actions.conftest import FIELDS, post_action
from tests.results.conftest import make_responses  # noqa: F401  (the response maker)
from tests.results.tables import csv_tables, docx_tables, html_tables, xlsx_tables

LAST_YEAR = fy_of(date.today()) - 1
PERIOD = financial_year(LAST_YEAR)
CLOSED = PERIOD.start + timedelta(days=40)
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def last_years(make_survey, make_responses, riverton):  # type: ignore[no-untyped-def]  # noqa: F811
    """A children's survey of last financial year with a dozen answers, and a staff one."""
    survey = make_survey(
        board=riverton,
        status="closed",
        opens_on=PERIOD.start + timedelta(days=10),
        closes_on=CLOSED,
    )
    make_responses(survey, [{"safe_school": "5"}] * 12, PERIOD.start + timedelta(days=20))
    quiet = make_survey(
        board=riverton,
        status="closed",
        opens_on=PERIOD.start + timedelta(days=10),
        closes_on=CLOSED + timedelta(days=5),
    )
    quiet.title = "Nobody acted on this one"
    return survey, quiet


def pack(client, fmt: str = "json") -> bytes:  # type: ignore[no-untyped-def]
    response = client.get(f"/boards/riverton/evidence.{fmt}?period=fy-{LAST_YEAR}")
    assert response.status_code == 200
    return response.data


def tables_of(document: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {t["title"]: t for s in document["sections"] for t in s["tables"]}


def test_the_json_pack_lists_actions_and_the_days_to_the_first(db, manager, last_years):
    survey, _ = last_years
    db.session.commit()
    day = CLOSED + timedelta(days=15)
    post_action(manager, survey=str(survey.id), status="done", acted_on=day.isoformat())
    post_action(
        manager,
        survey=str(survey.id),
        status="planned",
        acted_on=(day + timedelta(days=30)).isoformat(),
        we_did="More lights soon.",
    )
    post_action(
        manager,
        survey="none",
        theme="Parks",
        status="in_progress",
        acted_on=(CLOSED - timedelta(days=3)).isoformat(),
    )
    document = json.loads(pack(manager))
    found = tables_of(document)
    closing = found["From a survey closing to its first action"]
    assert closing["rows"] == [
        [survey.title, f"{CLOSED:%-d %B %Y}", f"{day:%-d %B %Y}", 15],
        ["Nobody acted on this one", f"{CLOSED + timedelta(days=5):%-d %B %Y}", "None yet", None],
    ]
    statements = [s for section in document["sections"] for s in section["statements"]]
    assert (
        "Of 2 survey(s) that closed, 1 led to an action people were told about, "
        "a median of 15 day(s) after closing."
    ) in statements
    listed = found["You said, we did"]
    assert listed["columns"] == ["About", "You said", "We did", "Status", "Date"]
    assert [row[3] for row in listed["rows"]] == ["In progress", "Done", "Planned"]
    assert listed["rows"][1] == [
        survey.title,
        FIELDS["you_said"],
        FIELDS["we_did"],
        "Done",
        f"{day:%-d %B %Y}",
    ]
    assert listed["rows"][0][0] == "Parks"


def test_a_quick_checks_outcome_is_an_action_in_the_pack(db, manager, last_years):
    survey, _ = last_years
    told = CLOSED + timedelta(days=4)
    db.session.add(
        PanelCheck(
            survey_id=survey.id,
            sent_on=CLOSED - timedelta(days=7),
            closes_on=CLOSED,
            closed=True,
            outcome="The guide moved.",
            outcome_on=told,
        )
    )
    db.session.commit()
    post_action(
        manager,
        survey=str(survey.id),
        status="done",
        acted_on=(CLOSED + timedelta(days=9)).isoformat(),
    )
    found = tables_of(json.loads(pack(manager)))
    assert found["From a survey closing to its first action"]["rows"][0][3] == 4
    rows = found["You said, we did"]["rows"]
    assert rows[0] == [
        f"{survey.title}: Touchstones quick check",
        "Answers to the quick check",
        "The guide moved.",
        "Done",
        f"{told:%-d %B %Y}",
    ]


READERS = {
    "html": lambda data: html_tables(data.decode()),
    "docx": docx_tables,
    "xlsx": xlsx_tables,
    "csv": csv_tables,
}


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_every_format_lists_the_actions_as_text(db, manager, last_years, fmt):
    survey, _ = last_years
    db.session.commit()
    post_action(
        manager,
        survey=str(survey.id),
        status="done",
        acted_on=CLOSED.isoformat(),
        we_did=f'=HYPERLINK("http://x") {SCRIPT}',
    )
    data = pack(manager, fmt)
    cells = [cell for table in READERS[fmt](data) for row in table for cell in row]
    assert FIELDS["you_said"] in cells
    assert any(SCRIPT in cell and "HYPERLINK" in cell for cell in cells)
    if fmt in ("csv", "xlsx"):  # a formula is never live in a spreadsheet
        assert not any(cell.startswith("=HYPERLINK") for cell in cells)
    if fmt == "html":
        assert SCRIPT not in data.decode()
