"""What attendees thought of a course, what they did with it, and how sessions compare.

``answers`` is the frame ``analysis.training.tables`` describes. Every count goes through
``analysis.suppression``; a comparison shows a session's or trainer's figures only when it
holds enough people to be broken down.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from analysis.frame import PRIVATE_VALUES
from analysis.pack import SUPPRESSED, Cell, Table
from analysis.questions import QuestionInfo
from analysis.results import mean, positive_share, respondents
from analysis.suppression import Thresholds, share, shown, shown_total
from analysis.text.codebook import Codebook, themes_of
from analysis.training.linking import SESSION, Linking
from analysis.training.tables import NUMBER, PHASE, QUESTION, RESPONSE, VALUE, outcome_key, paired

REACTION = ("relevant_to_role", "overall_rating", "trainers_clear", "would_recommend",
            "learned_from_other_agencies")  # fmt: skip
PRACTICE = ("used_in_practice",)
SHARE_COLUMNS = ("Question", "Answers", "Positive answers", "Positive (%)", "Mean")


def _answers_to(answers: pd.DataFrame, phase: str, key: str) -> pd.DataFrame:
    return answers[(answers[PHASE] == phase) & (answers[QUESTION] == key)]


def share_row(answers: pd.DataFrame, question: QuestionInfo, t: Thresholds) -> tuple[Cell, ...]:
    """A question's answers, positive ones, their share and the mean, as shown.

    As on a survey's results page: nothing but the base for a group too small to break
    down, and no share when it or its complement could pick someone out.
    """
    given = answers[~answers[VALUE].isin(PRIVATE_VALUES)]
    base = respondents(given)
    if base == 0:
        return (question.text, 0, None, None, None)
    if not t.breaks_down(base):
        return (question.text, shown_total(base, t), *([SUPPRESSED] * 3))
    found = positive_share(given, question, base, t)
    count = found.positive if found else None
    figure = mean(given, question)
    return (question.text, base, shown(count), found.percent if found else None,
            None if figure is None else round(figure, 1))  # fmt: skip


def share_table(answers: pd.DataFrame, phase: str, questions: Sequence[QuestionInfo],
                keys: Sequence[str], title: str, t: Thresholds) -> Table:  # fmt: skip
    """One row per question of ``keys`` that the phase asks, in the order of ``keys``."""
    asked = {q.key: q for q in questions}
    rows = tuple(share_row(_answers_to(answers, phase, key), asked[key], t)
                 for key in keys if key in asked)  # fmt: skip
    notes = tuple(f"{asked[k].text}: positive means {asked[k].positive_words}."
                  for k in keys if k in asked)  # fmt: skip
    return Table(title, SHARE_COLUMNS, rows, notes)


def reaction_table(answers: pd.DataFrame, questions: Sequence[QuestionInfo], t: Thresholds
                   ) -> Table:  # fmt: skip
    """Relevance, quality and whether they would recommend it, asked at the end."""
    return share_table(answers, "end", questions, REACTION, "What attendees thought of it", t)


def practice_table(answers: pd.DataFrame, questions: Sequence[QuestionInfo], with_manager: int,
                   t: Thresholds) -> Table:  # fmt: skip
    """Use in practice at follow-up, and how many answered with their manager."""
    table = share_table(answers, "follow_up", questions, PRACTICE, "Using it in practice", t)
    answered = answers[answers[PHASE] == "follow_up"][RESPONSE].nunique()
    count = None if t.hides(with_manager) or t.hides(answered - with_manager) else with_manager
    row = ("Answered the follow-up together with their manager", shown_total(answered, t),
           shown(count), share(count, answered), None)  # fmt: skip
    return Table(table.title, table.columns, (*table.rows, row), table.notes)


def barriers_table(answers: pd.DataFrame, question: QuestionInfo, t: Thresholds) -> Table:
    """Each barrier chosen at follow-up: how many chose it, and their share."""
    mine = _answers_to(answers, "follow_up", question.key)
    base = mine[RESPONSE].nunique()
    counts = mine.groupby(VALUE)[RESPONSE].nunique()
    rows = []
    for value, label in question.options:
        count = int(counts.get(value, 0))
        kept = None if t.hides(count) or not t.breaks_down(base) else count
        rows.append((label, shown(kept), share(kept, base)))
    note = f"Of {shown_total(base, t)} follow-up answers; each could choose several."
    return Table(question.text, ("Barrier", "Chosen by", "Share (%)"), tuple(rows), (note,))


def themes_table(answers: pd.DataFrame, question: QuestionInfo, codebook: Codebook,
                 t: Thresholds) -> Table | None:  # fmt: skip
    """The codebook's themes in a text question's answers; None for too few comments."""
    texts = answers[(answers[QUESTION] == question.key) & (answers[VALUE].str.strip() != "")]
    if len(texts) < t.group:
        return None
    found = themes_of(texts[VALUE], codebook)
    counts = pd.Series([theme for themes in found for theme in themes]).value_counts()
    rows = tuple((theme, shown(None if t.hides(int(n)) else int(n)),
                  share(None if t.hides(int(n)) else int(n), len(texts)))
                 for theme, n in counts.items())  # fmt: skip
    return Table(f"Themes: {question.text}", ("Theme", "Comments", "Share (%)"), rows,
                 (f"Of {len(texts)} comments; a comment may touch several themes.",))  # fmt: skip


def _group_cells(answers: pd.DataFrame, linking: Linking, outcomes: Sequence[str],
                 relevant: QuestionInfo | None, t: Thresholds) -> tuple[Cell, ...]:  # fmt: skip
    """One session's or trainer's answers at the end, rating, relevance and mean change."""
    end = answers[answers[PHASE] == "end"]
    people = end[RESPONSE].nunique()
    if not t.breaks_down(people):
        return (shown_total(people, t), *([SUPPRESSED] * 4))
    rating = end[end[QUESTION] == "overall_rating"][NUMBER].dropna()
    rel = share_row(end[end[QUESTION] == relevant.key], relevant, t)[3] if relevant else None
    change, matched = _mean_change(answers, linking, outcomes)
    return (people, None if rating.empty else round(float(rating.mean()), 1), rel,
            shown_total(matched, t), SUPPRESSED if t.hides(matched) else change)  # fmt: skip


def _mean_change(answers: pd.DataFrame, linking: Linking, outcomes: Sequence[str]
                 ) -> tuple[float | None, int]:  # fmt: skip
    """The mean change in confidence from before to the end over every outcome, and people."""
    pairs = linking.pairs("before", "end")
    diffs: list[float] = []
    for number in range(1, len(outcomes) + 1):
        first, then = paired(answers, pairs, "before", "end", outcome_key("confidence", number))
        diffs += [b - a for a, b in zip(first, then, strict=True)]
    mean = round(sum(diffs) / len(diffs), 2) if diffs else None
    return mean, len(pairs)


COMPARISON_COLUMNS = ("Answers at the end", "Overall rating (mean of 0-10)",
                      "Found it relevant (%)", "Matched before and at the end",
                      "Mean change in confidence")  # fmt: skip


def comparison_table(answers: pd.DataFrame, linking: Linking, groups: Mapping[int, str],
                     outcomes: Sequence[str], questions: Sequence[QuestionInfo], by: str,
                     t: Thresholds) -> Table:  # fmt: skip
    """One row per value of ``groups`` (session id -> its session's or trainer's label)."""
    relevant = next((q for q in questions if q.key == "relevant_to_role"), None)
    rows = []
    for label in dict.fromkeys(groups.values()):
        ids = {s for s, name in groups.items() if name == label}
        mine = answers[answers[SESSION].isin(ids)]
        mine_linking = Linking(linking.chains[linking.chains[SESSION].isin(ids)], linking.steps)
        rows.append((label, *_group_cells(mine, mine_linking, outcomes, relevant, t)))
    note = (f"Figures are shown only for a {by} with at least {t.group} answers at the end; "
            "the change is averaged over every learning outcome (0 to 10).")  # fmt: skip
    return Table(f"Comparison by {by}", (by.capitalize(), *COMPARISON_COLUMNS), tuple(rows),
                 (note,))  # fmt: skip
