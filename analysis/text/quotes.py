"""Quotes for a pack: a few redacted comments per theme that show the spread of opinion.

Only a theme with at least ``min_group`` comments is quoted at all, the suppression rule's
group threshold: a quote from a smaller group could point to the one who wrote it. Within
a theme the comments are ordered by sentiment (ties by text) and picked evenly from the
most negative to the most positive. A comment under four words is never picked, nor one
that is mostly placeholders once redacted; the next one along in that order is taken
instead, and a comment quoted under one theme is not quoted under another. Only the
comments looked at are redacted, so a large theme costs little.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from functools import cache, partial

import pandas as pd

from analysis.suppression import MIN_GROUP
from analysis.text.redact import PLACEHOLDERS, redact

MIN_WORDS = 4
MAX_CHARS = 300
ELLIPSIS = "…"
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS))


def _themes(value: object) -> list[str]:
    """A theme cell as a list: a list, tuple or set of names, or one "|"-joined string."""
    if isinstance(value, str):
        return list(dict.fromkeys(theme for theme in value.split("|") if theme))
    if isinstance(value, list | tuple | set | frozenset):
        return sorted({str(theme) for theme in value})
    return []


def _has_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _groups(
    frame: pd.DataFrame, text_col: str, theme_col: str, sentiment_col: str
) -> dict[str, list[tuple[float, str]]]:
    """Each theme's comments as (sentiment, text), sentiment 0 where it is missing."""
    groups: dict[str, list[tuple[float, str]]] = defaultdict(list)
    rows = zip(frame[text_col], frame[theme_col], frame[sentiment_col], strict=True)
    for text, themes, score in rows:
        if _has_text(text):
            for theme in _themes(themes):
                groups[theme].append((0.0 if pd.isna(score) else float(score), text))
    return groups


def trim(text: str, limit: int = MAX_CHARS) -> str:
    """Text on one line, cut at a word boundary with an ellipsis to at most limit characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - len(ELLIPSIS) + 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else head[:-1]
    return cut.rstrip(" ,;:-") + ELLIPSIS


def _quotable(text: str, places: Sequence[str]) -> str | None:
    """The redacted, trimmed text, or None when too little of it would be left to read."""
    redacted = redact(text, places)
    placeholders = len(_PLACEHOLDER.findall(redacted))
    words = len(_WORD.findall(_PLACEHOLDER.sub(" ", redacted)))
    return None if words < MIN_WORDS or placeholders >= words else trim(redacted)


def _spread(size: int, count: int) -> list[int]:
    """Up to count positions in range(size), evenly spread from the first to the last."""
    if count == 1:
        return [(size - 1) // 2]
    return sorted({(i * (size - 1) + (count - 1) // 2) // (count - 1) for i in range(count)})


def _outward(target: int, size: int) -> Iterator[int]:
    """The positions of range(size), nearest target first (the lower of two first)."""
    yield target
    for step in range(1, size):
        yield from (j for j in (target - step, target + step) if 0 <= j < size)


def _pick(
    texts: list[str], count: int, quotable: Callable[[str], str | None], taken: set[str]
) -> list[str]:
    """count quotes from texts (in sentiment order), spread out, none of them in taken."""
    chosen: dict[int, str] = {}
    for target in _spread(len(texts), count):
        for j in _outward(target, len(texts)):
            quote = None if j in chosen else quotable(texts[j])
            if quote is not None and quote not in taken and quote not in chosen.values():
                chosen[j] = quote
                break
    return [chosen[j] for j in sorted(chosen)]


def _theme_quotes(
    group: list[tuple[float, str]],
    count: int,
    quotable: Callable[[str], str | None],
    taken: set[str],
) -> list[str]:
    """Quotes from one theme's (sentiment, text) comments, most negative first."""
    ordered = sorted({(s, text) for s, text in group if len(_WORD.findall(text)) >= MIN_WORDS})
    return _pick([text for _, text in ordered], count, quotable, taken) if ordered else []


def pick_quotes(
    frame: pd.DataFrame,
    text_col: str,
    theme_col: str,
    sentiment_col: str,
    per_theme: int = 3,
    min_group: int = MIN_GROUP,
    places: Sequence[str] = (),
) -> list[tuple[str, str]]:
    """(theme, quote) pairs, biggest theme first; none from a theme under min_group comments."""
    groups = _groups(frame, text_col, theme_col, sentiment_col)
    quotable = cache(partial(_quotable, places=places))
    # A comment quoted under one theme is not quoted again under another.
    taken: set[str] = set()
    quotes: list[tuple[str, str]] = []
    for theme in sorted(groups, key=lambda t: (-len(groups[t]), t)):
        if len(groups[theme]) >= min_group:
            picked = _theme_quotes(groups[theme], per_theme, quotable, taken)
            taken.update(picked)
            quotes += [(theme, quote) for quote in picked]
    return quotes


def uncategorised(frame: pd.DataFrame, text_col: str, theme_col: str) -> pd.DataFrame:
    """The rows with a comment that has no theme."""
    untagged = frame[theme_col].map(lambda value: not _themes(value))
    return frame[frame[text_col].map(_has_text) & untagged]
