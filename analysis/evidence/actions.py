""" "You said, we did" in the pack: what the board did, and how soon after a survey closed.

The board's own words, not respondents': nothing here is counted, so nothing is suppressed.
An action dated before its survey closed (taken on early results) counts as 0 days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from analysis.pack import Cell, Table

FIRST_ACTION = (
    "The first action is the earliest one in progress or done, or the Touchstones panel "
    "being told what changed; one taken before closing counts as 0 days."
)


@dataclass(frozen=True)
class Closing:
    """A survey that closed in the period, and the day of its first action (None: none yet)."""

    survey: str
    closed_on: date
    first_action_on: date | None = None

    @property
    def days(self) -> int | None:
        if self.first_action_on is None:
            return None
        return max(0, (self.first_action_on - self.closed_on).days)


@dataclass(frozen=True)
class ActionLine:
    """One action as the pack lists it; ``status`` is already in words ("In progress")."""

    about: str
    you_said: str
    we_did: str
    status: str
    acted_on: date


def _day(day: date) -> str:
    return f"{day:%-d %B %Y}"


def _closing_row(closing: Closing) -> tuple[Cell, ...]:
    first = closing.first_action_on
    return (closing.survey, _day(closing.closed_on), _day(first) if first else "None yet",
            closing.days)  # fmt: skip


def closing_statement(closings: Sequence[Closing]) -> tuple[str, ...]:
    """How many closed surveys led to an action, and the median days to the first."""
    days = sorted(c.days for c in closings if c.days is not None)
    if not days:
        return ()
    median = days[len(days) // 2]
    return (f"Of {len(closings)} survey(s) that closed, {len(days)} led to an action people "
            f"were told about, a median of {median} day(s) after closing.",)  # fmt: skip


def action_tables(closings: Sequence[Closing], actions: Sequence[ActionLine]) -> tuple[Table, ...]:
    """The time from each closing to its first action, and every action, when there are any."""
    tables = []
    if closings:
        tables.append(Table(
            "From a survey closing to its first action",
            ("Survey", "Closed", "First action", "Days from closing"),
            tuple(_closing_row(c) for c in closings), (FIRST_ACTION,),
        ))  # fmt: skip
    if actions:
        tables.append(Table(
            "You said, we did", ("About", "You said", "We did", "Status", "Date"),
            tuple((a.about, a.you_said, a.we_did, a.status, _day(a.acted_on)) for a in actions),
        ))  # fmt: skip
    return tuple(tables)
