"""A course's code records, session by session, linked into chains of one attendee's answers.

The input is one row per answer with its code: ``response``, ``session``, ``phase``
("before", "end" or "follow_up") and ``parts`` (the tuple of part hashes). Matching stays
inside a session: across a whole course, chance near-matches between strangers make many
codes ambiguous and some links wrong (``make bench-training`` measures both).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.training.matching import Record, chains, match

PHASES = ("before", "end", "follow_up")
STEPS = (("before", "end"), ("end", "follow_up"))
RESPONSE, SESSION, PHASE, PARTS = "response", "session", "phase", "parts"
CHAIN_COLUMNS = [SESSION, *PHASES]


@dataclass(frozen=True)
class Step:
    """Answers at the later phase of a step: how many, linked, and set aside as ambiguous."""

    later: int = 0
    linked: int = 0
    ambiguous: int = 0

    def __add__(self, other: Step) -> Step:
        return Step(self.later + other.later, self.linked + other.linked,
                    self.ambiguous + other.ambiguous)  # fmt: skip


@dataclass(frozen=True)
class Linking:
    """Chains (session, before, end, follow_up: response ids or None) and each step's counts."""

    chains: pd.DataFrame
    steps: dict[tuple[str, str], Step]

    def pairs(self, first: str, then: str) -> pd.DataFrame:
        """The chains holding an answer at both phases: session and the two response ids."""
        both = self.chains[self.chains[first].notna() & self.chains[then].notna()]
        return both[[SESSION, first, then]]


def _records(group: pd.DataFrame, phase: str) -> list[Record]:
    mine = group[group[PHASE] == phase]
    return [Record(str(r), tuple(p)) for r, p in zip(mine[RESPONSE], mine[PARTS], strict=True)]


def _session(group: pd.DataFrame) -> tuple[list[tuple], dict[tuple[str, str], Step]]:
    """One session's chains and step counts."""
    phases = {phase: _records(group, phase) for phase in PHASES}
    steps = {}
    for first, then in STEPS:
        found = match(phases[first], phases[then])
        steps[(first, then)] = Step(len(phases[then]), len(found.pairs), len(found.ambiguous))
    return [tuple(chain) for chain in chains(*(phases[p] for p in PHASES))], steps


def link(codes: pd.DataFrame) -> Linking:
    """Every answer in one chain, and the steps' counts summed over sessions."""
    rows: list[tuple] = []
    steps = {step: Step() for step in STEPS}
    for session, group in codes.groupby(SESSION, sort=True):
        found, counts = _session(group)
        rows += [(session, *chain) for chain in found]
        steps = {step: steps[step] + counts[step] for step in STEPS}
    frame = pd.DataFrame(rows, columns=CHAIN_COLUMNS, dtype=object)
    return Linking(frame, steps)


def codes_frame(rows: Sequence[tuple[str, int, str, Sequence[str]]]) -> pd.DataFrame:
    """The input of ``link`` from (response, session, phase, parts) rows."""
    return pd.DataFrame(
        [(r, s, p, tuple(parts)) for r, s, p, parts in rows],
        columns=[RESPONSE, SESSION, PHASE, PARTS],
    )
