"""The detector: which lexicon phrases a text holds, not denied and not part of an idiom.

Building one compiles every pattern (see matching) and indexes it by the keys it can start
with, once (``detector()`` caches one per board extension); a scan then reads the text's
words once and, at each word, tries only the patterns that start with it and whose words
the text holds at all, so its time grows with the text's length, never with backtracking.
A match that lies inside a longer match of the same category is left out, so the reviewer
sees the fullest words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from analysis.safeguarding import concepts, lexicon
from analysis.safeguarding.glued import inflections, plain_mapped
from analysis.safeguarding.matching import Compiled, Place, compile_pattern, firsts, longest_end
from analysis.safeguarding.negation import BREAKS, DENIALS, clauses, denied
from analysis.safeguarding.reading import Reader
from analysis.safeguarding.words import TEXT_SPEAK, Word, squash
from analysis.text.phrases import STOPWORDS

IDIOM = ""  # the category of an idiom
MOST_KEPT = 3  # matches of one pattern kept before it is no longer tried (a long answer
# repeating "he hits me" is flagged by its first ones; trying on would only cost time)


@dataclass(frozen=True)
class Match:
    """A lexicon entry found in a text: its category, the entry as written, the text's words."""

    category: str
    phrase: str
    words: str


@dataclass(frozen=True)
class Finding:
    """What a scan found; flagged when anything was."""

    matches: tuple[Match, ...]

    @property
    def flagged(self) -> bool:
        """Whether any phrase matched."""
        return bool(self.matches)

    @property
    def categories(self) -> tuple[str, ...]:
        """The distinct categories matched, in CATEGORIES order."""
        found = {match.category for match in self.matches}
        return tuple(category for category in lexicon.CATEGORIES if category in found)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    category: str
    phrase: str
    compiled: Compiled


class Detector:
    """The maintained lexicon, plus a board's extra (category, phrase) entries."""

    def __init__(self, extra: Iterable[tuple[str, str]] = ()) -> None:
        extra = tuple(extra)
        for category, phrase in extra:
            lexicon.check(category, phrase)
        entries = [*lexicon.default_entries(), *extra]
        idioms = [(IDIOM, idiom) for idiom in lexicon.idioms()]
        memo: dict[int, tuple[object, Place]] = {}
        self._index = _index(entries, memo)
        self._idioms = _index(idioms, memo)
        phrases = [phrase for _, phrase in entries + idioms] + concepts.vocabulary()
        self._reader = Reader(_vocabulary(phrases))
        concepts.index()

    def scan(self, text: str) -> Finding:
        """The phrases text holds that are neither denied nor inside an idiom."""
        words = self._reader.read(text)
        in_idiom = [False] * len(words)
        for hit in _hits(self._idioms, words, set()):
            in_idiom[hit.start : hit.end] = [True] * (hit.end - hit.start)
        clause = clauses(words)
        kept: list[_Hit] = []
        spent: set[int] = set()  # ids of patterns kept MOST_KEPT times, not tried again
        for hit in _hits(self._index, words, spent):
            if any(in_idiom[hit.start : hit.end]) or denied(words, clause, hit.start, hit.end):
                continue
            kept.append(hit)
            if sum(k.compiled is hit.compiled for k in kept) == MOST_KEPT:
                spent.add(id(hit.compiled))
        found = _matches(text, words, _fullest(kept))
        return Finding(found + _concept_matches(text, words, clause, in_idiom, found))

    def forget(self) -> None:
        """Drop the words read so far (each word's reading is kept to speed up later scans)."""
        self._reader.word.cache_clear()


Index = dict[str, list[tuple[Compiled, str, str]]]  # first key -> (pattern, category, phrase)


def _index(entries: Iterable[tuple[str, str]], memo: dict[int, tuple[object, Place]]) -> Index:
    """Each (category, phrase) compiled, under every key its matches can start with."""
    index: Index = defaultdict(list)
    for category, phrase in entries:
        compiled = compile_pattern(lexicon.compile_phrase(phrase), memo)
        for first in firsts(compiled):
            index[first].append((compiled, category, phrase))
    return index


def _hits(index: Index, words: Sequence[Word], spent: set[int]) -> Iterator[_Hit]:
    """The longest match of each pattern of index starting at each word, but for spent ones
    (ids, which the caller may add to as it goes) and those whose words the text lacks."""
    present = {word.key for word in words}
    viable: dict[int, bool] = {}  # id of a pattern -> whether the text holds its words
    for start, word in enumerate(words):
        for compiled, category, phrase in index.get(word.key, ()):
            key = id(compiled)
            holds = viable.get(key)
            if holds is None:
                holds = viable[key] = _viable(compiled, present)
            if holds and key not in spent:
                end = longest_end(words, start, compiled)
                if end > start:
                    yield _Hit(start, end, category, phrase, compiled)


def _viable(compiled: Compiled, present: set[str]) -> bool:
    """Whether every place that must match has an alternative starting with a present key."""
    return all(not present.isdisjoint(firsts) for firsts in compiled.required)


def _vocabulary(phrases: Iterable[str]) -> frozenset[str]:
    """Every word the lexicon, its slots, text-speak and denials use, as written and squashed."""
    words = {word for phrase in phrases for word in lexicon.words_in(phrase)}
    words.update(
        word
        for alternatives in lexicon.slots().values()
        for a in alternatives
        for word in a.split()
    )
    words.update(TEXT_SPEAK, *(value.split() for value in TEXT_SPEAK.values()))
    words.update(DENIALS, BREAKS, STOPWORDS, lexicon.everyday_words())
    plain = {plain_mapped(word)[0] for word in words}
    bases = {base for word in plain if word.isalnum() for base in (word, squash(word))}
    forms = {form for base in bases for form in inflections(base) if len(form) > 1}
    return frozenset(forms | {"i", "a"})


def _fullest(hits: list[_Hit]) -> list[_Hit]:
    """Hits not lying inside a longer hit of the same category (the first of equal ones kept).

    In order of start, longest first, a hit lies inside an earlier one exactly when an earlier
    hit of its category reaches as far; one pass, whatever the number of hits.
    """
    kept: list[_Hit] = []
    reach: dict[str, int] = {}
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if reach.get(hit.category, -1) < hit.end:
            kept.append(hit)
            reach[hit.category] = hit.end
    return kept


def _matches(text: str, words: Sequence[Word], hits: list[_Hit]) -> tuple[Match, ...]:
    """One Match per distinct (category, phrase, words), in the order they were written."""
    found: dict[Match, None] = {}
    for hit in sorted(hits, key=lambda h: (h.start, h.end)):
        written = text[words[hit.start].start : words[hit.end - 1].end]
        found[Match(hit.category, hit.phrase, written)] = None
    return tuple(found)


def _concept_matches(
    text: str,
    words: Sequence[Word],
    clause: list[int],
    in_idiom: list[bool],
    found: tuple[Match, ...],
) -> tuple[Match, ...]:
    """The first concept match of each category the lexicon did not find (see concepts)."""
    seen = {match.category for match in found}
    extra: list[Match] = []
    for hit in concepts.find(words, clause, in_idiom):
        if hit.rule.category not in seen:
            seen.add(hit.rule.category)
            written = text[words[hit.start].start : words[hit.end - 1].end]
            extra.append(Match(hit.rule.category, hit.rule.phrase, written))
    return tuple(extra)


@lru_cache(maxsize=64)
def detector(extra: tuple[tuple[str, str], ...] = ()) -> Detector:
    """A Detector for the lexicon plus extra, built once per distinct extra."""
    return Detector(extra)


def scan(text: str) -> Finding:
    """What the maintained lexicon finds in text."""
    return detector().scan(text)
