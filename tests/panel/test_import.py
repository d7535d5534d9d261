"""Importing members from CSV: all or nothing, every bad row named by its line, files of
the wrong shape, size or encoding refused clearly, formulas treated as the bad values they are."""

import io
import time
from datetime import date

import pytest
from sqlalchemy import func, select

from app.models import AuditEvent, PanelMember
from app.panel import members
from app.panel.imports import MAX_ROWS, ImportProblem
from app.security.personal import sealer
from tests.helpers import hidden_fields, page_text

GOOD = (
    "email,agency,level\r\n"
    "sam.lee@riverton-police.example,police,frontline\r\n"
    "Jo.Khan@riverton-council.example,Children's social care,Manager\r\n"
    "kit@riverton-schools.example,EDUCATION,senior leader\r\n"
    "SAM.LEE@riverton-police.example,police,manager\r\n"  # a repeat: skipped
    "\r\n"
    "ash@riverton-nhs.example,health,frontline\r\n"
)


def stored(db) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(PanelMember))


def run(app, db, board, text: str | bytes):  # type: ignore[no-untyped-def]
    raw = io.BytesIO(text.encode() if isinstance(text, str) else text)
    return members.import_csv(db.session, sealer(app), board, None, raw, date.today())


def problems(app, db, board, text: str | bytes) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportProblem) as refused:
        run(app, db, board, text)
    assert stored(db) == 0
    return refused.value.problems


def test_a_good_file_adds_confirmed_members_and_skips_repeats(app, db, open_panel, add_member):
    add_member(open_panel, "ash@riverton-nhs.example")
    add_member(open_panel, "kit@riverton-schools.example", confirmed=False)
    done = run(app, db, open_panel, GOOD)
    assert (done.added, done.already, done.repeated) == (3, 1, 1)
    rows = db.session.scalars(select(PanelMember).order_by(PanelMember.id)).all()
    assert len(rows) == 4 and all(row.confirmed for row in rows)
    found = {sealer(app).unseal(r.email): (r.agency, r.level) for r in rows}
    assert found["Jo.Khan@riverton-council.example"] == ("childrens_social_care", "manager")
    assert found["sam.lee@riverton-police.example"] == ("police", "frontline")
    # Waiting to confirm: now confirmed, with the agency and level the person chose.
    assert found["kit@riverton-schools.example"] == ("police", "frontline")


def test_columns_may_come_in_any_order_with_a_byte_order_mark(app, db, open_panel):
    text = "\ufeffLevel, Agency ,EMAIL\nfrontline,early help,pat@x.example\n"
    assert run(app, db, open_panel, text.encode()).added == 1


WRONG = ["email,agency", "name,email,agency,level", "mail,agency,level", "sam@x.example,x,y"]


@pytest.mark.parametrize("header", WRONG)
def test_the_wrong_columns_are_refused(app, db, open_panel, header):
    found = problems(app, db, open_panel, f"{header}\nsam@x.example,police,frontline\n")
    assert len(found) == 1 and "must name the columns email, agency and level" in found[0]


def test_one_bad_row_imports_nothing_and_every_bad_row_is_named(app, db, open_panel):
    text = GOOD + (
        "not-an-address,police,frontline\n"
        "pat@x.example,fire brigade,frontline\n"
        "lou@x.example,police\n"
        '"=HYPERLINK(""http://evil.example"",""click"")",police,frontline\n'
        "ray@x.example,=1+1,@SUM(A1)\n"
    )
    found = problems(app, db, open_panel, text)
    assert found == [
        "Line 8: The email address is not valid",
        "Line 9: The agency 'fire brigade' is not one of: police, health, children's social "
        "care, education, early help, voluntary sector, other",
        "Line 10: Expected 3 cells (email, agency, level), found 2",
        "Line 11: The email address is not valid",
        "Line 12: The agency '=1+1' is not one of: police, health, children's social care, "
        "education, early help, voluntary sector, other",
    ]


def test_fifty_thousand_rows_are_refused_quickly(app, db, open_panel):
    rows = "".join(f"member{n}@x.example,police,frontline\n" for n in range(50_000))
    started = time.perf_counter()
    found = problems(app, db, open_panel, "email,agency,level\n" + rows)
    assert found == [f"The file has more than {MAX_ROWS:,} rows. Split it into files of "
                     f"{MAX_ROWS:,} rows or fewer."]  # fmt: skip
    assert time.perf_counter() - started < 2


def test_exactly_the_limit_is_accepted(app, db, open_panel):
    rows = "".join(f"m{n}@x.example,police,frontline\n" for n in range(MAX_ROWS))
    assert run(app, db, open_panel, "email,agency,level\n" + rows).added == MAX_ROWS


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_a_file_that_is_not_utf8_is_refused(app, db, open_panel, encoding):
    text = "email,agency,level\nrené@x.example,police,frontline\n".encode(encoding)
    assert problems(app, db, open_panel, text) == [
        "The file is not UTF-8 text. In your spreadsheet, save it as 'CSV UTF-8' and try again."
    ]


def test_an_empty_file_is_refused(app, db, open_panel):
    assert "The file is empty" in problems(app, db, open_panel, b"")[0]


def upload(client, content: bytes):  # type: ignore[no-untyped-def]
    token = hidden_fields(client.get("/boards/riverton/panel/import").data)["csrf_token"]
    data = {"csrf_token": token, "file": (io.BytesIO(content), "members.csv")}
    return client.post("/boards/riverton/panel/import", data=data,
                       content_type="multipart/form-data")  # fmt: skip


def test_a_manager_uploads_a_file_and_sees_the_result(app, db, open_panel, panel_manager):
    response = upload(panel_manager, GOOD.encode())
    assert response.status_code == 303
    page = page_text(panel_manager.get(response.headers["Location"]))
    assert "Imported: 4 added, 0 already on the panel, 1 repeated." in page
    assert "kit@riverton-schools.example" in page
    event = db.session.scalars(select(AuditEvent)).one()
    assert event.action == "panel.imported" and "@" not in event.target


def test_a_bad_upload_lists_its_rows_and_imports_nothing(app, db, open_panel, panel_manager):
    response = upload(panel_manager, (GOOD + '=HYPERLINK("x"),police,frontline\n').encode())
    assert response.status_code == 422
    page = page_text(response)
    assert "Nothing was imported" in page and "Line 8: The email address is not valid" in page
    assert stored(db) == 0


def test_an_upload_without_a_file_asks_for_one(open_panel, panel_manager):
    token = hidden_fields(panel_manager.get("/boards/riverton/panel/import").data)["csrf_token"]
    response = panel_manager.post("/boards/riverton/panel/import", data={"csrf_token": token})
    assert response.status_code == 422 and "Choose a CSV file" in page_text(response)


def test_an_upload_too_large_to_receive_says_how_many_rows_fit(app, db, open_panel, panel_manager):
    rows = "".join(
        f"member{n:05d}@riverton-police.example,police,frontline\n" for n in range(50_000)
    )
    response = upload(panel_manager, ("email,agency,level\n" + rows).encode())
    assert response.status_code == 413
    assert "more than 5,000 rows" in page_text(response)
    assert stored(db) == 0
