"""Plausible synthetic answers for any questionnaire, from a seeded random source."""

import random

from app.demo.plan import TEXT_ANSWERS
from app.questionnaires.definition import SCALES, Question

AnswerValue = str | list[str]


def synthetic_answer(question: Question, rng: random.Random) -> AnswerValue | None:
    """An answer a respondent might give, or None when they skip the question."""
    if not question.required and rng.random() < 0.12:
        return None
    options = [o.value for o in (question.options or SCALES.get(question.type, ()))]
    if question.type in ("agree", "faces", "rating"):
        # Lean positive, as real surveys do, with a tail of low scores.
        return options[
            min(len(options) - 1, int(rng.triangular(0, len(options), len(options) * 0.75)))
        ]
    if question.type == "multi":
        return rng.sample(options, k=rng.randint(1, min(3, len(options))))
    if question.type in ("short_text", "long_text"):
        return rng.choice(TEXT_ANSWERS) if rng.random() < 0.5 else None
    return rng.choice(options)


def synthetic_answers(questions: list[Question], rng: random.Random) -> dict[str, AnswerValue]:
    answers = {q.key: synthetic_answer(q, rng) for q in questions}
    return {key: value for key, value in answers.items() if value}
