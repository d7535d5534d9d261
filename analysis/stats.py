"""Intervals and tests for shares, from statsmodels; percentages throughout."""

from __future__ import annotations

from dataclasses import dataclass

from statsmodels.stats.proportion import proportion_confint, proportions_ztest

SIGNIFICANCE = 0.05


def wilson(positive: int, base: int) -> tuple[float, float]:
    """The Wilson 95% interval of positive/base, in percent to one decimal place."""
    low, high = proportion_confint(positive, base, alpha=SIGNIFICANCE, method="wilson")
    return round(100 * float(low), 1), round(100 * float(high), 1)


@dataclass(frozen=True)
class Change:
    """A share now against before: the change in points and whether it is more than noise."""

    before: float
    now: float
    points: float
    p_value: float

    @property
    def real(self) -> bool:
        return self.p_value < SIGNIFICANCE

    @property
    def words(self) -> str:
        """ "up from 77%", "down from 77%" or "no real change from 77%"."""
        if not self.real:
            return f"no real change from {self.before:.0f}%"
        return f"{'up' if self.points > 0 else 'down'} from {self.before:.0f}%"


def change(positive_now: int, base_now: int, positive_before: int, base_before: int) -> Change:
    """A two-proportion z-test of the share now against the share before."""
    now, before = positive_now / base_now, positive_before / base_before
    if positive_now + positive_before in (0, base_now + base_before):
        p_value = 1.0  # every answer the same both times: no variation to test
    else:
        _, p = proportions_ztest([positive_now, positive_before], [base_now, base_before])
        p_value = float(p)
    return Change(round(100 * before, 1), round(100 * now, 1), round(100 * (now - before), 1),
                  p_value)  # fmt: skip
