"""A region's pack: each sharing board beside the region as a whole, aggregates only.

No free text and no quotes ever reach a regional viewer; every share is suppressed per
board exactly as on the board's own pages, and the region is the sum of the boards that
share with it, so no board's figures can be worked out by subtraction.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.evidence.build import Inputs, latest_questions
from analysis.evidence.specs import SPECS, Spec
from analysis.frame import BOARD, QUESTIONNAIRE, SURVEY
from analysis.pack import SUPPRESSED, Cell, Pack, Section, Table
from analysis.questions import QuestionInfo
from analysis.results import survey_results
from analysis.suppression import Thresholds, shown_total

REGION_NOTE = (
    "Only boards that share their results with the region are shown, and the region's "
    "figures are theirs together. Comments are never shown at regional level."
)


def regional_pack(inputs: Inputs, boards: Sequence[tuple[str, str]]) -> Pack:
    """The pack for a region: ``boards`` are the (slug, name) of the sharing boards."""
    parts = [p for spec in SPECS if (p := _part(spec, inputs, boards)) is not None]
    notes = (REGION_NOTE,) if parts else (REGION_NOTE, "No responses in this period.")
    t = inputs.thresholds
    return Pack(f"Evidence from {inputs.title}", inputs.title, inputs.period, inputs.made_on,
                t.count, t.group, tuple(parts), notes)  # fmt: skip


def _part(spec: Spec, inputs: Inputs, boards: Sequence[tuple[str, str]]) -> Section | None:
    surveys = inputs.surveys[spec.picks(inputs.surveys)]
    now = inputs.now[inputs.now[SURVEY].isin(surveys[SURVEY])]
    if now.empty:
        return None
    tables = tuple(_table(inputs, str(slug), part, boards)
                   for slug, part in now.groupby(QUESTIONNAIRE, observed=True))  # fmt: skip
    return Section(spec.key, spec.title, f"Section {spec.default_section}", tables=tables)


def _table(
    inputs: Inputs, slug: str, part: pd.DataFrame, boards: Sequence[tuple[str, str]]
) -> Table:
    questions = [q for q in latest_questions(inputs, part) if q.positive and not q.about_you]
    t = inputs.thresholds
    columns = [_shares(part, questions, t)]
    columns += [_shares(part[part[BOARD] == b], questions, t) for b, _ in boards]
    rows = tuple((q.text, *(c[i] for c in columns)) for i, q in enumerate(questions))
    name = inputs.surveys.loc[inputs.surveys[QUESTIONNAIRE] == slug, "questionnaire_title"]
    people = shown_total(int(part["response"].nunique()), t)
    heads = ("Question", "Region: % positive", *(f"{n}: % positive" for _, n in boards))
    return Table(f"{name.iloc[-1]}: {people} responses across the region", heads, rows)


def _shares(part: pd.DataFrame, questions: Sequence[QuestionInfo], t: Thresholds) -> list[Cell]:
    results = survey_results(part, questions, t) if not part.empty else []
    if not results:
        return [None for _ in questions]
    return [r.share.percent if r.share else SUPPRESSED for r in results]
