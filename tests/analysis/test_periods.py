"""Fixed periods only, free dates widened to whole months, a year before for trends."""

from datetime import date

import pytest

from analysis.periods import before, choices, period_for, widened, year_earlier
from analysis.stats import change, wilson


def test_keys_name_financial_years_quarters_and_months():
    fy = period_for("fy-2026")
    assert (fy.start, fy.end, fy.label) == (date(2026, 4, 1), date(2027, 3, 31), "2026 to 2027")
    q4 = period_for("q-2026-4")
    assert (q4.start, q4.end) == (date(2027, 1, 1), date(2027, 3, 31))
    assert period_for("m-2028-2").end == date(2028, 2, 29)


@pytest.mark.parametrize("key", ["", "fy", "fy-26x", "q-2026-5", "m-2026-13", "m-2026-0",
                                 "fy-1999", "x-2026", "fy-2026-1", "q-2026", "m--1"])  # fmt: skip
def test_anything_else_is_refused(key):
    with pytest.raises(ValueError, match="not a period"):
        period_for(key)


def test_choices_offer_only_periods_that_have_begun():
    offered = dict(choices(date(2026, 11, 29)))
    assert "fy-2026" in offered and "q-2026-3" in offered and "q-2026-4" not in offered
    assert "m-2026-11" in offered and "m-2025-12" in offered and "m-2025-11" not in offered
    assert all(period_for(key) for key in offered)


def test_free_dates_are_widened_to_whole_months_and_say_so():
    found = widened(date(2026, 3, 15), date(2026, 5, 2), date(2026, 11, 29))
    assert (found.start, found.end, found.widened) == (date(2026, 3, 1), date(2026, 5, 31), True)
    exact = widened(date(2026, 3, 1), date(2026, 5, 31), date(2026, 11, 29))
    assert not exact.widened
    assert widened(None, None, date(2026, 11, 29)) == period_for("fy-2026")
    with pytest.raises(ValueError, match="ends"):
        widened(date(2026, 5, 1), date(2026, 4, 1), date(2026, 11, 29))


def test_the_year_before_keeps_month_ends():
    assert year_earlier(date(2028, 2, 29)) == date(2027, 2, 28)
    assert year_earlier(date(2027, 2, 28)) == date(2026, 2, 28)
    earlier = before(period_for("fy-2026"))
    assert (earlier.start, earlier.end) == (date(2025, 4, 1), date(2026, 3, 31))


def test_wilson_interval_matches_the_published_formula():
    # 83 of 100: p = .83, z = 1.96 -> centre .8164, half-width .0722 (worked by hand).
    assert wilson(83, 100) == (74.5, 89.1)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 100.0


def test_a_change_is_real_only_beyond_noise():
    big = change(83, 100, 70, 100)  # z = 2.17, p = 0.030
    assert big.real and big.points == 13.0 and big.words == "up from 70%"
    small = change(80, 100, 78, 100)
    assert not small.real and small.words == "no real change from 78%"
    assert not change(10, 10, 10, 10).real
