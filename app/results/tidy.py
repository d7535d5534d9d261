"""Joining survey and question columns onto a million answer rows, by integer codes.

Merging the raw rows with the question table on (survey, question) and turning a million
strings into categories took about 1.2 s of a 100,000-response pack. Here each row's survey
and question become small integer codes once (one ``factorize`` of the question keys), and
every other column is taken from a table of a few dozen rows by those codes, straight into
``Categorical.from_codes``: numpy ``take``s, not hashing. A test checks the result against
the plain merge (tests/results/test_loader.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis import frame as col
from analysis.questions import QuestionInfo
from app.models import Survey

SURVEY_COLUMNS = (col.SURVEY, col.BOARD, col.REGION, col.AUDIENCE, col.QUESTIONNAIRE,
                  col.VERSION, col.SECTION, col.PRIORITY)  # fmt: skip
QUESTION_COLUMNS = (col.QUESTION, col.TYPE, col.FRAMEWORK, col.LEVEL, col.KIRKPATRICK)
Asked = tuple[int, int, QuestionInfo]  # survey index, order, question


def coded(values: Sequence[object], codes: np.ndarray) -> pd.Categorical:
    """A categorical of ``values[codes]``, built from the few values, not the many rows."""
    small, categories = pd.factorize(pd.Series(list(values), dtype=object))
    return pd.Categorical.from_codes(small[codes], categories=categories)


def survey_values(survey: Survey) -> dict[str, object]:
    tags = survey.tags or {}
    return {
        col.SURVEY: survey.slug, col.BOARD: survey.board.slug,
        col.REGION: survey.board.region.slug, col.AUDIENCE: survey.audience,
        col.QUESTIONNAIRE: survey.version.questionnaire.slug, col.VERSION: survey.version.number,
        col.SECTION: tags.get("qa_section") or "", col.PRIORITY: tags.get("priority") or "",
    }  # fmt: skip


def tidy(
    raw: pd.DataFrame, surveys: Sequence[Survey], questions: dict[str, list[QuestionInfo]]
) -> pd.DataFrame:
    """The raw rows with every survey and question column of ``analysis.frame`` joined on.

    Rows whose question the survey's definition does not ask are dropped.
    """
    asked = [(i, n, q) for i, s in enumerate(surveys) for n, q in enumerate(questions[s.slug])]
    at = raw["survey_id"].map({s.id: i for i, s in enumerate(surveys)}).fillna(-1)
    keys, names = pd.factorize(raw[col.QUESTION].to_numpy())
    found = _lookup(asked, len(surveys), list(names))[at.to_numpy(dtype=np.int64), keys]
    keep = found >= 0
    found, at_kept = found[keep], at.to_numpy(dtype=np.int64)[keep]
    frame = raw.loc[keep, [col.VALUE, col.NUMBER, col.SENTIMENT, col.DAY]].reset_index(drop=True)
    frame[col.RESPONSE] = pd.factorize(raw[col.RESPONSE].to_numpy()[keep])[0]
    values = [survey_values(s) for s in surveys]
    for name in SURVEY_COLUMNS:
        frame[name] = coded([v[name] for v in values], at_kept)
    for name in QUESTION_COLUMNS:
        frame[name] = coded([_attribute(q, name) for _, _, q in asked], found)
    frame[col.ORDER] = np.array([n for _, n, _ in asked], dtype=np.int64)[found]
    frame[col.THEMES] = coded([""], np.zeros(len(frame), dtype=np.int64))
    return _with_about_you(frame, asked, found)


def _lookup(asked: list[Asked], surveys: int, names: list[str]) -> np.ndarray:
    """[survey index (or -1), question code] -> row of ``asked``, -1 where not asked."""
    table = np.full((surveys + 1, max(len(names), 1)), -1, dtype=np.int64)
    position = {name: n for n, name in enumerate(names)}
    for row, (survey, _, question) in enumerate(asked):
        if question.key in position:
            table[survey, position[question.key]] = row
    return table  # the last row stays -1: survey index -1 (an unknown survey) lands there


def _attribute(question: QuestionInfo, name: str) -> str:
    return question.key if name == col.QUESTION else str(getattr(question, name))


def _with_about_you(frame: pd.DataFrame, asked: list[Asked], found: np.ndarray) -> pd.DataFrame:
    """Each response's own "about you" answers as ``about:<key>`` columns on all its rows."""
    response = frame[col.RESPONSE].to_numpy()
    people = int(response.max()) + 1 if len(response) else 0
    about_keys = np.array([q.key if q.about_you else "" for _, _, q in asked], dtype=object)
    row_keys = about_keys[found] if len(found) else np.array([], dtype=object)
    for key in sorted({k for k in about_keys if k}):
        mine = row_keys == key
        codes, labels = pd.factorize(frame[col.VALUE].to_numpy()[mine])
        given = np.full(people, -1, dtype=np.int64)
        given[response[mine]] = codes  # one answer each: about-you questions are single choice
        frame[f"{col.ABOUT}{key}"] = pd.Categorical.from_codes(
            given[response] + 1, categories=["", *labels]
        )
    return frame
