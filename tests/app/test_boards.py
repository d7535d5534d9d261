"""The board list and a board's home page: its surveys, their state and counts."""

import re
from datetime import date, timedelta

from tests.app.test_respond import answer_all
from tests.helpers import page_text

TODAY = date.today()


def test_a_user_with_one_board_goes_straight_to_it(make_board, make_user, staff_client):
    board = make_board("riverton")
    client = staff_client(make_user("manager@riverton.example", "manager", board))
    response = client.get("/boards")
    assert response.status_code == 302
    assert response.headers["Location"] == "/boards/riverton"


def test_a_user_with_several_boards_chooses_one(make_board, make_user, staff_client):
    riverton, hillford = make_board("riverton"), make_board("hillford")
    make_board("elsewhere")
    make_user("pat@example.org", "analyst", riverton)
    client = staff_client(make_user("pat@example.org", "manager", hillford))
    html = page_text(client.get("/boards"))
    assert "Riverton Partnership" in html and "Hillford Partnership" in html
    assert "Elsewhere" not in html


def test_a_user_without_boards_is_told_so(make_user, staff_client, make_board):
    make_board("riverton")
    client = staff_client(make_user("admin@chorus.example", "admin"))
    html = page_text(client.get("/boards"))
    assert "You do not have a role on any board yet." in html


def test_signed_out_visitors_are_sent_to_sign_in(client, make_board):
    make_board("riverton")
    response = client.get("/boards/riverton")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_board_home_lists_surveys_with_state_and_counts(
    db, make_board, make_user, staff_client, make_survey, make_links
):
    board = make_board("riverton")
    client = staff_client(make_user("manager@riverton.example", "manager", board))
    quiet = make_survey(board=board, status="draft")
    quiet.title = "Draft for families"
    busy = make_survey(board=board, status="open")
    busy.title = "Busy survey"
    later = make_survey(board=board, opens_on=TODAY + timedelta(days=3),
                        closes_on=TODAY + timedelta(days=9))  # fmt: skip
    later.title = "Starts soon"
    db.session.commit()
    tokens = make_links(busy, 5)
    for token in tokens[:2]:
        answer_all(client.application.test_client(), token)
    html = page_text(client.get("/boards/riverton"))
    assert "Set up a survey" in html
    row = r"{}.*?govuk-tag--{}\">{}</strong>.*?numeric\">{}</td>\s*<td[^>]*>{}</td>"
    assert re.search(row.format("Busy survey", "green", "Open", 2, 5), html, re.S)
    assert re.search(row.format("Draft for families", "grey", "Draft", 0, 0), html, re.S)
    assert re.search(row.format("Starts soon", "blue", "Not open yet", 0, 0), html, re.S)
    assert "More lights in the park" not in html


def test_other_roles_see_the_list_but_not_the_manager_buttons(
    make_board, make_user, staff_client, make_survey
):
    board = make_board("riverton")
    make_survey(board=board)
    client = staff_client(make_user("reviewer@riverton.example", "reviewer", board))
    html = page_text(client.get("/boards/riverton"))
    assert "Feeling safe" in html
    assert "Set up a survey" not in html
    assert client.get("/boards/riverton/surveys/new").status_code == 404


def test_unknown_board_is_404(make_board, make_user, staff_client):
    board = make_board("riverton")
    client = staff_client(make_user("manager@riverton.example", "manager", board))
    for path in ("/boards/nowhere", "/boards/riverton/surveys/nothing",
                 "/boards/riverton/surveys/nothing/links/", "/boards/'%20OR%201=1--"):  # fmt: skip
        assert client.get(path).status_code == 404, path
