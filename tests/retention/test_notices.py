"""Privacy notices per audience: the board's own retention, plain words, 404 for the unknown."""

import re

import pytest

from analysis.readability import grade
from app.questionnaires.readability import grade_limit
from tests.helpers import page_text

CHILD_LIMIT = grade_limit("child", "8-12")


def main_sentences(html: str) -> list[str]:
    main = html.split('id="main-content"')[1].split("</main>")[0]
    text = re.sub(r"<[^>]+>", " ", main)
    found = re.split(r"(?<=[.?!])\s+|\n", text)
    # An email address on a line of its own is a name to copy, not a sentence to read.
    return [" ".join(s.split()) for s in found if len(s.split()) > 2 and "@" not in s]


@pytest.mark.parametrize("audience", ["child", "family", "practitioner", "training"])
def test_each_notice_says_what_is_kept_how_long_and_who_sees_it(client, audience):
    response = client.get(f"/privacy/{audience}")
    text = page_text(response)
    assert response.status_code == 200
    assert "24 months" in text  # the default, when no board is named
    assert "trained" in text  # a reviewer reads words that may be a disclosure
    assert "names" in text and "taken out" in text


def test_a_boards_notice_gives_its_own_months_thresholds_and_contact(client, db, make_board):
    board = make_board("riverton")
    board.text_retention_months, board.response_retention_months = 6, 36
    board.count_threshold, board.group_threshold = 7, 15
    board.reply_to = "partnership@riverton.example"
    db.session.commit()

    family = page_text(client.get("/privacy/family/riverton"))
    child = page_text(client.get("/privacy/child/riverton"))

    assert "after 6 months" in family and "after 36 months" in family
    assert "7 people or fewer" in family and "fewer than 15 people" in family
    assert "partnership@riverton.example" in family
    assert "for 6 months" in child and "for 36 months" in child
    assert "Riverton Partnership: " in child and "partnership@riverton.example" in child


def test_the_childrens_notice_reads_at_age_nine(client, db, make_board):
    make_board("riverton").reply_to = "team@riverton.example"
    db.session.commit()
    for path in ("/privacy/child", "/privacy/child/riverton"):
        found = main_sentences(client.get(path).get_data(as_text=True))
        assert len(found) > 15
        assert {s: grade(s) for s in found if grade(s) > CHILD_LIMIT} == {}, path


@pytest.mark.parametrize(
    "path", ["/privacy/teacher", "/privacy/child/nowhere", "/privacy/<script>",
             "/privacy/child/riverton/more", "/privacy/%00"],
)  # fmt: skip
def test_unknown_audiences_and_boards_get_a_friendly_404(client, make_board, path):
    make_board("riverton")
    response = client.get(path)
    assert response.status_code == 404
    assert "<script>" not in response.get_data(as_text=True)


def test_the_general_notice_lists_the_four(client):
    html = client.get("/privacy").get_data(as_text=True)
    for audience in ("child", "family", "practitioner", "training"):
        assert f'href="/privacy/{audience}"' in html
