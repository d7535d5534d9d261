"""Which questions of a children's questionnaire read above their readers' age."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.readability import GRADE_LIMITS, hard_texts, question_texts
from app.questionnaires.definition import Definition


@dataclass(frozen=True)
class ReadingWarning:
    """One hard text: the question (option None) or one of its answers, and its grade."""

    option: str | None
    grade: float
    limit: float


def _band(name: str) -> tuple[int, int]:
    low, high = name.split("-")
    return int(low), int(high)


def grade_limit(audience: str, age_range: str | None) -> float | None:
    """The highest reading grade for the youngest reader; None for adults' questionnaires."""
    if audience != "child":
        return None
    bands = sorted((_band(name), limit) for name, limit in GRADE_LIMITS.items())
    if not age_range:
        return bands[0][1]  # age unknown: write for the youngest
    youngest = _band(age_range)[0]
    return next((limit for (_, high), limit in bands if youngest <= high), bands[-1][1])


def reading_warnings(definition: Definition) -> dict[str, list[ReadingWarning]]:
    """Hard texts by question key: none for adults' questionnaires or questions that read well."""
    limit = grade_limit(definition.audience, definition.age_range)
    if limit is None:
        return {}
    warnings: dict[str, list[ReadingWarning]] = {}
    for question in definition.questions():
        labels = [option.label for option in question.options]
        texts = question_texts(question.key, question.text, question.hint, labels)
        found = [
            ReadingWarning(
                None if label == question.key else label.removeprefix(f"{question.key}: "),
                grade,
                limit,
            )
            for label, _, grade in hard_texts(texts, limit)
        ]
        if found:
            warnings[question.key] = _worth_saying(found)
    return warnings


def _worth_saying(found: list[ReadingWarning]) -> list[ReadingWarning]:
    """The question's own warning alone when its wording is hard, else the hard answers."""
    # Each answer is graded read after the question, so a hard question makes every answer
    # look hard too; the fix is in the question's wording.
    question = [warning for warning in found if warning.option is None]
    return question or found
