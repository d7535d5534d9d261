"""The evidence pack on screen, in every download and from the command line: never a small count."""

import json
from datetime import date

import pytest

from tests.helpers import page_text
from tests.results.tables import (
    count_cells,
    csv_tables,
    docx_tables,
    html_tables,
    json_tables,
    small_counts,
    xlsx_tables,
)

READERS = {
    "html": lambda data: html_tables(data.decode()),
    "docx": docx_tables,
    "xlsx": xlsx_tables,
    "json": json_tables,
    "csv": csv_tables,
}
TYPES = {"html": "text/html", "docx": "application/vnd.openxmlformats-officedocument",
         "xlsx": "application/vnd.openxmlformats-officedocument", "json": "application/json",
         "csv": "text/csv"}  # fmt: skip


def test_the_board_evidence_page_shows_the_pack_with_statements(results_survey, signed_in):
    page = signed_in("analyst").get("/boards/riverton/evidence")
    assert page.status_code == 200
    text = page_text(page)
    assert "Children and young people (framework Section D)" in text
    assert "% of 53 children and young people answering" in text
    assert "95% CI" in text
    tables = html_tables(page.get_data(as_text=True))
    assert count_cells(tables) and small_counts(tables) == []
    assert "Jayden" not in text and "07700" not in text


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_every_download_carries_the_figures_and_no_count_from_one_to_five(
    results_survey, signed_in, fmt
):
    response = signed_in("manager").get(f"/boards/riverton/evidence.{fmt}")
    assert response.status_code == 200
    assert response.mimetype.startswith(TYPES[fmt])
    assert "attachment" in response.headers["Content-Disposition"]
    tables = READERS[fmt](response.data)
    if fmt == "csv":  # the long form: every cell of a people-counting column
        counted = [t[1][0] for t in tables if t[0][0] in ("People answering", "Responses")]
        assert counted and not {"1", "2", "3", "4", "5"} & set(counted)
    else:
        assert count_cells(tables) and small_counts(tables) == []


def test_json_says_c_where_hidden(results_survey, signed_in):
    pack = json.loads(signed_in("manager").get("/boards/riverton/evidence.json").data)
    cells = [c for s in pack["sections"] for t in s["tables"] for r in t["rows"] for c in r]
    assert "c" in cells
    assert pack["thresholds"] and "fewer than 6 people" in json.dumps(pack)


def test_downloads_are_in_the_audit_log(results_survey, signed_in, db):
    from sqlalchemy import select

    from app.models import AuditEvent

    signed_in("manager").get("/boards/riverton/evidence.xlsx")
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "evidence-downloaded" in actions


def test_an_empty_period_says_so_and_still_downloads(results_survey, signed_in):
    client = signed_in()
    page = client.get("/boards/riverton/evidence?period=fy-2024")
    assert page.status_code == 200 and "No responses in this period." in page_text(page)
    for fmt in READERS:
        assert client.get(f"/boards/riverton/evidence.{fmt}?period=fy-2024").status_code == 200


@pytest.mark.parametrize("period", ["2026-01-01", "fy-1999", "m-2026-13", "<script>", "fy-2026x"])
def test_a_period_not_on_offer_is_refused_with_400(results_survey, signed_in, period):
    page = signed_in().get(f"/boards/riverton/evidence?period={period}")
    assert page.status_code == 400


def test_the_command_writes_all_five_formats(results_survey, runner, tmp_path):
    for fmt in READERS:
        out = tmp_path / f"pack.{fmt}"
        result = runner.invoke(args=["evidence", "riverton", "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 500
        tables = READERS[fmt](out.read_bytes())
        assert tables
    assert "Reading the answers" in result.output  # progress, on stderr


def test_the_command_widens_dates_to_whole_months_and_says_so(results_survey, runner, tmp_path):
    out = tmp_path / "pack.json"
    today = date.today()
    args = ["evidence", "riverton", "--format", "json", "--out", str(out),
            "--since", today.replace(day=2).isoformat(), "--until", today.isoformat()]  # fmt: skip
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert "widened to whole months" in result.output
    pack = json.loads(out.read_text())
    assert pack["period"]["start"] == today.replace(day=1).isoformat()
    assert pack["period"]["widened"] is True


def test_the_command_refuses_a_period_that_ends_before_it_starts(results_board, runner, tmp_path):
    args = ["evidence", "riverton", "--format", "csv", "--out", str(tmp_path / "x.csv"),
            "--since", "2026-05-01", "--until", "2026-04-01"]  # fmt: skip
    result = runner.invoke(args=args)
    assert result.exit_code == 2 and "before it starts" in result.output
    unknown = runner.invoke(args=["evidence", "nowhere", "--format", "csv", "--out", "x.csv"])
    assert unknown.exit_code == 2 and "No board 'nowhere'" in unknown.output


def test_a_board_with_no_responses_gets_a_pack_saying_so(results_board, runner, tmp_path):
    out = tmp_path / "pack.html"
    result = runner.invoke(args=["evidence", "riverton", "--format", "html", "--out", str(out)])
    assert result.exit_code == 0 and "No responses in this period." in out.read_text()


def test_the_small_count_check_itself_can_fail():
    assert small_counts([[["Answer", "People"], ["No", "3"], ["Yes", "40"]]]) == ["3"]
    assert small_counts([[["Answer", "%"], ["No", "3"]]]) == []


def test_the_board_pack_lists_its_actions(db, results_survey, signed_in):
    from app.models import Action

    db.session.add(Action(board_id=results_survey.board_id, theme="Parks",
                          you_said="The park is dark", we_did="New lights in the park",
                          for_children="The park has new lights.", acted_on=date.today(),
                          status="in_progress", recorded_on=date.today()))  # fmt: skip
    db.session.commit()
    text = page_text(signed_in("analyst").get("/boards/riverton/evidence"))
    assert "You said, we did" in text and "New lights in the park" in text
    assert "In progress" in text
