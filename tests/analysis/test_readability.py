import subprocess
import sys
from pathlib import Path

import pytest

from analysis.readability import GRADE_LIMITS, grade, hard_texts, question_texts

SIMPLE = "The cat sat on the mat."
# 9 words, 39 syllables, one sentence: 0.39 * 9 + 11.8 * 39 / 9 - 15.59 = 39.05.
COMPLEX = (
    "Notwithstanding the aforementioned considerations, organisational accountability "
    "necessitates comprehensive evaluation."
)


def test_simple_sentence_has_known_grade() -> None:
    # 6 words of one syllable: 0.39 * 6 + 11.8 * 1 - 15.59 = -1.45.
    assert grade(SIMPLE) == pytest.approx(-1.45)


def test_complex_sentence_has_known_grade() -> None:
    assert grade(COMPLEX) == pytest.approx(39.05, abs=0.01)


def test_empty_text_grades_zero() -> None:
    assert grade("") == 0.0


def test_limits_are_by_age_range() -> None:
    assert GRADE_LIMITS == {"8-12": 5.0, "13-18": 7.0}


def test_hard_texts_keeps_only_texts_over_the_limit_in_order() -> None:
    texts = [("b", COMPLEX), ("a", SIMPLE), ("c", COMPLEX)]

    hard = hard_texts(texts, limit=5.0)

    assert [(label, text) for label, text, _ in hard] == [("b", COMPLEX), ("c", COMPLEX)]
    assert hard[0][2] == pytest.approx(grade(COMPLEX))


def test_a_text_exactly_at_the_limit_is_not_hard() -> None:
    assert hard_texts([("a", SIMPLE)], limit=grade(SIMPLE)) == []


def test_question_texts_joins_hint_and_reads_labels_after_the_question() -> None:
    texts = question_texts("mood", "How do you feel?", "Pick one.", ["Happy", "Sad"])

    assert texts == [
        ("mood", "How do you feel? Pick one."),
        ("mood: Happy", "How do you feel? Happy"),
        ("mood: Sad", "How do you feel? Sad"),
    ]


def test_a_short_label_alone_scores_oddly_but_passes_in_its_question() -> None:
    assert grade("Happy") > 8
    assert hard_texts(question_texts("mood", "How do you feel?", None, ["Happy"]), 5.0) == []


def test_a_hard_word_in_a_label_is_still_caught() -> None:
    texts = question_texts("q", "Who helps you?", None, ["Multidisciplinary professionals"])

    assert [label for label, _, _ in hard_texts(texts, 5.0)] == [
        "q: Multidisciplinary professionals"
    ]


def test_analysis_never_imports_flask_sqlalchemy_or_app() -> None:
    code = (
        "import sys, analysis.readability; "
        "bad = [m for m in ('flask', 'sqlalchemy', 'app') if m in sys.modules]; "
        "sys.exit(', '.join(bad) or None)"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)

    assert result.returncode == 0, result.stderr
