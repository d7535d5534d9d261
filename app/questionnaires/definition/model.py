"""Questionnaire definitions as frozen values: questions, sections, the fixed answer scales."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

SCALE_TYPES = ("agree", "faces", "yes_no", "rating")
CHOICE_TYPES = ("single", "multi", "age_band")
TEXT_TYPES = ("short_text", "long_text")
QUESTION_TYPES = (*SCALE_TYPES, *CHOICE_TYPES, *TEXT_TYPES)
AUDIENCES = ("child", "family", "practitioner", "training")
PHASES = ("before", "after", "follow_up")
FRAMEWORKS = ("children", "frontline")
LEVELS = ("strategic", "operational", "individual")
KIRKPATRICK = ("reaction", "learning", "behaviour")
TEXT_LIMITS = {"short_text": 200, "long_text": 2000}
MAX_TEXT_LIMIT = 5000
OUTCOME = "{outcome}"


class DefinitionError(ValueError):
    """A questionnaire definition is malformed; the message names the first problem found."""


@dataclass(frozen=True)
class Option:
    """One answer a respondent can pick: `value` is stored, `label` is shown."""

    value: str
    label: str


@dataclass(frozen=True)
class Tags:
    """Where a question's evidence belongs: framework, frontline level, Kirkpatrick level."""

    framework: str | None = None
    level: str | None = None
    kirkpatrick: str | None = None
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    """One question; `key` keeps its meaning and type across versions and questionnaires."""

    key: str
    type: str
    text: str
    hint: str | None = None
    required: bool = False
    options: tuple[Option, ...] = ()
    max_length: int | None = None
    per_outcome: bool = False
    tags: Tags = Tags()


@dataclass(frozen=True)
class Section:
    """One page of questions, shown under its title."""

    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Definition:
    """A whole questionnaire; `slug` and `version` identify it, keys are unique within it."""

    slug: str
    title: str
    audience: str
    age_range: str | None
    phase: str | None
    summary: str
    intro: str
    version: int
    sections: tuple[Section, ...]

    def questions(self) -> Iterator[Question]:
        """Yield every question in page order."""
        for section in self.sections:
            yield from section.questions

    def expand_outcomes(self, outcomes: Sequence[str]) -> Definition:
        """A copy with each per-outcome question repeated per outcome, keyed key.1, key.2..."""
        if not any(question.per_outcome for question in self.questions()):
            return self
        cleaned = [outcome.strip() for outcome in outcomes]
        if not cleaned or not all(cleaned):
            raise ValueError("per-outcome questions need at least one outcome and no blank ones")
        sections = tuple(
            replace(s, questions=tuple(q for old in s.questions for q in _expand(old, cleaned)))
            for s in self.sections
        )
        return replace(self, sections=sections)


def _expand(question: Question, outcomes: list[str]) -> Iterator[Question]:
    """Yield the question itself, or one copy per outcome with the outcome written in."""
    if not question.per_outcome:
        yield question
        return
    for n, outcome in enumerate(outcomes, 1):
        yield replace(
            question,
            key=f"{question.key}.{n}",
            text=question.text.replace(OUTCOME, outcome),
            hint=question.hint.replace(OUTCOME, outcome) if question.hint else None,
            per_outcome=False,
        )


def scale(*labels: str, start: int = 1) -> tuple[Option, ...]:
    """Options valued start, start + 1, ... with these labels."""
    return tuple(Option(str(n), label) for n, label in enumerate(labels, start))


SCALES: dict[str, tuple[Option, ...]] = {
    "agree": scale(
        "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"
    ),
    "faces": scale("Very unhappy", "Unhappy", "Okay", "Happy", "Very happy"),
    "yes_no": (Option("yes", "Yes"), Option("no", "No"), Option("not_sure", "Not sure")),
    "rating": scale(*(str(n) for n in range(11)), start=0),
    "age_band": (
        *(Option(band, band.replace("-", " to ")) for band in ("8-10", "11-12", "13-15", "16-18")),
        Option("prefer_not_to_say", "Prefer not to say"),
    ),
}
