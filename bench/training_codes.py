"""The personal-code benchmark: `python -m bench.training_codes` (or `make bench-training`).

It builds a synthetic cohort (``bench.training_cohort``: attendees in sessions, some not
answering, some answering twice, some misremembering one or two parts at follow-up), hashes
every code with Chorus's own ``hash_parts`` and matches each session's phases with Chorus's
matcher, as the results do. Because the benchmark knows who really sent each answer, it
counts correct links, missed ones (an attendee who answered both phases but was not linked)
and wrong ones (two people linked), for before -> end and end -> follow-up, and prints the
match rate beside the 75-95% that published studies of such codes report at 1-4 months.
It then times matching, per session and in one call over the whole cohort.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from analysis.training.codes import hash_parts
from analysis.training.matching import Matching, Record, chains, match
from bench.training_cohort import REALISTIC, Cohort, build

SECRET = b"the course's secret, for the benchmark"
TARGET_SECONDS = 1.0
PUBLISHED = "published: 75-95% of pairs at 1-4 months"
Phases = dict[str, list[Record]]


@dataclass
class Score:
    """Links between two phases against the truth; ``possible`` people answered both."""

    possible: int = 0
    correct: int = 0
    wrong: int = 0
    ambiguous: int = 0
    later: int = 0

    @property
    def missed(self) -> int:
        return self.possible - self.correct

    @property
    def rate(self) -> float:
        """Correct links over people who could be linked, in percent."""
        return 100 * self.correct / self.possible if self.possible else 0.0

    def add(self, other: Score) -> None:
        for name in ("possible", "correct", "wrong", "ambiguous", "later"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


# (flag, type, default, help)
OPTIONS: tuple[tuple[str, type, object, str], ...] = (
    ("--attendees", int, 2000, "attendees in the cohort (2000)"),
    ("--seed", int, 2026, "seed of the cohort (2026)"),
    ("--one-slip", float, 0.10, "share misremembering one part at follow-up (0.10)"),
    ("--two-slips", float, 0.02, "share misremembering two parts at follow-up (0.02)"),
    ("--follow-up", float, 0.5, "share answering the follow-up (0.5)"),
    ("--timing-attendees", int, 10_000, "a larger cohort matched in one call, timed (10000)"),
    ("--runs", int, 3, "runs of each timing; medians are shown (3)"),
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.training_codes", description=__doc__)
    for flag, kind, default, help_text in OPTIONS:
        parser.add_argument(flag, type=kind, default=default, help=help_text)
    return parser.parse_args(argv)


def hashed(cohort: Cohort) -> tuple[dict[int, Phases], dict[str, int]]:
    """Each session's records per phase, and who really sent each record."""
    sessions: dict[int, Phases] = defaultdict(lambda: defaultdict(list))
    for answer in cohort.answers:
        record = Record(answer.id, hash_parts(SECRET, answer.typed))
        sessions[answer.session][answer.phase].append(record)
    return sessions, {a.id: a.person for a in cohort.answers}


def score(found: Matching, earlier: Sequence[Record], later: Sequence[Record],
          owner: Mapping[str, int]) -> Score:  # fmt: skip
    """Count ``found`` against the truth in ``owner``."""
    both = {owner[r.id] for r in earlier} & {owner[r.id] for r in later}
    right = {owner[e] for e, lat in found.pairs if owner[e] == owner[lat]}
    wrong = sum(owner[e] != owner[lat] for e, lat in found.pairs)
    return Score(len(both), len(right), wrong, len(found.ambiguous), len(later))


def transitions(sessions: Mapping[int, Phases], owner: Mapping[str, int],
                tolerance: int = 1) -> dict[str, Score]:  # fmt: skip
    """Scores summed over sessions, for before -> end and end -> follow-up."""
    totals = {"before -> end": Score(), "end -> follow-up": Score()}
    for phases in sessions.values():
        for label, (a, b) in zip(totals, (("before", "end"), ("end", "follow_up")), strict=True):
            found = match(phases[a], phases[b], tolerance)
            totals[label].add(score(found, phases[a], phases[b], owner))
    return totals


def whole_chains(sessions: Mapping[int, Phases], owner: Mapping[str, int]) -> tuple[int, int, int]:
    """People who answered all three phases, those linked rightly through all, wrong chains."""
    possible = right = wrong = 0
    for phases in sessions.values():
        people = [{owner[r.id] for r in phases[p]} for p in ("before", "end", "follow_up")]
        possible += len(people[0] & people[1] & people[2])
        for chain in chains(phases["before"], phases["end"], phases["follow_up"]):
            owners = {owner[i] for i in chain if i is not None}
            right += None not in chain and len(owners) == 1
            wrong += len(owners) > 1
    return possible, right, wrong


def timed(work: Callable[[], object], runs: int) -> float:
    """Median seconds of ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pooled(sessions: Mapping[int, Phases], a: str, b: str) -> tuple[list[Record], list[Record]]:
    """Every session's records of two phases, as if the course were one room."""
    return ([r for p in sessions.values() for r in p[a]],
            [r for p in sessions.values() for r in p[b]])  # fmt: skip


def row(label: str, s: Score, note: str = "") -> None:
    print(f"  {label:<30}{s.possible:>9,}{s.correct:>9,}{s.missed:>8,}{s.wrong:>7,}"
          f"{s.ambiguous:>11,}{s.rate:>11.1f}%{'   ' + note if note else ''}")  # fmt: skip


def header() -> None:
    print(f"  {'':<30}{'possible':>9}{'correct':>9}{'missed':>8}{'wrong':>7}{'ambiguous':>11}"
          f"{'match rate':>12}")  # fmt: skip


def describe(cohort: Cohort, args: argparse.Namespace) -> None:
    answered = defaultdict(int)
    slipped: dict[tuple[str, int], int] = defaultdict(int)
    for answer in cohort.answers:
        answered[answer.phase] += 1
        slipped[(answer.phase, answer.slips)] += 1
    print(f"Chorus personal-code benchmark: {cohort.people:,} attendees in {cohort.sessions} "
          f"sessions of 10-30, seed {args.seed}.")  # fmt: skip
    print(f"  answers: before {answered['before']:,}, at the end {answered['end']:,}, "
          f"follow-up {answered['follow_up']:,} (some sent twice)")  # fmt: skip
    follow = answered["follow_up"] or 1
    print(f"  follow-up codes with one part wrong: {slipped[('follow_up', 1)]:,} "
          f"({100 * slipped[('follow_up', 1)] / follow:.1f}%), two parts: "
          f"{slipped[('follow_up', 2)]:,} ({100 * slipped[('follow_up', 2)] / follow:.1f}%); "
          f"at the end, one part: {slipped[('end', 1)]:,}")  # fmt: skip


def shared(sessions: Mapping[int, Phases], owner: Mapping[str, int]) -> tuple[int, int]:
    """Pairs of different people in a session whose before codes are the same, or one apart."""
    same = near = 0
    for phases in sessions.values():
        records = phases["before"]
        for i, a in enumerate(records):
            for b in records[i + 1 :]:
                if owner[a.id] != owner[b.id]:
                    apart = sum(x != y for x, y in zip(a.parts, b.parts, strict=True))
                    same, near = same + (apart == 0), near + (apart == 1)
    return same, near


def accuracy(sessions: Mapping[int, Phases], owner: Mapping[str, int]) -> None:
    """Print the table of correct, missed and wrong links."""
    same, near = shared(sessions, owner)
    print(f"  codes shared by chance in a session (before): {same} pairs of people the same, "
          f"{near} one part apart\n")  # fmt: skip
    header()
    for label, s in transitions(sessions, owner).items():
        row(label, s, PUBLISHED if "follow" in label else "")
    exact = transitions(sessions, owner, tolerance=0)["end -> follow-up"]
    row("end -> follow-up, exact only", exact)
    pool = pooled(sessions, "end", "follow_up")
    row("end -> follow-up, no sessions", score(match(*pool), *pool, owner))
    possible, right, wrong = whole_chains(sessions, owner)
    share = 100 * right / possible if possible else 0.0
    print(f"  {'three phases linked':<30}{possible:>9,}{right:>9,}{possible - right:>8,}"
          f"{wrong:>7,}{'':>11}{share:>11.1f}%\n")  # fmt: skip


def timing(label: str, seconds: float, note: str = "") -> None:
    print(f"  {label:<60}{seconds:7.3f} s{'   ' + note if note else ''}")


def timings(cohort: Cohort, sessions: Mapping[int, Phases], args: argparse.Namespace) -> bool:
    """Print the median times; True when every one-call match met its target."""

    def per_session() -> None:
        for p in sessions.values():
            chains(p["before"], p["end"], p["follow_up"])

    timing("matching every session, three phases (as the results do)",
           timed(per_session, args.runs))  # fmt: skip
    met = True
    for people in (cohort.people, args.timing_attendees):
        big = sessions if people == cohort.people else hashed(build(people, args.seed + 1))[0]
        before, end = pooled(big, "before", "end")
        took = timed(lambda b=before, e=end: match(b, e), args.runs)
        met &= took < TARGET_SECONDS
        verdict = "met" if took < TARGET_SECONDS else "NOT MET"
        timing(f"one match over a whole cohort, {len(before):,} x {len(end):,} codes", took,
               f"[target < {TARGET_SECONDS:g} s: {verdict}]")  # fmt: skip
    return met


def main(argv: list[str] | None = None) -> int:
    """Print the accuracy table and the timings; non-zero if a timing missed its target."""
    args = parse_args(argv)
    rates = replace(REALISTIC, one_slip={**REALISTIC.one_slip, "follow_up": args.one_slip},
                    two_slips={**REALISTIC.two_slips, "follow_up": args.two_slips},
                    answer={**REALISTIC.answer, "follow_up": args.follow_up})  # fmt: skip
    cohort = build(args.attendees, args.seed, rates)
    describe(cohort, args)
    sessions, owner = hashed(cohort)
    accuracy(sessions, owner)
    return 0 if timings(cohort, sessions, args) else 1


if __name__ == "__main__":
    raise SystemExit(main())
