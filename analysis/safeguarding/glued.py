"""Words run together ("mydadhitsme", "NOBODYHURTSME") split back into words.

A run of letters (lower case, without accents, a letter written three or more times made
one) that is not a known word is split by a shortest-path search over the
known words (the lexicon's own words in their common inflections, the text-speak and
negation words, and a list of everyday words): each known word costs 1, each letter left
over costs 3, so the fewest, longest known words win. A short run (under 20 letters) is
split only when known words cover it entirely, so an unknown ordinary word ("chocolate")
is left alone; a long one is split even with letters left over, which come back as one
unknown word each. The search is linear in the run's length (at most ``longest`` words
tried at each letter), so a 10,000-letter answer costs milliseconds.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

SHORT_RUN, LEFT_OVER = 20, 3.0
_APOSTROPHES = frozenset("'\u2018\u2019`")


def plain_mapped(word: str) -> tuple[str, list[int]]:
    """word in lower case without accents or apostrophes, every run of three or more of a
    letter made one ("sooo"), with the offset in word of each character kept."""
    chars: list[tuple[str, int]] = []
    for offset, ch in enumerate(word):
        if ch not in _APOSTROPHES:
            decomposed = unicodedata.normalize("NFKD", ch.lower())
            chars.extend((part, offset) for part in decomposed if not unicodedata.combining(part))
    kept = [
        pair
        for i, pair in enumerate(chars)
        if not (i >= 2 and chars[i - 1][0] == chars[i - 2][0] == pair[0])
        and not (0 < i < len(chars) - 1 and chars[i - 1][0] == pair[0] == chars[i + 1][0])
    ]
    return "".join(ch for ch, _ in kept), [offset for _, offset in kept]


def inflections(word: str) -> Iterable[str]:
    """The spellings a lexicon word is likely to take in a child's text, doubled or not."""
    bare = word[:-1] if word.endswith("e") else word
    last = word[-1:]
    forms = (word, word + "s", word + "es", word + "ed", word + "d", bare + "ing", word + "y")
    return (*forms, word + "e", word + last + "ing", word + last + "ed", word + last + "y")


def split(run: str, vocabulary: frozenset[str], longest: int) -> list[tuple[int, int]] | None:
    """(start, end) of each word in run, or None when run should stay one word."""
    best: list[tuple[float, int, bool]] = [(0.0, 0, True)] + [(float("inf"), 0, False)] * len(run)
    for end in range(1, len(run) + 1):
        cost, _, _ = best[end - 1]
        best[end] = (cost + LEFT_OVER, end - 1, False)
        for start in range(max(0, end - longest), end):
            if run[start:end] in vocabulary and best[start][0] + 1 < best[end][0]:
                best[end] = (best[start][0] + 1, start, True)
    spans = _walk_back(best, len(run))
    known = all(is_word for _, _, is_word in spans)
    if len(spans) < 2 or (len(run) < SHORT_RUN and not known):
        return None
    return _merge_left_overs(spans)


def _walk_back(best: list[tuple[float, int, bool]], end: int) -> list[tuple[int, int, bool]]:
    """The cheapest path's pieces, first to last."""
    spans: list[tuple[int, int, bool]] = []
    while end > 0:
        _, start, is_word = best[end]
        spans.append((start, end, is_word))
        end = start
    return spans[::-1]


def _merge_left_overs(spans: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    """Pieces with each run of left-over letters made one unknown word."""
    merged: list[tuple[int, int]] = []
    previous_known = True
    for start, end, is_word in spans:
        if not is_word and not previous_known:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
        previous_known = is_word
    return merged
