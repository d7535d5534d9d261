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
from analysis.safeguarding.lexicon import GAP, Pattern
from analysis.safeguarding.negation import BREAKS, DENIALS, clauses, denied
from analysis.safeguarding.reading import read
from analysis.safeguarding.words import TEXT_SPEAK, Word, squash
from analysis.text.phrases import STOPWORDS

IDIOM = ""  # the category of an idiom in the index
MOST_SKIPPED = 3  # words a "..." in a phrase stands for


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
        self._index: dict[str, list[tuple[Pattern, str, str]]] = defaultdict(list)
        for category, phrase in entries:
            pattern = lexicon.compile_phrase(phrase)
            for first in _firsts(pattern):
                self._index[first].append((pattern, category, phrase))
        self._vocabulary = _vocabulary(phrase for _, phrase in entries)
        self._longest = max(len(word) for word in self._vocabulary)

    def scan(self, text: str) -> Finding:
        """The phrases text holds that are neither denied nor inside an idiom."""
        words = read(text, self._vocabulary, self._longest)
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

    def _hits(self, words: Sequence[Word]) -> Iterator[_Hit]:
        """The longest match of each lexicon phrase (and idiom) starting at each word."""
        for start, word in enumerate(words):
            for pattern, category, phrase in self._index.get(word.key, ()):
                end = max(_ends(words, start, pattern, 0, word.sentence), default=start)
                if end > start:
                    yield _Hit(start, end, category, phrase)


def _ends(
    words: Sequence[Word], at: int, pattern: Pattern, place: int, sentence: int
) -> Iterator[int]:
    """Where a match of pattern[place:] that starts at words[at] can end, within one sentence."""
    if place == len(pattern):
        yield at
        return
    if pattern[place] == GAP:
        for end in _skips(words, at):
            yield from _ends(words, end, pattern, place + 1, sentence)
        return
    for keys in pattern[place]:
        end = at + len(keys)
        if end <= len(words) and all(
            words[at + i].key == key and words[at + i].sentence == sentence
            for i, key in enumerate(keys)
        ):
            yield from _ends(words, end, pattern, place + 1, sentence)


def _skips(words: Sequence[Word], at: int) -> Iterator[int]:
    """Where a gap that starts at words[at] can end: past no denial, within the clause."""
    yield at
    for end in range(at + 1, min(at + MOST_SKIPPED, len(words)) + 1):
        skipped = words[end - 1]
        if skipped.key in DENIALS or skipped.clause != words[at - 1].clause:
            return
        yield end


def _firsts(pattern: Pattern) -> set[str]:
    """The keys a match of pattern can start with (past optional places)."""
    firsts: set[str] = set()
    for place in pattern:
        firsts.update(keys[0] for keys in place if keys)
        if () not in place:
            break
    return firsts


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
    forms = {form for word in plain if word.isalnum() for form in inflections(word)}
    return frozenset(
        {form for form in forms if len(form) > 1} | {squash(form) for form in forms} | {"i", "a"}
    )


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
