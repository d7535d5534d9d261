"""How matched attendees' answers moved between two phases, with a paired effect size.

The effect size is Cohen's d for paired scores, d_z: the mean change over the standard
deviation of the changes. Its 95% interval is exact under normality, found by inverting
scipy's noncentral t distribution, d_z * sqrt(n) being the t statistic of the paired test
(the method of Cumming and Finch, 2001, and R's MBESS). Figures that cannot be worked out
(no pairs; one pair; changes all equal, so no spread) are NaN; small numbers are the
caller's to suppress.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import optimize, stats

LEVEL = 0.95
NAN = math.nan


@dataclass(frozen=True)
class Change:
    """Means of n paired answers, their mean change, the share (0 to 1) who improved, d_z."""

    n: int
    mean_before: float
    mean_after: float
    mean_change: float
    improved: float
    effect: float
    low: float
    high: float

    @property
    def has_effect(self) -> bool:
        """True when the effect size and its interval could be worked out."""
        return not math.isnan(self.effect)


def paired_change(before: Sequence[float], after: Sequence[float]) -> Change:
    """The change from ``before[i]`` to ``after[i]``, person by person."""
    if len(before) != len(after):
        raise ValueError("before and after must hold one answer each per person")
    first, then = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
    if not (np.isfinite(first).all() and np.isfinite(then).all()):
        raise ValueError("answers must be numbers; leave out people who skipped a question")
    n = len(first)
    if n == 0:
        return Change(0, NAN, NAN, NAN, NAN, NAN, NAN, NAN)
    diff = then - first
    effect, low, high = _dz(diff)
    return Change(n, float(first.mean()), float(then.mean()), float(diff.mean()),
                  float((diff > 0).mean()), effect, low, high)  # fmt: skip


def _dz(diff: np.ndarray) -> tuple[float, float, float]:
    """d_z and its interval; NaN when there is no spread to standardise by."""
    n = len(diff)
    spread = float(diff.std(ddof=1)) if n > 1 else 0.0
    if spread == 0.0:
        return NAN, NAN, NAN
    effect = float(diff.mean()) / spread
    t, df = abs(effect) * math.sqrt(n), n - 1
    tail = (1 - LEVEL) / 2
    low, high = _noncentrality(t, df, 1 - tail), _noncentrality(t, df, tail)
    if effect < 0:  # the interval is symmetric in sign; scipy's cdf fails far below zero
        low, high = -high, -low
    return effect, low / math.sqrt(n), high / math.sqrt(n)


def _noncentrality(t: float, df: int, probability: float) -> float:
    """The noncentrality at which ``t`` (not negative) is the ``probability`` quantile."""

    def gap(nc: float) -> float:
        value = float(stats.nct.cdf(t, df, nc))
        if math.isnan(value):  # scipy loses the far tails, where the cdf is 1 or 0
            value = 1.0 if nc < t else 0.0
        return value - probability

    # The interval's half-width is about 1.96 * sqrt(1 + t^2 / 2df); start a little wider.
    width = 1.0 + 3.0 * math.sqrt(1.0 + t * t / (2.0 * df))
    while gap(t - width) < 0 or gap(t + width) > 0:
        width *= 2
    return float(optimize.brentq(gap, t - width, t + width, xtol=1e-10))
