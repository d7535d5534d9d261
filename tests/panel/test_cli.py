"""`flask panel BOARD_SLUG`: --add a confirmed member, --import a CSV, --json counts that are
suppressed and carry no address."""

import json

import pytest
from sqlalchemy import select

from app.models import PanelMember
from app.security.personal import sealer


def test_add_makes_a_confirmed_member_with_a_default_level(app, db, runner, open_panel):
    result = runner.invoke(args=["panel", "riverton", "--add", " Pat@X.example ",
                                 "--agency", "Early help"])  # fmt: skip
    assert result.exit_code == 0, result.output
    member = db.session.scalars(select(PanelMember)).one()
    assert member.confirmed and (member.agency, member.level) == ("early_help", "frontline")
    assert sealer(app).unseal(member.email) == "Pat@X.example"
    again = runner.invoke(args=["panel", "riverton", "--add", "pat@x.example", "--agency",
                                "police", "--level", "senior"])  # fmt: skip
    assert again.exit_code == 0 and "Already on the panel" in again.output
    assert len(db.session.scalars(select(PanelMember)).all()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--add", "pat@x.example"], "--add needs --agency"),
        (["--add", "not an address", "--agency", "police"], "right format"),
        (["--add", "pat@x.example", "--agency", "fire"], "is not one of"),
        (["--add", "pat@x.example", "--agency", "police", "--level", "chief"], "role level"),
        ([], "Give one of"),
        (["--json", "--add", "pat@x.example"], "Give one of"),
    ],
)
def test_bad_arguments_are_refused_plainly(db, runner, open_panel, args, message):
    result = runner.invoke(args=["panel", "riverton", *args])
    assert result.exit_code == 2 and message in result.output
    assert db.session.scalars(select(PanelMember)).all() == []


def test_an_unknown_board_is_refused(runner, open_panel):
    result = runner.invoke(args=["panel", "nowhere", "--json"])
    assert result.exit_code == 2 and "No board 'nowhere'" in result.output


def test_import_adds_a_file_or_lists_its_bad_rows(db, runner, open_panel, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("email,agency,level\na@x.example,police,frontline\nb@x.example,health,senior\n")
    result = runner.invoke(args=["panel", "riverton", "--import", str(good)])
    assert result.exit_code == 0, result.output
    assert "Imported: 2 added, 0 already on the panel, 0 repeated in the file." in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("email,agency,level\nc@x.example,police,frontline\n=cmd|x,police,frontline\n")
    refused = runner.invoke(args=["panel", "riverton", "--import", str(bad)])
    assert refused.exit_code == 1
    assert "Line 3: The email address is not valid" in refused.output
    assert len(db.session.scalars(select(PanelMember)).all()) == 2


def test_json_counts_are_suppressed_and_name_nobody(db, runner, open_panel, add_member):
    for n in range(14):
        agency = "police" if n < 9 else "health" if n < 12 else "education"
        add_member(open_panel, f"person{n}@x.example", agency=agency,
                   level="manager" if n < 6 else "frontline")  # fmt: skip
    add_member(open_panel, "waiting@x.example", confirmed=False)
    result = runner.invoke(args=["panel", "riverton", "--json"])
    assert result.exit_code == 0, result.output
    assert "@" not in result.output
    counts = json.loads(result.output)
    assert counts == {
        "board": "riverton",
        "members": 14,
        # Health 3 and education 2 are hidden; as two cells are, nothing more needs to be.
        "agency": {"police": 9, "health": "c", "childrens_social_care": 0, "education": "c",
                   "early_help": 0, "voluntary_sector": 0, "other": 0},
        "level": {"frontline": 8, "manager": 6, "senior": 0},
    }  # fmt: skip


def test_json_does_not_break_down_a_small_panel(runner, open_panel, add_member):
    for n in range(7):
        add_member(open_panel, f"person{n}@x.example", agency="police")
    counts = json.loads(runner.invoke(args=["panel", "riverton", "--json"]).output)
    assert counts["members"] == 7
    assert set(counts["agency"].values()) == {"c"} and set(counts["level"].values()) == {"c"}
