"""Literal tidy frames for analysis tests, built the way the loader lays them out."""

from typing import Any

import pandas as pd

from analysis import frame as col
from analysis.questions import QuestionInfo

FACES = tuple((str(n), label) for n, label in enumerate(
    ("Not safe at all", "Not very safe", "Okay", "Quite safe", "Very safe"), 1))  # fmt: skip
SAFE = QuestionInfo("safe_school", "faces", "How safe do you feel at school?", FACES,
                    framework="children")  # fmt: skip
TOLD = QuestionInfo("know_who", "yes_no", "Would you know who to tell?",
                    (("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")))  # fmt: skip
AGE = QuestionInfo("age_band", "age_band", "How old are you?",
                   (("8-10", "8 to 10"), ("11-12", "11 or 12"),
                    ("prefer_not_to_say", "I'd rather not say")), about_you=True)  # fmt: skip
SAFER = QuestionInfo("safer", "long_text", "What would help you feel safer?")
QUESTIONS = [SAFE, TOLD, SAFER, AGE]
INFO = {q.key: q for q in QUESTIONS}


def tidy(
    responses: list[dict[str, Any]], survey: str = "s1", **survey_columns: Any
) -> pd.DataFrame:
    """One row per answer from a list of {question key: value} dicts, with about-you columns."""
    rows = []
    for n, answers in enumerate(responses):
        about = {f"{col.ABOUT}{k}": v for k, v in answers.items() if INFO[k].about_you}
        for key, value in answers.items():
            info = INFO[key]
            number = float(value) if info.type == "faces" else float("nan")
            rows.append({col.RESPONSE: f"{survey}-{n}", col.SURVEY: survey, col.QUESTION: key,
                         col.TYPE: info.type, col.VALUE: value, col.NUMBER: number,
                         col.SENTIMENT: 0.0 if info.type == "long_text" else float("nan"),
                         **survey_columns})  # fmt: skip
            rows[-1].update(about)
    frame = pd.DataFrame(rows)
    about_cols = [c for c in frame.columns if str(c).startswith(col.ABOUT)]
    return frame.fillna({c: "" for c in about_cols})


def many(count: int, **answers: Any) -> list[dict[str, Any]]:
    return [dict(answers) for _ in range(count)]
