"""`flask review-queue BOARD_SLUG --json`: the board's flags, unreviewed first, never the text."""

import json
from typing import Any

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import Board, Flag, Survey


def queue_rows(session: Session, board: Board) -> list[dict[str, Any]]:
    """id, survey (its slug), flagged_on (ISO day) and reviewed, for every flag of the board:
    unreviewed first, oldest first."""
    query = (
        select(Flag.id, Survey.slug, Flag.flagged_on, Flag.outcome)
        .join(Survey, Survey.id == Flag.survey_id)
        .where(Survey.board_id == board.id)
        .order_by(Flag.outcome.is_not(None), Flag.flagged_on, Flag.id)
    )
    return [
        {
            "id": str(id_),
            "survey": slug,
            "flagged_on": day.isoformat(),
            "reviewed": outcome is not None,
        }
        for id_, slug, day, outcome in session.execute(query)
    ]


@click.command("review-queue")
@click.argument("board_slug")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the only format).")
def review_queue_command(board_slug: str, as_json: bool) -> None:
    """Flagged answers awaiting a safeguarding review, as JSON (never the text)."""
    board = db.session.scalar(select(Board).where(Board.slug == board_slug))
    if board is None:
        raise click.UsageError(f"No board {board_slug!r}.")
    click.echo(json.dumps(queue_rows(db.session, board), indent=2))
