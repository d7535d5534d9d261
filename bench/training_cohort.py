"""A synthetic training cohort: attendees, their personal codes, and what they type at each phase.

Answers follow rough English frequencies (initials of mothers born 1950-1985 and of
birthplaces, days of the month weighted by the months that have them, older siblings from
household surveys), so chance near-matches are as common as in a real room. At each phase
an attendee may not answer, may answer twice, or may misremember parts of the code: at the
end of the day rarely, at follow-up more often (siblings and birthplace most, as studies of
self-generated codes report). Spelling varies ("m", "07", "none") as people type it.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

from analysis.training.codes import MAX_COUNT

PHASES = ("before", "end", "follow_up")

# fmt: off
MOTHER = dict(zip("JSMACLPKDEBGHRTVNWYFIOZUQX", (
    130, 110, 100, 70, 70, 60, 60, 50, 50, 40, 40, 30, 30, 30, 30, 20, 20, 12, 10, 10, 10, 5,
    5, 2, 1, 1), strict=True))
BIRTHPLACE = dict(zip("BLSCMWNHPDAGRTEKOYFIJUVZQX", (
    110, 130, 100, 80, 70, 70, 60, 60, 40, 40, 30, 30, 30, 30, 20, 20, 10, 10, 10, 8, 5, 5, 4,
    2, 1, 1), strict=True))
OLDER_SIBLINGS = {"0": 42, "1": 32, "2": 14, "3": 6, "4": 3, "5": 1.5, "6": 0.7, "7": 0.4,
                  "8": 0.2, "9": 0.2}
# Which part a misremembering attendee gets wrong.
SLIPS = {"siblings": 35, "birthplace": 30, "birthday": 20, "mother": 15}
# fmt: on


@dataclass(frozen=True)
class Rates:
    """How attendees behave at each phase: answering, answering twice, and slips."""

    answer: Mapping[str, float]
    twice: float  # share of answers sent a second time in the same phase
    one_slip: Mapping[str, float]  # share of answers with one part wrong
    two_slips: Mapping[str, float]  # share with two parts wrong


REALISTIC = Rates(
    answer={"before": 0.92, "end": 0.88, "follow_up": 0.50},
    twice=0.005,
    one_slip={"before": 0.0, "end": 0.02, "follow_up": 0.10},
    two_slips={"before": 0.0, "end": 0.0, "follow_up": 0.02},
)


@dataclass(frozen=True)
class Answer:
    """One submitted code: whose it really is (known only to the benchmark) and as typed."""

    id: str
    person: int
    session: int
    phase: str
    typed: Mapping[str, str]
    slips: int


@dataclass(frozen=True)
class Cohort:
    sessions: int
    people: int
    answers: tuple[Answer, ...]


def _pick(rng: random.Random, weights: Mapping[str, float], avoid: str = "") -> str:
    choices = [k for k in weights if k != avoid]
    return rng.choices(choices, [weights[k] for k in choices])[0]


def _day(rng: random.Random) -> str:
    # Day 29 is in 12 months of 4 years but one, 30 in 11 months, 31 in 7.
    weights = {str(d): 12.0 for d in range(1, 29)} | {"29": 11.75, "30": 11.0, "31": 7.0}
    return _pick(rng, weights)


def true_code(rng: random.Random) -> dict[str, str]:
    """One attendee's real answers, canonical."""
    return {
        "mother": _pick(rng, MOTHER),
        "birthday": _day(rng),
        "siblings": _pick(rng, OLDER_SIBLINGS),
        "birthplace": _pick(rng, BIRTHPLACE),
    }


def slip(rng: random.Random, key: str, value: str) -> str:
    """A plausible wrong answer: siblings off by one, a day mistyped, another initial."""
    if key == "siblings":
        count = int(value)
        up = count == 0 or (count < MAX_COUNT and rng.random() < 0.5)
        return str(count + 1 if up else count - 1)
    if key == "birthday":
        wrong = int(value) + rng.choice((-1, 1, 10, -10))
        return str(wrong) if 1 <= wrong <= 31 else _day(rng)
    return _pick(rng, MOTHER if key == "mother" else BIRTHPLACE, avoid=value)


def typed(rng: random.Random, code: Mapping[str, str]) -> dict[str, str]:
    """The code as someone might type it: lower case, a leading zero, "none"."""
    out = dict(code)
    for key in ("mother", "birthplace"):
        if rng.random() < 0.4:
            out[key] = out[key].lower()
    if len(out["birthday"]) == 1 and rng.random() < 0.2:
        out["birthday"] = "0" + out["birthday"]
    if out["siblings"] == "0" and rng.random() < 0.1:
        out["siblings"] = "none"
    return out


def remembered(
    rng: random.Random, code: Mapping[str, str], phase: str, rates: Rates
) -> tuple[dict[str, str], int]:
    """The code as recalled at ``phase`` and how many parts are wrong."""
    draw, wrong = rng.random(), 0
    if draw < rates.two_slips[phase]:
        wrong = 2
    elif draw < rates.two_slips[phase] + rates.one_slip[phase]:
        wrong = 1
    keys: list[str] = []
    while len(keys) < wrong:
        key = _pick(rng, SLIPS)
        keys += [key] if key not in keys else []
    return {k: slip(rng, k, v) if k in keys else v for k, v in code.items()}, wrong


def sizes(rng: random.Random, people: int, smallest: int, largest: int) -> list[int]:
    """Session sizes from ``smallest`` to ``largest`` that add up to ``people``."""
    out: list[int] = []
    while sum(out) < people:
        out.append(min(rng.randint(smallest, largest), people - sum(out)))
    return out


def build(people: int, seed: int, rates: Rates = REALISTIC, room: tuple[int, int] = (10, 30)
          ) -> Cohort:  # fmt: skip
    """``people`` attendees in sessions of ``room`` sizes, and every answer they send."""
    rng = random.Random(seed)
    answers: list[Answer] = []
    person = 0
    session_sizes = sizes(rng, people, *room)
    for session, size in enumerate(session_sizes):
        for _ in range(size):
            code = true_code(rng)
            for phase in PHASES:
                answers += _phase_answers(rng, code, (person, session, phase), rates, len(answers))
            person += 1
    return Cohort(len(session_sizes), people, tuple(answers))


def _phase_answers(rng: random.Random, code: Mapping[str, str], where: tuple[int, int, str],
                   rates: Rates, count: int) -> list[Answer]:  # fmt: skip
    """What one attendee sends at one phase: nothing, one answer, or the same one twice."""
    person, session, phase = where
    if rng.random() >= rates.answer[phase]:
        return []
    recalled, wrong = remembered(rng, code, phase, rates)
    times = 2 if rng.random() < rates.twice else 1
    return [Answer(f"a{count + i}", person, session, phase, typed(rng, recalled), wrong)
            for i in range(times)]  # fmt: skip
