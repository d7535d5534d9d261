"""Matching codes across phases: one wrong part tolerated, an ambiguous link never made."""

import random

import pytest

from analysis.training.matching import Matching, Record, chains, match


def rec(rid: str, code: str) -> Record:
    """A record whose parts are the characters of ``code`` (hashes stand in as letters)."""
    return Record(rid, tuple(code))


def test_the_same_code_matches():
    found = match([rec("b1", "MADL"), rec("b2", "JBCK")], [rec("e1", "JBCK"), rec("e2", "MADL")])
    assert found.pairs == (("b1", "e2"), ("b2", "e1"))
    assert found.rate() == 1.0
    assert found.unmatched_earlier == found.unmatched_later == found.ambiguous == ()


def test_a_code_with_one_mistaken_part_still_matches():
    found = match([rec("b1", "MADL"), rec("b2", "JBCK")], [rec("e1", "MAXL"), rec("e2", "JBCQ")])
    assert found.pairs == (("b1", "e1"), ("b2", "e2"))


def test_two_mistaken_parts_do_not_match_unless_the_tolerance_allows():
    found = match([rec("b1", "MADL")], [rec("e1", "MXYL")])
    assert found.pairs == () and found.unmatched_later == ("e1",) and found.ambiguous == ()
    assert found.unmatched_earlier == ("b1",) and found.rate() == 0.0
    assert match([rec("b1", "MADL")], [rec("e1", "MXYL")], tolerance=2).pairs == (("b1", "e1"),)


def test_a_code_that_fits_two_earlier_records_is_not_matched():
    found = match([rec("b1", "MADL"), rec("b2", "MADK")], [rec("e1", "MADX")])
    assert found.pairs == () and found.ambiguous == ("e1",) and found.unmatched_later == ("e1",)
    assert found.ambiguous_earlier == ("b1", "b2")


def test_two_later_records_that_fit_one_earlier_record_are_not_matched():
    found = match([rec("b1", "MADL")], [rec("e1", "MADX"), rec("e2", "MYDL")])
    assert found.pairs == () and found.ambiguous == ("e1", "e2")


def test_exact_matches_come_first_and_free_the_rest():
    # e2 is one part from both b1 and b2, but b1 is e1's exactly, so e2 can only be b2's.
    found = match([rec("b1", "MADL"), rec("b2", "MADK")], [rec("e1", "MADL"), rec("e2", "MADX")])
    assert found.pairs == (("b1", "e1"), ("b2", "e2")) and found.ambiguous == ()


def test_an_exact_match_wins_over_a_near_one():
    found = match([rec("b1", "MADL"), rec("b2", "MADK")], [rec("e1", "MADK")])
    assert found.pairs == (("b2", "e1"),) and found.unmatched_earlier == ("b1",)


def test_an_ambiguous_exact_code_never_falls_back_to_a_near_record():
    # Two people shared a code by chance before; the near record b3 is no safe way out.
    found = match([rec("b1", "MADL"), rec("b2", "MADL"), rec("b3", "MADQ")], [rec("e1", "MADL")])
    assert found.pairs == () and found.ambiguous == ("e1",)
    assert found.ambiguous_earlier == ("b1", "b2")


def test_duplicates_inside_one_phase_link_nothing():
    twice_later = match([rec("b1", "MADL")], [rec("e1", "MADL"), rec("e2", "MADL")])
    assert twice_later.pairs == () and twice_later.ambiguous == ("e1", "e2")
    twice_both = match([rec("b1", "MADL"), rec("b2", "MADL")],
                       [rec("e1", "MADL"), rec("e2", "MADL"), rec("e3", "JBCK")])  # fmt: skip
    assert twice_both.ambiguous == ("e1", "e2") and twice_both.unmatched_later == ("e1", "e2", "e3")


def test_a_chain_of_near_codes_is_set_aside_whole():
    # b1-e1-b2-e2: e1 fits two records, and so does b2, so no link in the chain is safe.
    found = match([rec("b1", "AAAA"), rec("b2", "AABB")], [rec("e1", "AAAB"), rec("e2", "AXBB")])
    assert found.pairs == () and found.ambiguous == ("e1", "e2")


def test_every_later_record_is_linked_or_unmatched_once():
    earlier = [rec(f"b{i}", code) for i, code in enumerate(["ABCD", "ABCE", "WXYZ", "QRST"])]
    later = [rec(f"e{i}", code) for i, code in enumerate(["ABCX", "WXYQ", "QRST", "LMNO"])]
    found = match(earlier, later)
    linked = [lat for _, lat in found.pairs]
    assert sorted(linked + list(found.unmatched_later)) == sorted(r.id for r in later)
    assert found.pairs == (("b2", "e1"), ("b3", "e2")) and found.rate() == 0.5


def test_empty_phases_and_bad_input():
    assert match([], []) == Matching((), (), (), ())
    assert match([], []).rate() == 0.0
    with pytest.raises(ValueError, match="same number of parts"):
        match([rec("b1", "ABCD")], [rec("e1", "ABC")])
    with pytest.raises(ValueError, match="unique within a phase"):
        match([rec("b1", "ABCD"), rec("b1", "ABCE")], [])
    with pytest.raises(ValueError, match="share an id"):
        match([rec("x", "ABCD")], [rec("x", "ABCD")])
    with pytest.raises(ValueError, match="tolerance must be from 0 to 3"):
        match([rec("b1", "ABCD")], [], tolerance=4)


@pytest.mark.parametrize("seed", range(5))
def test_matching_agrees_with_comparing_every_pair(seed):
    """The blocking index finds what comparing every pair, round by round, would."""
    rng = random.Random(seed)
    codes = ["".join(rng.choice("ABC") for _ in range(4)) for _ in range(80)]
    earlier = [rec(f"b{i}", c) for i, c in enumerate(codes[:40])]
    later = [rec(f"e{i}", c) for i, c in enumerate(codes[40:])]
    for tolerance in (0, 1, 2):
        expected = _every_pair(earlier, later, tolerance)
        assert set(match(earlier, later, tolerance).pairs) == expected


def _every_pair(earlier: list[Record], later: list[Record], tolerance: int) -> set[tuple]:
    """The matching rule applied by brute force: per distance, links alone in their group."""
    free, pairs = {r.id for r in earlier + later}, set()
    for distance in range(tolerance + 1):
        edges = [(b.id, e.id) for b in earlier for e in later
                 if {b.id, e.id} <= free and _distance(b, e) == distance]  # fmt: skip
        for group in _connected(edges):
            if len(group) == 1:
                pairs.add(group[0])
            free -= {node for edge in group for node in edge}
    return pairs


def _connected(edges: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    groups: list[list[tuple[str, str]]] = []
    left = list(edges)
    while left:
        group, nodes = [left.pop()], set()
        nodes.update(group[0])
        grew = True
        while grew:
            joining = [e for e in left if nodes & set(e)]
            grew = bool(joining)
            group += joining
            left = [e for e in left if e not in joining]
            nodes.update(n for e in joining for n in e)
        groups.append(group)
    return groups


def _distance(a: Record, b: Record) -> int:
    return sum(x != y for x, y in zip(a.parts, b.parts, strict=True))


def test_chains_link_three_phases_through_the_end():
    before = [rec("b1", "MADL"), rec("b2", "JBCK"), rec("b3", "PPPP")]
    end = [rec("e1", "MADL"), rec("e2", "JBCX"), rec("e3", "ZZZZ")]
    follow = [rec("f1", "MXDL"), rec("f2", "PPPQ"), rec("f3", "YYYY")]
    assert chains(before, end, follow) == [
        ("b1", "e1", "f1"),
        ("b2", "e2", None),
        (None, "e3", None),
        ("b3", None, "f2"),  # skipped the end questionnaire
        (None, None, "f3"),
    ]


def test_chains_never_link_an_ambiguous_record_around_the_end():
    before = [rec("b1", "MADL"), rec("b2", "MADK")]
    end = [rec("e1", "MADX")]
    follow = [rec("f1", "MADL")]
    rows = chains(before, end, follow)
    assert sorted(rows, key=str) == sorted(
        [("b1", None, None), ("b2", None, None), (None, "e1", "f1")], key=str
    )
