"""A text read into the Words the detector compares (see words and glued).

Each word as written is read once into its keys and their offsets, and that reading is kept
(``Reader``, a bounded cache per detector): children's answers repeat the same few hundred
words, so most of a long answer costs one look-up a word.
"""

from __future__ import annotations

from functools import lru_cache

from analysis.safeguarding import glued
from analysis.safeguarding.words import FILLERS, TEXT_SPEAK, Word, raw_words, spoken, squash, stem

SHORTEST_RUN = 6  # shorter unknown words are never split
INFLECTIONS = ("ed", "ing")  # a short word with one of these is read whole ("bumped")
KEPT_WORDS = 50_000  # readings a Reader keeps

Reading = tuple[tuple[str, int, int], ...]  # (key, start, end) within the word as written


class Reader:
    """Reads texts into Words, splitting words run together by vocabulary."""

    def __init__(self, vocabulary: frozenset[str]) -> None:
        self._vocabulary = vocabulary
        self._longest = max(len(word) for word in vocabulary)
        self.word = lru_cache(maxsize=KEPT_WORDS)(self._word)

    def read(self, text: str) -> list[Word]:
        """The words of text as keys, run-together words split, text-speak spelled out."""
        return [
            Word(key, start + first, start + last, sentence, clause)
            for raw, start, _, sentence, clause in raw_words(text)
            for key, first, last in self.word(raw)
        ]

    def _word(self, raw: str) -> Reading:
        """(key, start, end) of each key a word as written stands for."""
        return tuple(
            (stem(said), first, last)
            for part, first, last in self._parts(raw)
            for said in spoken(part)
            if said not in FILLERS
        )

    def _parts(self, raw: str) -> list[tuple[str, int, int]]:
        """(squashed word, start, end) of each word in raw, split when it is words run together."""
        plain, where = glued.plain_mapped(raw)
        squashed = squash(plain)
        known = {plain, squashed} & self._vocabulary or squashed in TEXT_SPEAK
        spans = None
        if len(plain) >= SHORTEST_RUN and not known and not _inflected(squashed):
            spans = glued.split(plain, self._vocabulary, self._longest)
        if spans is None:
            return [(squashed, 0, len(raw))]
        return [
            (squash(plain[a:b]), where[a], where[b] if b < len(where) else len(raw))
            for a, b in spans
        ]


def _inflected(word: str) -> bool:
    """Whether word reads as a short word inflected ("bumped", "slamming"): never split, so
    "bumped" is not "bum" and "ped"."""
    return any(word.endswith(end) and len(word) - len(end) < SHORTEST_RUN for end in INFLECTIONS)
