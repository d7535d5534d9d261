"""Reading grade of survey wording, so that questions stay within their readers' reading age."""

from __future__ import annotations

from collections.abc import Iterable

from textstat.backend import metrics

GRADE_LIMITS = {"8-12": 5.0, "13-18": 7.0}
_LANGUAGE = "en_US"


def grade(text: str) -> float:
    """Flesch-Kincaid grade (US school grade, can be below 0) of English text; 0.0 if empty."""
    # The backend function, not textstat's module-level object, so no global setting can change it.
    return float(metrics.flesch_kincaid_grade(text, _LANGUAGE))


def question_texts(
    key: str, text: str, hint: str | None, labels: Iterable[str]
) -> list[tuple[str, str]]:
    """Texts to grade: text plus hint as one, and each option label read after its question text."""
    # A label graded alone is a one- or two-word fragment: "Happy" alone scores grade 8.4.
    texts = [(key, f"{text} {hint or ''}".strip())]
    texts += [(f"{key}: {label}", f"{text} {label}") for label in labels]
    return texts


def hard_texts(texts: Iterable[tuple[str, str]], limit: float) -> list[tuple[str, str, float]]:
    """The (label, text, grade) of each text graded above limit, in the order given."""
    graded = ((label, text, grade(text)) for label, text in texts)
    return [(label, text, score) for label, text, score in graded if score > limit]
