"""The detector: which lexicon phrases a text holds, not denied and not part of an idiom.

Building one expands every pattern into plain phrases and indexes them by their first
word's key, once (``detector()`` caches one per board extension); a scan then reads the
text's words once and, at each word, tries only the phrases that start with it, so its
time grows with the text's length, never with backtracking. A match that lies inside a
longer match of the same category is left out, so the reviewer sees the fullest words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from analysis.safeguarding import lexicon
from analysis.safeguarding.glued import inflections, plain_mapped
from analysis.safeguarding.matching import Compiled, Place, compile_pattern, firsts, longest_end
from analysis.safeguarding.negation import BREAKS, DENIALS, clauses, denied
from analysis.safeguarding.reading import Reader
from analysis.safeguarding.words import TEXT_SPEAK, Word, squash
from analysis.text.phrases import STOPWORDS

IDIOM = ""  # the category of an idiom in the index


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


class Detector:
    """The maintained lexicon, plus a board's extra (category, phrase) entries."""

    def __init__(self, extra: Iterable[tuple[str, str]] = ()) -> None:
        extra = tuple(extra)
        for category, phrase in extra:
            lexicon.check(category, phrase)
        entries = [*lexicon.default_entries(), *extra]
        entries += [(IDIOM, idiom) for idiom in lexicon.idioms()]
        self._index: dict[str, list[tuple[Compiled, str, str]]] = defaultdict(list)
        memo: dict[int, tuple[object, Place]] = {}
        for category, phrase in entries:
            compiled = compile_pattern(lexicon.compile_phrase(phrase), memo)
            for first in firsts(compiled):
                self._index[first].append((compiled, category, phrase))
        self._reader = Reader(_vocabulary(phrase for _, phrase in entries))

    def scan(self, text: str) -> Finding:
        """The phrases text holds that are neither denied nor inside an idiom."""
        words = self._reader.read(text)
        hits = list(self._hits(words))
        idioms = [hit for hit in hits if hit.category == IDIOM]
        clause = clauses(words)
        kept = [
            hit
            for hit in hits
            if hit.category != IDIOM
            and not any(_overlap(hit, idiom) for idiom in idioms)
            and not denied(words, clause, hit.start, hit.end)
        ]
        return Finding(_matches(text, words, _fullest(kept)))

    def forget(self) -> None:
        """Drop the words read so far (each word's reading is kept to speed up later scans)."""
        self._reader.word.cache_clear()

    def _hits(self, words: Sequence[Word]) -> Iterator[_Hit]:
        """The longest match of each lexicon phrase (and idiom) starting at each word."""
        present = {word.key for word in words}
        viable: dict[int, bool] = {}  # id of a compiled pattern -> whether text holds its words
        for start, word in enumerate(words):
            for compiled, category, phrase in self._index.get(word.key, ()):
                holds = viable.get(id(compiled))
                if holds is None:
                    holds = viable[id(compiled)] = _viable(compiled, present)
                if not holds:
                    continue
                end = longest_end(words, start, compiled)
                if end > start:
                    yield _Hit(start, end, category, phrase)


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


def _overlap(one: _Hit, other: _Hit) -> bool:
    return one.start < other.end and other.start < one.end


def _fullest(hits: list[_Hit]) -> list[_Hit]:
    """Hits not lying inside another hit of the same category (the first of equal ones kept)."""
    kept: list[_Hit] = []
    for index, hit in enumerate(hits):
        if not any(
            _inside(hit, other, other_index < index)
            for other_index, other in enumerate(hits)
            if other is not hit
        ):
            kept.append(hit)
    return kept


def _inside(hit: _Hit, other: _Hit, other_first: bool) -> bool:
    """Whether other, of the same category, covers hit and is longer (or as long and first)."""
    if other.category != hit.category or not (other.start <= hit.start and hit.end <= other.end):
        return False
    longer = other.end - other.start > hit.end - hit.start
    return longer or other_first


def _matches(text: str, words: Sequence[Word], hits: list[_Hit]) -> tuple[Match, ...]:
    """One Match per distinct (category, phrase, words), in the order they were written."""
    found: dict[Match, None] = {}
    for hit in sorted(hits, key=lambda h: (h.start, h.end)):
        written = text[words[hit.start].start : words[hit.end - 1].end]
        found[Match(hit.category, hit.phrase, written)] = None
    return tuple(found)


@lru_cache(maxsize=64)
def detector(extra: tuple[tuple[str, str], ...] = ()) -> Detector:
    """A Detector for the lexicon plus extra, built once per distinct extra."""
    return Detector(extra)


def scan(text: str) -> Finding:
    """What the maintained lexicon finds in text."""
    return detector().scan(text)
