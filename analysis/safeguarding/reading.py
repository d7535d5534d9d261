"""A text read into the Words the detector compares (see words and glued)."""

from __future__ import annotations

from collections.abc import Iterator

from analysis.safeguarding import glued
from analysis.safeguarding.words import FILLERS, TEXT_SPEAK, Word, raw_words, spoken, squash, stem

SHORTEST_RUN = 6  # shorter unknown words are never split


def read(text: str, vocabulary: frozenset[str], longest: int) -> list[Word]:
    """The words of text as keys, run-together words split, text-speak spelled out."""
    words: list[Word] = []
    for raw, start, _, sentence, clause in raw_words(text):
        for part, part_start, part_end in _parts(raw, start, vocabulary, longest):
            for said in spoken(part):
                if said not in FILLERS:
                    words.append(Word(stem(said), part_start, part_end, sentence, clause))
    return words


def _parts(
    raw: str, start: int, vocabulary: frozenset[str], longest: int
) -> Iterator[tuple[str, int, int]]:
    """(squashed word, start, end) of each word in raw, split when it is words run together."""
    plain, where = glued.plain_mapped(raw)
    squashed = squash(plain)
    spans = None
    known = plain in vocabulary or squashed in vocabulary or squashed in TEXT_SPEAK
    if len(plain) >= SHORTEST_RUN and not known:
        spans = glued.split(plain, vocabulary, longest)
    if spans is None:
        yield squashed, start, start + len(raw)
        return
    for first, last in spans:
        end = start + where[last] if last < len(where) else start + len(raw)
        yield squash(plain[first:last]), start + where[first], end
