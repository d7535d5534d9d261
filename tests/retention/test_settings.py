"""A board's retention: whole months from 1 to 120, anything else refused with nothing saved."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.models import AuditEvent, Board
from tests.helpers import page_text
from tests.results.test_settings import SETTINGS, post, settings


def test_a_manager_sets_both_retentions_and_it_is_audited(db, results_board, signed_in):
    response = post(signed_in(), SETTINGS, **settings(text_retention_months="6",
                                                      response_retention_months="36"))  # fmt: skip

    assert response.status_code == 303
    board = db.session.get(Board, results_board.id)
    assert (board.text_retention_months, board.response_retention_months) == (6, 36)
    target = db.session.scalar(select(AuditEvent.target).where(
        AuditEvent.action == "retention-changed"))  # fmt: skip
    assert target == "riverton: text 6 months, responses 36 months"


def test_the_defaults_are_24_months_each(db, results_board, signed_in):
    html = page_text(signed_in().get(SETTINGS))
    assert (results_board.text_retention_months, results_board.response_retention_months) == (
        24, 24)  # fmt: skip
    assert "Keep the words people wrote for" in html and "Keep whole responses for" in html


@pytest.mark.parametrize(
    ("value", "message"),
    [("0", "from 1 to 120"), ("-3", "from 1 to 120"), ("121", "from 1 to 120"),
     ("twelve", "whole number of months"), ("1.5", "whole number of months"),
     ("", "whole number of months")],
)  # fmt: skip
@pytest.mark.parametrize("field", ["text_retention_months", "response_retention_months"])
def test_bad_months_are_refused_and_nothing_changes(db, results_board, signed_in, field, value,
                                                    message):  # fmt: skip
    response = post(signed_in(), SETTINGS, **settings(**{field: value}, count_threshold="7"))

    assert response.status_code == 422
    assert message in page_text(response)
    board = db.session.get(Board, results_board.id)
    db.session.refresh(board)
    assert (board.text_retention_months, board.response_retention_months) == (24, 24)
    assert board.count_threshold == 5


def test_other_boards_managers_cannot_change_it(db, results_board, make_board, make_user,
                                                staff_client):  # fmt: skip
    other = make_board("hillford")
    client = staff_client(make_user("manager@hillford.example", "manager", other))
    assert client.get(SETTINGS).status_code == 404


def test_the_database_refuses_a_month_out_of_range(db, results_board):
    results_board.response_retention_months = 0
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
