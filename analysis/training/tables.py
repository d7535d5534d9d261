"""A course's learning figures as suppressed tables: change for matched attendees, linking.

``answers`` holds one row per answer: ``response`` (str), ``session``, ``phase``,
``question``, ``value`` and ``number``. Outcome questions are keyed ``<measure>.<n>``, n
counting the course's learning outcomes from 1 (as ``expand_outcomes`` writes them out).
Every count of answers goes through ``analysis.suppression``, and figures worked out from
answers need a group that may be broken down; a figure with no one behind it is left blank
(None). How many codes were linked is shown whenever the answers may be counted (see
``match_table``).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.pack import SUPPRESSED, Cell, Table
from analysis.suppression import Thresholds, shown_total
from analysis.training.change import Change, paired_change
from analysis.training.linking import PHASES, STEPS, Linking

RESPONSE, SESSION, PHASE, QUESTION, VALUE, NUMBER = (
    "response", "session", "phase", "question", "value", "number")  # fmt: skip
ANSWER_COLUMNS = [RESPONSE, SESSION, PHASE, QUESTION, VALUE, NUMBER]
PHASE_NAMES = {"before": "Before", "end": "At the end", "follow_up": "Follow-up"}
MEASURES = {"confidence": "Confidence", "knowledge": "Knowledge"}
CHANGE_COLUMNS = ("Learning outcome", "From", "To", "Matched attendees", "Mean before",
                  "Mean after", "Mean change", "Improved (%)", "Effect size (d_z)",
                  "Lower 95%", "Upper 95%")  # fmt: skip
SCALE_NOTE = "Answers from 0 (not at all) to 10 (completely)."
EFFECT_NOTE = (
    "Effect size: the mean change over the spread of the changes (Cohen's d for paired "
    "answers), with its exact 95% interval; blank where everyone changed by the same amount."
)


def outcome_key(measure: str, number: int) -> str:
    """The question key of a measure for the course's ``number``-th outcome (from 1)."""
    return f"{measure}.{number}"


def scores(answers: pd.DataFrame, key: str) -> pd.Series:
    """Each response's number for one question, indexed by response."""
    mine = answers[(answers[QUESTION] == key) & answers[NUMBER].notna()]
    return mine.drop_duplicates(RESPONSE).set_index(RESPONSE)[NUMBER].astype(float)


def paired(answers: pd.DataFrame, pairs: pd.DataFrame, first: str, then: str, key: str
           ) -> tuple[list[float], list[float]]:  # fmt: skip
    """The two answers to ``key`` of every linked pair where both were given."""
    values = scores(answers, key)
    both = pairs[pairs[first].isin(values.index) & pairs[then].isin(values.index)]
    return values.loc[both[first]].tolist(), values.loc[both[then]].tolist()


def _round(value: float, places: int) -> float | None:
    return None if pd.isna(value) else round(float(value), places)


def change_cells(change: Change, t: Thresholds) -> tuple[Cell, ...]:
    """n, means, change, share improved and d_z with its interval, as shown.

    As for a question's answers, figures need a group that may be broken down.
    """
    if change.n == 0:
        return (0, *([None] * 7))
    if not t.breaks_down(change.n):
        return (shown_total(change.n, t), *([SUPPRESSED] * 7))
    return (change.n, _round(change.mean_before, 1), _round(change.mean_after, 1),
            _round(change.mean_change, 2), _round(100 * change.improved, 1),
            _round(change.effect, 2), _round(change.low, 2), _round(change.high, 2))  # fmt: skip


def changes(answers: pd.DataFrame, linking: Linking, outcomes: Sequence[str], measure: str
            ) -> list[tuple[str, str, str, Change]]:  # fmt: skip
    """(outcome, from phase, to phase, change) for every outcome and step."""
    found = []
    for number, outcome in enumerate(outcomes, 1):
        for first, then in STEPS:
            pair = paired(answers, linking.pairs(first, then), first, then,
                          outcome_key(measure, number))  # fmt: skip
            found.append((outcome, first, then, paired_change(*pair)))
    return found


def change_table(answers: pd.DataFrame, linking: Linking, outcomes: Sequence[str],
                 measure: str, t: Thresholds) -> Table:  # fmt: skip
    """Per outcome, from before to the end and from the end to follow-up, matched people only."""
    found = changes(answers, linking, outcomes, measure)
    rows = tuple((outcome, PHASE_NAMES[first], PHASE_NAMES[then], *change_cells(change, t))
                 for outcome, first, then, change in found)  # fmt: skip
    return Table(f"{MEASURES[measure]} per learning outcome: change for matched attendees",
                 CHANGE_COLUMNS, rows, (SCALE_NOTE, EFFECT_NOTE))  # fmt: skip


def match_table(linking: Linking, t: Thresholds) -> Table:
    """For each step, the later phase's answers linked to an earlier one, and the match rate.

    These count codes that matched, not people with something in common, so once the
    number of answers may be shown, so may how many of them were linked (the issue the
    trainer needs to judge the figures by); answers themselves are never shown here.
    """
    rows: list[tuple[Cell, ...]] = []
    for first, then in STEPS:
        step = linking.steps[(first, then)]
        label = f"{PHASE_NAMES[first]} to {PHASE_NAMES[then].lower()}"
        if t.hides(step.later):
            rows.append((label, SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED, None))
            continue
        rate = round(100 * step.linked / step.later, 1) if step.later else None
        rows.append((label, step.later, step.linked, step.later - step.linked, step.ambiguous,
                     rate))  # fmt: skip
    columns = ("Step", "Answers at the later phase", "Linked", "Not linked",
               "Of which ambiguous", "Match rate (%)")  # fmt: skip
    note = ("Ambiguous: the code fitted two or more answers equally well, so none was linked. "
            "Published studies of such codes link 75-95% of attendees at 1-4 months.")  # fmt: skip
    return Table("Answers linked from one phase to the next", columns, tuple(rows), (note,))


def _linked_responses(linking: Linking) -> set[str]:
    """Responses in a chain with at least one other answer."""
    chains = linking.chains[list(PHASES)]
    longer = chains[chains.notna().sum(axis=1) >= 2]
    return {str(r) for p in PHASES for r in longer[p].dropna()}


def unlinked_table(answers: pd.DataFrame, linking: Linking, outcomes: Sequence[str],
                   t: Thresholds) -> Table:  # fmt: skip
    """Per phase, answers linked to no other phase, kept and shown apart with their confidence."""
    linked = _linked_responses(linking)
    keys = [outcome_key("confidence", n) for n in range(1, len(outcomes) + 1)]
    rows = []
    for phase in PHASES:
        mine = answers[answers[PHASE] == phase]
        everyone = set(mine[RESPONSE])
        alone = everyone - linked
        numbers = mine[mine[RESPONSE].isin(alone) & mine[QUESTION].isin(keys)][NUMBER]
        counts: tuple[Cell, ...] = (len(everyone), len(everyone) - len(alone), len(alone))
        if t.hides(len(everyone)):
            counts = (SUPPRESSED,) * 3
        rows.append((PHASE_NAMES[phase], *counts, _mean_of(numbers, len(alone), t)))
    columns = ("Phase", "Answers", "Linked to another phase", "Not linked",
               "Not linked: mean confidence")  # fmt: skip
    notes = ("Mean confidence over every learning outcome, from 0 to 10, shown for "
             f"{t.group} answers or more.",)  # fmt: skip
    return Table("Answers not linked to another phase, kept apart", columns, tuple(rows), notes)


def _mean_of(numbers: pd.Series, people: int, t: Thresholds) -> Cell:
    """The mean of ``people``'s answers: hidden for a group too small, blank for none."""
    if people == 0 or numbers.empty:
        return None
    return _round(numbers.mean(), 1) if t.breaks_down(people) else SUPPRESSED


def confidence_table(answers: pd.DataFrame, outcomes: Sequence[str], measure: str,
                     t: Thresholds) -> Table:  # fmt: skip
    """Per outcome, every answer's mean at each phase (linked or not)."""
    rows = []
    for number, outcome in enumerate(outcomes, 1):
        cells: list[Cell] = [outcome]
        for phase in PHASES:
            values = scores(answers[answers[PHASE] == phase], outcome_key(measure, number))
            cells += [shown_total(len(values), t), _mean_of(values, len(values), t)]
        rows.append(tuple(cells))
    columns = ("Learning outcome", *(f"{PHASE_NAMES[p]}: {w}" for p in PHASES
                                     for w in ("answers", "mean")))  # fmt: skip
    return Table(f"{MEASURES[measure]} per learning outcome, every answer", columns,
                 tuple(rows), (SCALE_NOTE,))  # fmt: skip
