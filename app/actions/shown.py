"""What respondents see of a board's actions: a few recent ones, or all on its public page.

The thank-you page is on the respondent path, so it is rendered once per survey and board
``actions_version`` (``app.respond.pages.thanks``) and this read runs only when that key is
new: a submission never pays for it. Each read is one query on the connection it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Select, select

from app.models import Action, Survey

RECENT = 3
FOR_CHILDREN = {
    "planned": "We plan to do this",
    "in_progress": "We are doing this now",
    "done": "We have done this",
}
FOR_ADULTS = {"planned": "Planned", "in_progress": "In progress", "done": "Done"}
Query = Select[str, str, str, str, str, str, date]


@dataclass(frozen=True)
class Shown:
    """One action as respondents read it."""

    survey: str
    theme: str
    you_said: str
    we_did: str
    for_children: str
    status: str
    acted_on: date

    @property
    def about(self) -> str:
        return ": ".join(part for part in (self.survey, self.theme) if part)

    @property
    def children_status(self) -> str:
        return FOR_CHILDREN[self.status]

    @property
    def adults_status(self) -> str:
        return FOR_ADULTS[self.status]


def _query() -> Query:
    return (
        select(Survey.title, Action.theme, Action.you_said, Action.we_did, Action.for_children,
               Action.status, Action.acted_on)
        .outerjoin(Survey, Survey.id == Action.survey_id)
        .order_by(Action.acted_on.desc(), Action.id.desc())
    )  # fmt: skip


def _read(connection: Connection, query: Query) -> list[Shown]:
    return [Shown(row[0] or "", *row[1:]) for row in connection.execute(query)]


def recent(connection: Connection, board_id: int, besides: int | None = None) -> list[Shown]:
    """The board's latest few actions, leaving out those about survey ``besides``."""
    query = _query().where(Action.board_id == board_id)
    if besides is not None:
        query = query.where((Action.survey_id.is_(None)) | (Action.survey_id != besides))
    return _read(connection, query.limit(RECENT))


def for_closed(connection: Connection, board_id: int, survey_id: int) -> list[Shown]:
    """What the board did about a closed survey, or else its latest few actions."""
    about = _read(connection, _query().where(Action.survey_id == survey_id))
    return about or recent(connection, board_id)


def every(connection: Connection, board_id: int) -> list[Shown]:
    """All the board's actions, latest first, for its public page."""
    return _read(connection, _query().where(Action.board_id == board_id))
