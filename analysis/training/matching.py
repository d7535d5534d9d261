"""Linking one attendee's answers across phases by their hashed personal codes.

A later record is linked to an earlier one when their codes are the same or differ in at
most ``tolerance`` parts, and only when the link is unique. Distances are taken in rounds,
exact matches first: in each round the records still free and their links at exactly that
distance form a graph, a link that stands alone in it (one earlier, one later record) is
made, and every record in a larger group is set aside for good, since any link in it could
join two different people. So a code that fits two earlier records, two answers with one
code in a phase, or two answers that fit one earlier record link nothing. Set-aside later
records are reported as ambiguous.

Candidates are found by blocking, not by comparing every pair: two codes of ``n`` parts
within ``t`` of each other agree on at least ``n - t`` parts, so each record is indexed
under every choice of ``n - t`` of its parts, and only records sharing a key are paired.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations
from math import comb

Link = tuple[str, str]


@dataclass(frozen=True)
class Record:
    """One answer's id and its code, one hash per part."""

    id: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Matching:
    """Links (earlier id, later id); ``unmatched_later`` includes the ambiguous ones."""

    pairs: tuple[Link, ...]
    ambiguous: tuple[str, ...]
    unmatched_earlier: tuple[str, ...]
    unmatched_later: tuple[str, ...]
    ambiguous_earlier: tuple[str, ...] = ()

    def rate(self) -> float:
        """The share (0 to 1) of later records linked; 0 when there are none."""
        later = len(self.pairs) + len(self.unmatched_later)
        return len(self.pairs) / later if later else 0.0


def match(earlier: Sequence[Record], later: Sequence[Record], tolerance: int = 1) -> Matching:
    """One-to-one links, closest first, never where a record has two candidates."""
    width = _width(earlier, later, tolerance)
    edges = _edges(earlier, later, width, width - tolerance)
    pairs, aside = _rounds(edges, tolerance)
    linked = {e for e, _ in pairs} | {lat for _, lat in pairs}
    return Matching(
        pairs=tuple(sorted(pairs)),
        ambiguous=_ids(later, aside),
        unmatched_earlier=_ids(earlier, linked, keep=False),
        unmatched_later=_ids(later, linked, keep=False),
        ambiguous_earlier=_ids(earlier, aside),
    )


def _width(earlier: Sequence[Record], later: Sequence[Record], tolerance: int) -> int:
    """The number of parts every record has; ValueError for mixed codes or reused ids."""
    widths = {len(r.parts) for r in (*earlier, *later)}
    if len(widths) > 1:
        raise ValueError("every code must have the same number of parts")
    width = widths.pop() if widths else tolerance + 1
    if not 0 <= tolerance < width:
        raise ValueError(f"tolerance must be from 0 to {width - 1} for {width}-part codes")
    for side in (earlier, later):
        if len({r.id for r in side}) != len(side):
            raise ValueError("record ids must be unique within a phase")
    if {r.id for r in earlier} & {r.id for r in later}:
        raise ValueError("an earlier and a later record share an id")
    return width


def _keys(parts: tuple[str, ...], agree: int) -> Iterator[tuple[object, ...]]:
    """Every blocking key: a choice of ``agree`` positions and the parts found there."""
    for positions in combinations(range(len(parts)), agree):
        yield (positions, *(parts[i] for i in positions))


def _edges(
    earlier: Sequence[Record], later: Sequence[Record], width: int, agree: int
) -> dict[Link, int]:
    """Every (earlier id, later id) whose codes agree on ``agree`` parts or more: distance.

    Two codes ``d`` parts apart share comb(n - d, agree) keys, a number that falls as ``d``
    grows, so counting shared keys gives the distance without comparing parts.
    """
    distance_of = {comb(width - d, agree): d for d in range(width - agree + 1)}
    index: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for record in earlier:
        for key in _keys(record.parts, agree):
            index[key].append(record.id)
    edges: dict[Link, int] = {}
    for record in later:
        shared: Counter[str] = Counter()
        for key in _keys(record.parts, agree):
            shared.update(index.get(key, ()))
        for other, count in shared.items():
            edges[(other, record.id)] = distance_of[count]
    return edges


def _rounds(edges: dict[Link, int], tolerance: int) -> tuple[list[Link], set[str]]:
    """The links made round by round, closest first, and the records set aside."""
    by_distance: dict[int, list[Link]] = defaultdict(list)
    for link, distance in edges.items():
        by_distance[distance].append(link)
    pairs: list[Link] = []
    done: set[str] = set()  # linked or set aside
    aside: set[str] = set()
    for distance in range(tolerance + 1):
        now = [(e, lat) for e, lat in by_distance[distance] if e not in done and lat not in done]
        for group in _groups(now):
            if len(group) == 1:
                pairs.append(group[0])
            else:
                aside.update(n for link in group for n in link)
            done.update(n for link in group for n in link)
    return pairs, aside


def _groups(links: Iterable[Link]) -> list[list[Link]]:
    """The links split into connected groups (earlier and later ids never coincide)."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    links = list(links)
    for e, lat in links:
        parent[root(e)] = root(lat)
    grouped: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        grouped[root(link[0])].append(link)
    return list(grouped.values())


def _ids(records: Sequence[Record], chosen: set[str], keep: bool = True) -> tuple[str, ...]:
    """The ids of records in ``chosen`` (or, with keep=False, not in it), sorted."""
    return tuple(sorted(r.id for r in records if (r.id in chosen) == keep))


Chain = tuple[str | None, str | None, str | None]


def chains(
    before: Sequence[Record], end: Sequence[Record], follow_up: Sequence[Record]
) -> list[Chain]:
    """Every record once, as (before, end, follow-up) ids linked through the end phase.

    Records left unlinked at the end phase, and not set aside as ambiguous, are then matched
    directly from before to follow-up (an attendee who skipped the end questionnaire).
    """
    first, second = match(before, end), match(end, follow_up)
    start_of = {lat: e for e, lat in first.pairs}
    then_of = {e: lat for e, lat in second.pairs}
    result: list[Chain] = [(start_of.get(r.id), r.id, then_of.get(r.id)) for r in end]
    skipped = _skipped(before, follow_up, first, second)
    result += [(b, None, f) for b, f in skipped.pairs]
    result += [(b, None, None) for b in skipped.unmatched_earlier]
    result += [(None, None, f) for f in skipped.unmatched_later]
    return result


def _skipped(
    before: Sequence[Record], follow_up: Sequence[Record], first: Matching, second: Matching
) -> Matching:
    """Before and follow-up records linked at neither side of the end phase, matched directly.

    Records set aside as ambiguous are never linked, but are left in the result unmatched.
    """
    free_before = set(first.unmatched_earlier) - set(first.ambiguous_earlier)
    free_after = set(second.unmatched_later) - set(second.ambiguous)
    direct = match([r for r in before if r.id in free_before],
                   [r for r in follow_up if r.id in free_after])  # fmt: skip
    stuck_before = tuple(sorted(first.ambiguous_earlier))
    stuck_after = tuple(sorted(second.ambiguous))
    return Matching(direct.pairs, direct.ambiguous,
                    tuple(sorted(direct.unmatched_earlier + stuck_before)),
                    tuple(sorted(direct.unmatched_later + stuck_after)))  # fmt: skip
