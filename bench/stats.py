"""Counting what the simulated respondents saw, and summarising it."""

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# page: a questionnaire page (GET); save: a page that is not the last (POST, 303);
# send: the last page (POST, the thank-you page).
KINDS = ("page", "save", "send")


@dataclass
class Tally:
    """One thread's, process's or run's observations; tallies add up with merge()."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    errors: Counter[str] = field(default_factory=Counter)
    accepted: Counter[str] = field(default_factory=Counter)  # thank-you pages, by questionnaire
    answers: int = 0  # answer values sent in the accepted responses
    started: int = 0
    retries: int = 0
    unconfirmed: int = 0  # last pages sent that never got a thank-you page, even when retried
    unconfirmed_answers: int = 0
    out_of_links: bool = False
    elapsed: float = 0.0
    client_cpu: float = 0.0

    def record(self, kind: str, seconds: float) -> None:
        self.latencies[kind].append(seconds * 1000)

    def merge(self, other: "Tally") -> None:
        for kind, values in other.latencies.items():
            self.latencies.setdefault(kind, []).extend(values)
        self.errors.update(other.errors)
        self.accepted.update(other.accepted)
        self.answers += other.answers
        self.started += other.started
        self.retries += other.retries
        self.unconfirmed += other.unconfirmed
        self.unconfirmed_answers += other.unconfirmed_answers
        self.out_of_links = self.out_of_links or other.out_of_links
        self.elapsed = max(self.elapsed, other.elapsed)
        self.client_cpu += other.client_cpu

    def rate(self, kind: str) -> float:
        """Successful requests of one kind per second."""
        return len(self.latencies[kind]) / self.elapsed if self.elapsed else 0.0

    def complete_per_second(self) -> float:
        return self.accepted.total() / self.elapsed if self.elapsed else 0.0


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (share in 0..1) of a non-empty sequence; 0 when empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


def median(values: Iterable[float]) -> float:
    found = list(values)
    return statistics.median(found) if found else 0.0


def merged(tallies: Iterable[Tally]) -> Tally:
    total = Tally()
    for tally in tallies:
        total.merge(tally)
    return total
