"""Words and phrases an analyst might add to a codebook: the commonest in the comments.

A plain word counter, needing no language data: phrases of one to three words within one
clause (never across . , ! ? ; : or brackets), neither starting nor ending with a stopword,
each counted once per comment. A phrase that only ever comes inside a longer one shown
(same count) is left out, so "social" does not crowd "social worker". Redaction
placeholders ("[name]") break a clause and are never words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

_STOPWORDS = """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each few for from further get gets got had hadn't has
    hasn't have haven't having he he's her here hers herself him himself his how i i'd
    i'll i'm i've if in into is isn't it it's its itself just let's me more most my myself
    no nor not now of off on once only or other our ours ourselves out over own really
    same she she's should shouldn't so some such than that that's the their theirs them
    themselves then there there's these they they're this those through to too under
    until up us very was wasn't we we're were weren't what when where which while who
    whom why will with won't would wouldn't you you're your yours yourself also im dont
    didnt cant wont ive its thats lot lots much many still even ever every
"""
STOPWORDS = frozenset(_STOPWORDS.split())

_BREAKS = re.compile(r"[.,!?;:()\[\]{}\"\u201c\u201d\u2026\n]+")
_PLACEHOLDER = re.compile(r"\[\w+\]")
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_LONGEST = 3


def _words(text: str) -> list[list[str]]:
    """The lower-case words of each clause of text."""
    lowered = _PLACEHOLDER.sub(".", text.lower().replace("\u2019", "'"))
    return [words for clause in _BREAKS.split(lowered) if (words := _TOKEN.findall(clause))]


def _grams(words: list[str]) -> Iterator[str]:
    """The one- to three-word phrases of one clause that do not start or end with a stopword."""
    for size in range(1, _LONGEST + 1):
        for start in range(len(words) - size + 1):
            gram = words[start : start + size]
            if gram[0] not in STOPWORDS and gram[-1] not in STOPWORDS:
                yield " ".join(gram)


def _phrases(text: str) -> set[str]:
    return {gram for words in _words(text) for gram in _grams(words)}


def _inside(phrase: str) -> Iterator[str]:
    """The shorter phrases that make up part of phrase."""
    words = phrase.split()
    for size in range(1, len(words)):
        for start in range(len(words) - size + 1):
            yield " ".join(words[start : start + size])


def _outermost(counts: dict[str, int]) -> dict[str, int]:
    """counts without the phrases that only ever come inside a longer one there."""
    inner = {
        part for phrase, n in counts.items() for part in _inside(phrase) if counts.get(part) == n
    }
    return {phrase: n for phrase, n in counts.items() if phrase not in inner}


def frequent_phrases(
    texts: Iterable[str], known: Iterable[str] = (), top: int = 20, min_count: int = 3
) -> list[tuple[str, int]]:
    """The top (phrase, comments) pairs seen in min_count comments or more, not in known."""
    comments = (text for text in texts if isinstance(text, str))
    counts = Counter(phrase for text in comments for phrase in _phrases(text))
    frequent = _outermost({phrase: n for phrase, n in counts.items() if n >= min_count})
    skip = {" ".join(_TOKEN.findall(k.lower().replace("\u2019", "'"))) for k in known}
    shown = [(phrase, n) for phrase, n in frequent.items() if phrase not in skip]
    return sorted(shown, key=lambda pair: (-pair[1], pair[0]))[:top]
