"""Paired change: means, share improved and d_z with its exact 95% interval."""

import math

import numpy as np
import pytest
from scipy import integrate, stats

from analysis.training.change import paired_change

BEFORE = [2, 3, 3, 4, 2, 3]
AFTER = [4, 4, 3, 5, 4, 4]


def test_a_worked_example():
    # Changes 2, 1, 0, 1, 2, 1: mean 7/6; squared deviations sum to 17/6, so the standard
    # deviation is sqrt(17/30) = 0.75277 and d_z = (7/6) / 0.75277 = 1.54983.
    change = paired_change(BEFORE, AFTER)
    assert change.n == 6
    assert change.mean_before == pytest.approx(17 / 6)
    assert change.mean_after == pytest.approx(4.0)
    assert change.mean_change == pytest.approx(7 / 6)
    assert change.improved == pytest.approx(5 / 6)
    assert change.effect == pytest.approx((7 / 6) / math.sqrt(17 / 30))
    assert change.effect == pytest.approx(1.54983, abs=1e-5)
    assert change.low == pytest.approx(0.29351, abs=1e-4)
    assert change.high == pytest.approx(2.74981, abs=1e-4)
    assert change.has_effect


def _below(t: float, df: int, noncentrality: float) -> float:
    """P(T <= t) for the noncentral t, from its definition (Z + nc) / sqrt(V / df)."""

    def density(v: float) -> float:
        return stats.norm.cdf(t * math.sqrt(v / df) - noncentrality) * stats.chi2.pdf(v, df)

    return integrate.quad(density, 0, math.inf)[0]


@pytest.mark.parametrize(
    ("before", "after"),
    [(BEFORE, AFTER), ([3, 3, 4, 2, 5, 1, 3, 4], [3, 4, 4, 3, 4, 2, 2, 5]),
     ([5, 4, 5, 4, 3], [2, 3, 4, 4, 1])],
)  # fmt: skip
def test_the_interval_leaves_two_and_a_half_percent_in_each_tail(before, after):
    change = paired_change(before, after)
    n = change.n
    t = change.effect * math.sqrt(n)
    assert _below(t, n - 1, change.low * math.sqrt(n)) == pytest.approx(0.975, abs=1e-6)
    assert _below(t, n - 1, change.high * math.sqrt(n)) == pytest.approx(0.025, abs=1e-6)
    assert change.low < change.effect < change.high


def test_a_large_sample_agrees_with_the_normal_approximation():
    before = [float(i % 5) for i in range(400)]
    after = [b + (i % 3) - 0.7 for i, b in enumerate(before)]
    change = paired_change(before, after)
    half = 1.96 * math.sqrt(1 / 400 + change.effect**2 / (2 * 400))
    assert change.low == pytest.approx(change.effect - half, abs=0.01)
    assert change.high == pytest.approx(change.effect + half, abs=0.01)


def test_a_fall_gives_a_negative_effect_and_nobody_improved():
    change = paired_change([5, 4, 5, 4, 3], [2, 3, 3, 2, 1])
    assert change.mean_change == pytest.approx(-2.0)
    assert change.improved == 0.0
    assert change.effect == pytest.approx(-2.0 / math.sqrt(0.5))
    assert change.effect < change.high < 0
    # A fall mirrors the same rise: the interval of -d is the interval of d, negated.
    rise = paired_change([2, 3, 3, 2, 1], [5, 4, 5, 4, 3])
    assert (change.low, change.high) == pytest.approx((-rise.high, -rise.low))


def test_no_pairs_one_pair_and_no_spread_have_no_effect_size():
    empty = paired_change([], [])
    assert empty.n == 0 and math.isnan(empty.mean_change) and not empty.has_effect
    one = paired_change([2], [4])
    assert one.n == 1 and one.mean_change == 2 and one.improved == 1 and not one.has_effect
    same = paired_change([1, 2, 3], [2, 3, 4])
    assert same.mean_change == 1 and not same.has_effect and math.isnan(same.low)
    still = paired_change([3, 3], [3, 3])
    assert still.mean_change == 0 and still.improved == 0 and not still.has_effect


def test_a_huge_effect_still_has_an_interval():
    change = paired_change([1, 1, 1, 1], [5, 5, 5, 4.9])
    assert 0 < change.low < change.effect < change.high


def test_unpaired_or_missing_answers_are_refused():
    with pytest.raises(ValueError, match="one answer each per person"):
        paired_change([1, 2], [1])
    with pytest.raises(ValueError, match="leave out people who skipped"):
        paired_change([1, float("nan")], [1, 2])


def test_a_large_sample_with_a_strong_change_has_an_interval():
    # 45 changes, d_z 1.67: scipy's noncentral t gives NaN far out in its tails.
    diffs = [2, 4, 3, 3, 1, 2, 2, 1, 4, 3, 4, 1, 3, 3, 3, 1, 0, 5, 1, 0, 0, 0, 4, 1, 5, 2, 6,
             1, 4, 2, 3, 2, 2, 3, 3, 5, 2, 2, 1, 3, 2, 3, 5, 3, 2]  # fmt: skip
    change = paired_change([0] * 45, diffs)
    n = change.n
    t = change.effect * math.sqrt(n)
    assert _below(t, n - 1, change.low * math.sqrt(n)) == pytest.approx(0.975, abs=1e-6)
    assert _below(t, n - 1, change.high * math.sqrt(n)) == pytest.approx(0.025, abs=1e-6)


@pytest.mark.parametrize("seed", range(40))
def test_any_sample_gets_an_interval_around_its_effect(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 400))
    before = rng.integers(0, 11, n).astype(float)
    after = np.clip(before + rng.normal(rng.uniform(-3, 6), rng.uniform(0.2, 3), n), 0, 10)
    change = paired_change(before.tolist(), after.round().tolist())
    if change.has_effect:
        assert change.low < change.effect < change.high
