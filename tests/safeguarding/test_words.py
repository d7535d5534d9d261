"""Words for children are held to the reading grade of the youngest readers (8 to 12)."""

import re

from analysis.readability import GRADE_LIMITS, grade
from tests.helpers import page_text
from tests.safeguarding.conftest import DISCLOSURE

LIMIT = GRADE_LIMITS["8-12"]


def sentences(html: str, start: str, end: str) -> list[str]:
    part = html.split(start, 1)[1].split(end, 1)[0]
    text = re.sub(r"<[^>]+>", "\n", part)
    pieces = (s.strip() for line in text.split("\n") for s in re.split(r"(?<=[.?!])\s", line))
    return [s for s in pieces if len(s.split()) > 3]


def assert_readable(found: list[str]) -> None:
    assert found
    hard = [(s, grade(s)) for s in found if grade(s) > LIMIT]
    assert hard == []


def test_the_flagged_thank_you_message_reads_at_a_9_year_olds_level(send, reviewer):
    html = page_text(send(DISCLOSURE))
    assert_readable(sentences(html, 'class="chorus-flagged"', "</div>"))


def test_the_contact_form_and_the_sent_page_read_at_a_9_year_olds_level(client, board):
    form = page_text(client.get(f"/b/{board.slug}/contact"))
    assert_readable(sentences(form, 'id="main-content"', "<form"))
    sent = page_text(client.get(f"/b/{board.slug}/contact/sent"))
    assert_readable(sentences(sent, 'id="main-content"', 'class="chorus-help"'))
