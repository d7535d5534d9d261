"""`flask review-queue BOARD_SLUG --json`: ids, surveys, days and whether reviewed; no text."""

import json
from datetime import date

from sqlalchemy import select, update

from app.models import Flag
from tests.safeguarding.conftest import DISCLOSURE


def test_review_queue_lists_the_boards_flags_without_text(
    runner, db, send, survey, board, reviewer
):
    send(DISCLOSURE)
    send("he punched me")
    reviewed = db.session.scalars(select(Flag.id)).first()
    db.session.execute(update(Flag).where(Flag.id == reviewed).values(outcome="no_concern"))
    db.session.commit()
    result = runner.invoke(args=["review-queue", board.slug, "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [set(row) for row in rows] == [{"id", "survey", "flagged_on", "reviewed"}] * 2
    assert [row["reviewed"] for row in rows] == [False, True]  # waiting first
    assert {row["survey"] for row in rows} == {survey.slug}
    assert {row["flagged_on"] for row in rows} == {date.today().isoformat()}
    assert str(reviewed) == rows[1]["id"]
    assert "hits" not in result.output and "punched" not in result.output


def test_another_boards_flags_are_not_listed_and_an_unknown_board_is_refused(
    runner, send, make_board, reviewer
):
    send(DISCLOSURE)
    make_board("hillford")
    assert json.loads(runner.invoke(args=["review-queue", "hillford", "--json"]).output) == []
    unknown = runner.invoke(args=["review-queue", "nowhere", "--json"])
    assert unknown.exit_code != 0 and "No board" in unknown.output
