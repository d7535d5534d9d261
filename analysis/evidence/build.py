"""Building a board's pack: one part per audience, then how far the board's surveys reached."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from analysis.breakdowns import breakdown
from analysis.comments import Codebook, comments
from analysis.evidence.actions import ActionLine, Closing, action_tables, closing_statement
from analysis.evidence.specs import SPECS, Spec
from analysis.evidence.statements import headline
from analysis.frame import QUESTION, QUESTIONNAIRE, SECTION, SURVEY
from analysis.pack import Bar, Cell, Chart, Pack, Period, Section, Table
from analysis.questions import QuestionInfo
from analysis.results import QuestionResult, respondents, survey_results
from analysis.stats import Change
from analysis.suppression import Thresholds, share, shown, shown_total, suppress
from analysis.trends import shared_changes

NO_ANSWERS = "No responses in this period."


@dataclass(frozen=True)
class Reach:
    """An audience's links handed out and the responses started (sent or not)."""

    issued: int = 0
    started: int = 0


@dataclass(frozen=True)
class Inputs:
    """Everything a pack is built from, already read from the database."""

    title: str
    period: Period
    now: pd.DataFrame
    earlier: pd.DataFrame
    questions: Mapping[str, Sequence[QuestionInfo]]
    surveys: pd.DataFrame
    thresholds: Thresholds
    made_on: date
    codebook: Codebook = field(default_factory=dict)
    places: Sequence[str] = ()
    reach: Mapping[str, Reach] = field(default_factory=dict)
    quotes: bool = True
    # "You said, we did": surveys that closed with their first action, and the actions.
    closings: Sequence[Closing] = ()
    actions: Sequence[ActionLine] = ()
    # Per course, answers linked across phases and the change per outcome (already suppressed).
    training: Sequence[Table] = ()


def build_pack(inputs: Inputs) -> Pack:
    """The pack for one board and period; parts with no answers are left out and said so."""
    parts = [part for spec in SPECS if (part := _part(spec, inputs)) is not None]
    notes = [] if parts else [NO_ANSWERS]
    if inputs.period.widened:
        notes.append("The dates asked for were widened to whole months.")
    t = inputs.thresholds
    sections = (*parts, _reach(inputs)) if parts else ()
    return Pack(f"Evidence from {inputs.title}", inputs.title, inputs.period, inputs.made_on,
                t.count, t.group, sections, tuple(notes))  # fmt: skip


def _part(spec: Spec, inputs: Inputs) -> Section | None:
    surveys = inputs.surveys[spec.picks(inputs.surveys)]
    now = inputs.now[inputs.now[SURVEY].isin(surveys[SURVEY])]
    if now.empty:
        return None
    section = _answers_part(spec, inputs, surveys, now)
    if spec.key == "training" and inputs.training:
        return replace(section, tables=(*section.tables, *inputs.training))
    return section


def _answers_part(spec: Spec, inputs: Inputs, surveys: pd.DataFrame, now: pd.DataFrame
                  ) -> Section:  # fmt: skip
    """One audience's part from its answers: results, themes and quotes."""
    blocks = [_questionnaire(spec, inputs, q, part)
              for q, part in now.groupby(QUESTIONNAIRE, observed=True)]  # fmt: skip
    said = comments(now, inputs.codebook, inputs.thresholds, inputs.places, inputs.quotes)
    loose = said.uncategorised
    notes = [f"Comments that fitted no theme of the codebook: {loose}."] if said.themes else []
    return Section(
        key=spec.key, title=spec.title, framework=_framework(surveys, spec),
        statements=tuple(s for b in blocks for s in b[0]),
        tables=tuple(t for b in blocks for t in b[1]) + ((said.themes,) if said.themes else ()),
        charts=tuple(b[2] for b in blocks if b[2].bars), quotes=said.quotes, notes=tuple(notes),
    )  # fmt: skip


def _framework(surveys: pd.DataFrame, spec: Spec) -> str:
    codes = sorted({str(c) for c in surveys[SECTION] if str(c)} or {spec.default_section})
    return f"Section{'s' if len(codes) > 1 else ''} {', '.join(codes)}"


def latest_questions(inputs: Inputs, part: pd.DataFrame) -> Sequence[QuestionInfo]:
    """The questions of the latest survey in ``part``, whose wording is shown."""
    latest = inputs.surveys[inputs.surveys[SURVEY].isin(part[SURVEY].unique())].iloc[-1]
    return inputs.questions[str(latest[SURVEY])]


def _questionnaire(
    spec: Spec, inputs: Inputs, slug: str, part: pd.DataFrame
) -> tuple[list[str], list[Table], Chart]:
    """Statements, tables and a chart for one questionnaire's answers in the period."""
    questions = latest_questions(inputs, part)
    t = inputs.thresholds
    results = survey_results(part, questions, t)
    before = inputs.earlier[inputs.earlier[QUESTIONNAIRE].astype(str) == slug]
    asked = [q for q in questions if q.key in set(before[QUESTION].astype(str))]
    changes = {q.key: c for q, c in shared_changes(results, survey_results(before, asked, t))}
    name = str(
        inputs.surveys.loc[inputs.surveys[QUESTIONNAIRE] == slug, "questionnaire_title"].iloc[-1]
    )
    tables = [_results_table(name, respondents(part), results, changes, t)]
    tables += [b for q in questions if q.about_you and q.type == "age_band"
               if (b := breakdown(part, q, questions, t)) is not None]  # fmt: skip
    said = headline(results, changes, spec.people, name, inputs.period.label)
    return said, tables, _chart(tables[0].title, results)


def _results_table(
    name: str, people: int, results: Sequence[QuestionResult], changes: dict[str, Change | None],
    t: Thresholds,
) -> Table:  # fmt: skip
    shown_results = [r for r in results if r.question.positive and not r.question.about_you]
    tagged = any(r.question.level or r.question.kirkpatrick for r in shown_results)
    rows = tuple(_result_row(r, changes, tagged) for r in shown_results)
    columns = ("Question", *(("Level",) if tagged else ()), "People answering", "% positive",
               "95% CI", "Mean", "Against the year before")  # fmt: skip
    return Table(f"{name}: {shown_total(people, t)} responses", columns, rows)


def _result_row(
    result: QuestionResult, changes: dict[str, Change | None], tagged: bool
) -> tuple[Cell, ...]:
    q, s, change = result.question, result.share, changes.get(result.question.key)
    trend = change.words if change else "No earlier answers to compare"
    interval = f"{s.low:.0f}% to {s.high:.0f}%" if s else "c"
    level = ((q.level or q.kirkpatrick).capitalize(),) if tagged else ()
    return (q.text, *level, result.base, s.percent if s else "c", interval, result.mean, trend)


def _chart(title: str, results: Sequence[QuestionResult]) -> Chart:
    bars = tuple(Bar(r.question.text, r.share.percent if r.share else None,
                     f"{r.share.percent:.0f}%" if r.share else "c")
                 for r in results if r.question.positive and not r.question.about_you)  # fmt: skip
    said = "; ".join(f"{b.label}: {b.shown}" for b in bars)
    return Chart(title, bars, f"Share giving a positive answer. {said}.")


def _reach(inputs: Inputs) -> Section:
    """Responses by audience against links handed out and responses started."""
    t = inputs.thresholds
    per_audience = inputs.now.groupby("audience", observed=True)["response"].nunique()
    rows = []
    for spec in {s.audience: s for s in SPECS}.values():
        sent = int(per_audience.get(spec.audience, 0))
        reach = inputs.reach.get(spec.audience, Reach())
        started = max(reach.started, sent)
        counted = suppress([sent, started - sent], t)
        rows.append((spec.people.capitalize(), shown(counted[0]), reach.issued,
                     share(counted[0], started) if started else None))  # fmt: skip
    columns = ("Audience", "Responses", "Single-use links handed out",
               "% of those who started who sent")  # fmt: skip
    table = Table("Responses by audience", columns, tuple(rows))
    said = closing_statement(inputs.closings)
    acted = action_tables(inputs.closings, inputs.actions)
    tables = (table, _survey_table(inputs), *acted)
    return Section("reach", "How far the board's surveys reached", "Section B", said, tables)


def _survey_table(inputs: Inputs) -> Table:
    counts = inputs.now.groupby(SURVEY, observed=True)["response"].nunique()
    rows = tuple(
        (str(s["title"]), str(s["audience"]), str(s[SECTION]) or "Not given",
         str(s["priority"]) or "Not given",
         shown_total(int(counts.get(s[SURVEY], 0)), inputs.thresholds))
        for _, s in inputs.surveys.iterrows() if int(counts.get(s[SURVEY], 0))
    )  # fmt: skip
    columns = ("Survey", "Audience", "Framework section", "Business-plan priority", "Responses")
    return Table("Surveys that heard from people in this period", columns, rows)
