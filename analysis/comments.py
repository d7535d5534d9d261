"""What people wrote: themes from the board's codebook, uncategorised comments, quotes.

Comments are counted by theme (a comment can carry several); quotes and uncategorised
comments are shown redacted, and never from a group under the group threshold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.frame import SENTIMENT, TEXT_TYPES, TYPE, VALUE
from analysis.pack import Cell, Quote, Table
from analysis.suppression import Thresholds, share, shown, shown_total, suppress
from analysis.text.codebook import themes_of
from analysis.text.phrases import frequent_phrases
from analysis.text.quotes import pick_quotes
from analysis.text.redact import redact

THEME = "theme"
Codebook = Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class Comments:
    """The themes table, quotes, uncategorised comments (redacted) and suggested phrases."""

    total: int
    themes: Table | None
    quotes: tuple[Quote, ...] = ()
    uncategorised: Cell = 0
    unsorted: tuple[str, ...] = ()
    phrases: tuple[tuple[str, int], ...] = ()


def text_answers(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of free-text answers that hold at least one letter or digit."""
    text = frame[frame[TYPE].astype(str).isin(TEXT_TYPES)]
    return text[text[VALUE].astype(str).str.contains(r"\w", regex=True)]


def themed(texts: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """One row per comment and theme; a comment with no theme gets theme ""."""
    found = texts.assign(**{THEME: themes_of(texts[VALUE].astype(str), codebook)})
    found[THEME] = found[THEME].map(lambda themes: themes or [""])
    return found.explode(THEME)


def theme_table(by_theme: pd.DataFrame, total: int, t: Thresholds) -> Table:
    """Comments per theme, most frequent first, with counts suppressed."""
    counted = by_theme[by_theme[THEME] != ""][THEME].value_counts()
    counts = suppress([int(c) for c in counted], t)
    rows = tuple((str(name), shown(c), share(c, total))
                 for name, c in zip(counted.index, counts, strict=True))  # fmt: skip
    notes = ("A comment can touch several themes, so the shares add up to more than 100%.",)
    return Table("What people wrote about", ("Theme", "Comments", "% of comments"), rows, notes)


def comments(
    frame: pd.DataFrame,
    codebook: Codebook,
    t: Thresholds,
    places: Sequence[str] = (),
    quotes: bool = True,
) -> Comments:
    """Themes, quotes and uncategorised comments of the free text in ``frame``."""
    texts = text_answers(frame)
    total = len(texts)
    if total < t.group:
        return Comments(total, None)
    by_theme = themed(texts, codebook)
    loose = by_theme[by_theme[THEME] == ""][VALUE].astype(str)
    shown_loose = len(loose) >= t.group and quotes
    return Comments(
        total=total,
        themes=theme_table(by_theme, total, t),
        quotes=tuple(Quote(th, q) for th, q in _quotes(by_theme, t, places)) if quotes else (),
        uncategorised=shown_total(len(loose), t),
        unsorted=tuple(redact(text, places) for text in loose.head(50)) if shown_loose else (),
        phrases=tuple(frequent_phrases(loose, _known(codebook))) if shown_loose else (),
    )


def _quotes(by_theme: pd.DataFrame, t: Thresholds, places: Sequence[str]) -> list[tuple[str, str]]:
    themed_only = by_theme[by_theme[THEME] != ""]
    return pick_quotes(themed_only, VALUE, THEME, SENTIMENT, per_theme=2, min_group=t.group,
                       places=places)  # fmt: skip


def _known(codebook: Codebook) -> list[str]:
    return [phrase for phrases in codebook.values() for phrase in phrases]
