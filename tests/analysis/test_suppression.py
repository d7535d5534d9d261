"""The one small-number rule: 1 to 5 hidden, a lone hidden cell covered, no small groups."""

import pytest

from analysis.suppression import Thresholds, share, shown, shown_total, suppress

T = Thresholds()


def test_counts_from_one_to_five_are_hidden_and_zero_is_not():
    assert suppress([0, 6, 20, 40], T) == [0, 6, 20, 40]
    assert suppress([3, 2, 20, 40], T) == [None, None, 20, 40]


def test_a_lone_hidden_cell_takes_the_next_smallest_with_it():
    # 4 hidden alone could be worked out as 70 - 6 - 20 - 40; hiding the 6 too stops that.
    assert suppress([4, 6, 20, 40], T) == [None, None, 20, 40]
    # Zeros are no cover: the next smallest non-zero cell is hidden.
    assert suppress([0, 5, 0, 30, 12], T) == [0, None, 0, 30, None]


def test_a_lone_cell_with_nothing_else_to_hide_stays_hidden():
    assert suppress([5, 0, 0], T) == [None, 0, 0]


def test_shown_prints_c_and_shares_of_hidden_cells_are_hidden():
    counts = suppress([2, 30, 40], T)
    assert [shown(c) for c in counts] == ["c", "c", 40]
    assert share(counts[0], 72) is None and share(40, 72) == 55.6
    assert shown_total(5, T) == "c" and shown_total(6, T) == 6 and shown_total(0, T) == 0


def test_a_board_may_raise_the_thresholds_and_never_lower_them():
    raised = Thresholds(count=9, group=20)
    assert suppress([8, 12, 30], raised) == [None, None, 30]
    assert not raised.breaks_down(19) and raised.breaks_down(20)
    with pytest.raises(ValueError, match="not lowered"):
        Thresholds(count=3)
    with pytest.raises(ValueError, match="not lowered"):
        Thresholds(group=8)
