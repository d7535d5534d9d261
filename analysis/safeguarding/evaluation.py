"""The detector measured on the labelled set Chorus wrote itself (``labelled.csv``).

Each row is a short text with its label: ``disclosure`` (a clear one, with the category it
belongs to), ``reassurance`` ("nobody hurts me"), ``complaint`` (an ordinary one) or
``idiom`` ("I want to die of boredom"), and its part: ``dev``, written first and used to
shape the lexicon, or ``held_out``, written after the lexicon was frozen and never used to
change it. A disclosure counts as found when it is flagged in its own category; a false
alarm is any other text flagged.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from analysis.safeguarding.detector import Finding
from analysis.safeguarding.lexicon import CATEGORIES

LABELLED = Path(__file__).parent / "labelled.csv"
LABELS = ("disclosure", "reassurance", "complaint", "idiom")
PARTS = (
    "dev",
    "dev2",
    "dev3",
    "dev4",
    "dev5",
    "dev6",
    "dev7",
    "dev8",
    "dev9",
    "held_out",
    "held_out_5",
    "held_out_6",
)


@dataclass(frozen=True)
class Labelled:
    """One text of the labelled set."""

    text: str
    label: str
    category: str  # a CATEGORIES key for a disclosure, else ""
    part: str


@dataclass(frozen=True)
class Rate:
    """A count out of a total."""

    count: int
    total: int

    @property
    def share(self) -> float:
        """count / total, or 0 for an empty total."""
        return self.count / self.total if self.total else 0.0


@dataclass(frozen=True)
class Evaluation:
    """Recall on disclosures (overall and per category), false alarms per label, and the texts."""

    recall: Rate
    recall_by_category: dict[str, Rate]
    false_alarms_by_label: dict[str, Rate]
    misses: tuple[Labelled, ...]
    false_alarms: tuple[tuple[Labelled, Finding], ...]


def load(path: Path = LABELLED) -> list[Labelled]:
    """The labelled set; ValueError naming the row for an unknown label, category or part."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [
            Labelled(r["text"], r["label"], r["category"], r["part"])
            for r in csv.DictReader(handle)
        ]
    for number, row in enumerate(rows, start=2):
        category_ok = row.category in CATEGORIES if row.label == "disclosure" else not row.category
        if row.label not in LABELS or row.part not in PARTS or not category_ok:
            raise ValueError(f"{path.name} row {number}: bad label, category or part: {row}")
    return rows


def evaluate(rows: Sequence[Labelled], scan: Callable[[str], Finding]) -> Evaluation:
    """How scan does on rows."""
    findings = [scan(row.text) for row in rows]
    found = [
        row.category in finding.categories for row, finding in zip(rows, findings, strict=True)
    ]
    disclosures = [i for i, row in enumerate(rows) if row.label == "disclosure"]
    return Evaluation(
        recall=_rate(found[i] for i in disclosures),
        recall_by_category={
            category: _rate(found[i] for i in disclosures if rows[i].category == category)
            for category in CATEGORIES
        },
        false_alarms_by_label={
            label: _rate(
                f.flagged for row, f in zip(rows, findings, strict=True) if row.label == label
            )
            for label in LABELS[1:]
        },
        misses=tuple(rows[i] for i in disclosures if not found[i]),
        false_alarms=tuple(
            (row, f)
            for row, f in zip(rows, findings, strict=True)
            if row.label != "disclosure" and f.flagged
        ),
    )


def _rate(hits: Iterable[bool]) -> Rate:
    values = list(hits)
    return Rate(sum(values), len(values))
