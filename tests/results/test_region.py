"""A regional viewer sees sharing boards beside the region: aggregates only, never text."""

import pytest

from tests.helpers import page_text
from tests.results.tables import html_tables, small_counts


@pytest.fixture
def region(db, results_survey, make_board, make_survey, make_responses):  # type: ignore[no-untyped-def]
    """Riverton (sharing, 53 responses) and Hillford (sharing) and Oakdale (not sharing)."""
    results_survey.board.shares_with_region = True
    hillford = make_board("hillford")
    hillford.shares_with_region = True
    oakdale = make_board("oakdale")
    db.session.commit()
    for board, school in ((hillford, "4"), (oakdale, "1")):
        survey = make_survey(board=board)
        make_responses(survey, [{"safe_school": school, "safer": "I get bullied at the bus stop"}
                                for _ in range(20)])  # fmt: skip
    return results_survey.board.region


@pytest.fixture
def regional(make_user, staff_client, region):  # type: ignore[no-untyped-def]
    from app.accounts.service import grant
    from app.extensions import db

    user = grant(db.session, "regional@northshire.example", "correct horse battery staple",
                 "regional", region.slug)  # fmt: skip
    db.session.commit()
    return staff_client(user)


def test_sharing_boards_appear_beside_the_region_and_others_do_not(regional):
    page = regional.get("/regions/northshire/evidence")
    assert page.status_code == 200
    text = page_text(page)
    assert "Riverton Partnership: % positive" in text and "Hillford Partnership" in text
    assert "Oakdale" not in text
    tables = html_tables(page.get_data(as_text=True))
    heads = [t[0] for t in tables if t and "Region: % positive" in t[0]]
    assert heads


def test_no_free_text_and_no_quotes_reach_the_region(regional):
    text = page_text(regional.get("/regions/northshire/evidence"))
    assert "<blockquote>" not in text and "bullied" not in text.lower()
    assert "What people wrote about" not in text
    for fmt in ("json", "csv", "docx", "xlsx", "html"):
        body = regional.get(f"/regions/northshire/evidence.{fmt}").data
        assert b"bullied" not in body and b"Jayden" not in body


def test_the_region_is_the_sharing_boards_together_worked_by_hand(regional):
    tables = html_tables(regional.get("/regions/northshire/evidence").get_data(as_text=True))
    rows = [row for t in tables for row in t if row[0] == "How safe do you feel at school?"]
    # Riverton 42 of 53 positive, Hillford 20 of 20; the region 62 of 73. Oakdale is not in it.
    assert rows == [["How safe do you feel at school?", "84.9", "100.0", "79.2"]]  # by board slug
    assert small_counts(tables) == []


def test_board_staff_and_other_regions_cannot_see_a_region(region, signed_in, make_user,
                                                           staff_client, db):  # fmt: skip
    assert signed_in("manager").get("/regions/northshire/evidence").status_code == 404
    from app.models import Region

    db.session.add(Region(slug="southshire", name="Southshire"))
    db.session.commit()
    from app.accounts.service import grant

    other = grant(db.session, "regional@southshire.example", "correct horse battery staple",
                  "regional", "southshire")  # fmt: skip
    db.session.commit()
    assert staff_client(other).get("/regions/northshire/evidence").status_code == 404
    assert staff_client(other).get("/regions/northshire/evidence.json").status_code == 404


def test_regional_viewers_find_their_region_from_the_boards_page(regional):
    page = page_text(regional.get("/boards"))
    assert "/regions/northshire/evidence" in page


def test_the_region_never_sees_a_boards_actions(db, regional, results_survey):
    from datetime import date

    from app.models import Action

    db.session.add(Action(board_id=results_survey.board_id, survey_id=results_survey.id,
                          you_said="Said at Riverton", we_did="Done at Riverton",
                          for_children="We did it.", acted_on=date.today(), status="done",
                          recorded_on=date.today()))  # fmt: skip
    db.session.commit()
    text = page_text(regional.get("/regions/northshire/evidence"))
    assert "Riverton Partnership" in text
    assert "Said at Riverton" not in text and "You said, we did" not in text
