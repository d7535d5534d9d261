"""Patterns made quick to match, and the matching itself.

Each place of a pattern (a slot, a group, a word, or a "...") becomes a ``Place`` whose
alternatives are indexed by their first key, so matching a place costs one dictionary look-up
however many alternatives a slot has ({adult} has about a hundred). Places are shared
between patterns through a memo, so the lexicon's many "{adult} ..." entries hold one index.
A match never crosses a sentence, and a "..." never skips a denial or linking word or leaves
its clause.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from analysis.safeguarding.lexicon import GAP, Pattern
from analysis.safeguarding.negation import BREAKS, DENIALS
from analysis.safeguarding.words import Word

MOST_SKIPPED = 3  # words a "..." in a phrase stands for
_UNSKIPPABLE = DENIALS | BREAKS


@dataclass(frozen=True)
class Place:
    """One place of a pattern: a gap, or alternatives (as keys) by first key; maybe optional."""

    gap: bool
    optional: bool
    by_first: Mapping[str, tuple[tuple[str, ...], ...]]


@dataclass(frozen=True)
class Compiled:
    """A pattern's places, and for each place that must match, the keys it can start with."""

    places: tuple[Place, ...]
    required: tuple[frozenset[str], ...]


def compile_pattern(pattern: Pattern, memo: dict[int, tuple[object, Place]]) -> Compiled:
    """pattern with each place indexed; memo shares a place between patterns that hold the very
    same alternatives object (a slot's), keeping that object alive so its id stays its own."""
    places = tuple(_place(place, memo) for place in pattern)
    required = (frozenset(p.by_first) for p in places if not (p.optional or p.gap))
    return Compiled(places, tuple(required))


def _place(
    alternatives: tuple[tuple[str, ...], ...], memo: dict[int, tuple[object, Place]]
) -> Place:
    kept = memo.get(id(alternatives))
    if kept is not None and kept[0] is alternatives:
        return kept[1]
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for keys in alternatives:
        if keys:
            by_first[keys[0]].append(keys)
    frozen = {first: tuple(found) for first, found in by_first.items()}
    place = Place(alternatives == GAP, () in alternatives, frozen)
    memo[id(alternatives)] = (alternatives, place)
    return place


def firsts(compiled: Compiled) -> set[str]:
    """The keys a match can start with (past optional places)."""
    found: set[str] = set()
    for place in compiled.places:
        found.update(place.by_first)
        if not place.optional:
            break
    return found


def longest_end(words: Sequence[Word], start: int, compiled: Compiled) -> int:
    """Where the longest match of compiled that starts at words[start] ends (start if none)."""
    return max(_ends(words, start, compiled, 0, words[start].sentence), default=start)


def _ends(
    words: Sequence[Word], at: int, compiled: Compiled, index: int, sentence: int
) -> Iterator[int]:
    """Where a match of compiled's places from index on that starts at words[at] can end."""
    if index == len(compiled.places):
        yield at
        return
    place = compiled.places[index]
    if place.gap:
        for end in _skips(words, at):
            yield from _ends(words, end, compiled, index + 1, sentence)
        return
    if place.optional:
        yield from _ends(words, at, compiled, index + 1, sentence)
    if at == len(words):
        return
    for keys in place.by_first.get(words[at].key, ()):
        end = at + len(keys)
        if end <= len(words) and words[end - 1].sentence == sentence and _same(words, at, keys):
            yield from _ends(words, end, compiled, index + 1, sentence)


def _same(words: Sequence[Word], at: int, keys: tuple[str, ...]) -> bool:
    return all(words[at + i].key == keys[i] for i in range(1, len(keys)))


def _skips(words: Sequence[Word], at: int) -> Iterator[int]:
    """Where a gap that starts at words[at] can end: past no denial, within the clause."""
    yield at
    for end in range(at + 1, min(at + MOST_SKIPPED, len(words)) + 1):
        skipped = words[end - 1]
        if skipped.key in _UNSKIPPABLE or skipped.clause != words[at - 1].clause:
            return
        yield end
