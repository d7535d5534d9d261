"""Plausible synthetic answers for any questionnaire, from a seeded random source.

One respondent has a mood that colours all their scale answers, "about you" answers in
realistic proportions (a child in care or with a social worker feels a little less safe)
and, about a third of the time, something to say in the comment boxes.
"""

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from app.demo import plan
from app.demo.comments import comment_pool
from app.questionnaires.definition import SCALES, TEXT_TYPES, Question

AnswerValue = str | list[str]
SCALE_ANSWERS = frozenset({"agree", "faces", "rating"})


@dataclass(frozen=True)
class Run:
    """What shapes one survey's answers: who answers, which year, which places."""

    audience: str
    questionnaire: str
    previous: bool = False
    places: Mapping[str, str] = field(default_factory=dict)
    lean: float = 0.0  # the board's shift on every scale


@dataclass(frozen=True)
class Respondent:
    mood: float
    writes: bool


def synthetic_answers(
    questions: Sequence[Question], run: Run, rng: random.Random
) -> dict[str, AnswerValue]:
    """One respondent's answers; questions they skip are left out."""
    about = {q.key: _weighted(q, rng) for q in questions if q.key in plan.ABOUT_WEIGHTS}
    respondent = Respondent(_mood(about, rng) + run.lean, rng.random() < plan.TEXT_SHARE)
    answers: dict[str, AnswerValue | None] = {}
    first_text = True
    for question in questions:
        if question.key in about:
            answers[question.key] = about[question.key]
        elif question.type in TEXT_TYPES:
            answers[question.key] = _comment(question, run, respondent, first_text, rng)
            first_text = False
        elif question.required or rng.random() >= plan.SKIP_SHARE:
            answers[question.key] = _answer(question, run, respondent, rng)
    return {key: value for key, value in answers.items() if value}


def _mood(about: Mapping[str, AnswerValue | None], rng: random.Random) -> float:
    vulnerable = any(about.get(key) == value for key, value in plan.VULNERABLE.items())
    return rng.gauss(0, plan.MOOD_SPREAD) - (plan.VULNERABLE_DIP if vulnerable else 0)


def _answer(
    question: Question, run: Run, respondent: Respondent, rng: random.Random
) -> AnswerValue:
    options = [o.value for o in (question.options or SCALES.get(question.type, ()))]
    if question.type in SCALE_ANSWERS:
        return options[_scale_step(question.key, len(options), run, respondent.mood, rng)]
    if question.type == "yes_no":
        lean = {**plan.YES_NO, "yes": plan.YES_NO["yes"] + respondent.mood}
        return _pick(options, lean, rng)
    if question.type == "multi":
        chosen = rng.sample(options, k=rng.randint(1, min(3, len(options))))
        return ["nothing"] if "nothing" in chosen else chosen
    return rng.choice(options)


def _scale_step(key: str, size: int, run: Run, mood: float, rng: random.Random) -> int:
    """A step on a scale of `size`, leaning as the plan says; a year ago a little lower."""
    base = key.split(".")[0]  # per-outcome questions are keyed confidence.1, confidence.2...
    default = plan.QUESTIONNAIRE_LEAN.get(run.questionnaire, plan.DEFAULT_LEAN)
    lean = min(0.95, max(0.05, plan.QUESTION_LEAN.get(base, default) + mood))
    step = min(size - 1, int(_position(lean, rng) * size))
    if run.previous and rng.random() < plan.PREVIOUS_YEAR_DIP.get(base, 0):
        step = max(0, step - 1)
    return step


def _position(lean: float, rng: random.Random) -> float:
    """Where on a scale (0 to 1) an answer falls: near `lean`, or anywhere for the tail."""
    if rng.random() < plan.TAIL:
        return rng.random()
    spread = plan.LEAN_CONCENTRATION
    return rng.betavariate(lean * spread, (1 - lean) * spread)


def _weighted(question: Question, rng: random.Random) -> str | None:
    """An "about you" answer in the plan's proportions, or None when skipped."""
    if not question.required and rng.random() < plan.SKIP_SHARE / 2:
        return None
    return _pick([o.value for o in question.options], plan.ABOUT_WEIGHTS[question.key], rng)


def _pick(options: Iterable[str], weights: Mapping[str, float], rng: random.Random) -> str:
    values = list(options)
    return rng.choices(values, weights=[max(0.0, weights.get(v, 1)) for v in values])[0]


def _comment(
    question: Question, run: Run, respondent: Respondent, first: bool, rng: random.Random
) -> str | None:
    """Respondents who write fill the first comment box and some of the others."""
    if not respondent.writes or (not first and rng.random() >= plan.MORE_TEXT_SHARE):
        return None
    return rng.choice(comment_pool(run.audience, question.key)).format_map(run.places)
