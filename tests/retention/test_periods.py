"""Which periods a purge must keep, the cutoff a retention gives, and packs read back from JSON."""

from datetime import date

import pytest

from analysis.pack import Bar, Chart, Pack, Period, Quote, Section, Table
from analysis.periods import ended_periods_reading, financial_year, month, quarter
from app.evidence.formats.as_json import as_json, pack_of
from app.retention.answers import months_before


def spans(periods: list[Period]) -> set[tuple[date, date]]:
    return {(p.start, p.end) for p in periods}


def test_a_purged_day_keeps_its_periods_and_those_whose_trend_reads_it():
    found = ended_periods_reading(date(2024, 5, 10), date(2024, 5, 10), date(2026, 11, 29))

    expected = [month(2024, 5), quarter(2024, 1), financial_year(2024),
                month(2025, 5), quarter(2025, 1), financial_year(2025)]  # fmt: skip
    assert spans(found) == spans(expected)
    assert [p.start for p in found] == sorted(p.start for p in found)


def test_periods_still_running_are_not_kept():
    found = ended_periods_reading(date(2025, 11, 3), date(2025, 11, 3), date(2026, 11, 29))

    assert (date(2026, 11, 1), date(2026, 11, 30)) not in spans(found)  # this month
    assert financial_year(2026).start not in {p.start for p in found}  # this year
    assert spans([month(2025, 11), quarter(2025, 3), financial_year(2025)]) <= spans(found)


def test_a_day_touches_no_period_it_is_not_in_or_a_year_before():
    found = ended_periods_reading(date(2024, 5, 10), date(2024, 5, 10), date(2026, 11, 29))
    assert (date(2024, 6, 1), date(2024, 6, 30)) not in spans(found)
    assert (date(2025, 4, 1), date(2025, 4, 30)) not in spans(found)


@pytest.mark.parametrize(
    ("today", "months", "cutoff"),
    [(date(2026, 11, 29), 24, date(2024, 11, 29)), (date(2026, 3, 31), 1, date(2026, 2, 28)),
     (date(2028, 2, 29), 12, date(2027, 2, 28)), (date(2026, 1, 15), 1, date(2025, 12, 15)),
     (date(2026, 11, 29), 120, date(2016, 11, 29))],
)  # fmt: skip
def test_months_before_counts_calendar_months(today, months, cutoff):
    assert months_before(today, months) == cutoff


def test_a_pack_read_back_from_its_json_is_the_same_pack():
    table = Table("Feeling safe", ("Answer", "People", "Share"),
                  (("Very safe", 30, 0.566), ("Not safe", "c", None)), ("A note",))  # fmt: skip
    chart = Chart("Feeling safe", (Bar("Very safe", 56.6, "57%"), Bar("Not safe", None, "c")),
                  "Most feel safe")  # fmt: skip
    section = Section("children", "Children", "D", ("57% feel safe",), (table,), (chart,),
                      (Quote("Bullying", "[name] was picked on"),), ("Section note",))  # fmt: skip
    pack = Pack("Riverton", "riverton", Period(date(2025, 4, 1), date(2026, 3, 31), "2025 to 2026",
                True), date(2026, 11, 29), 5, 10, (section,), ("Pack note",))  # fmt: skip

    assert pack_of(as_json(pack)) == pack
    assert pack_of(as_json(pack).decode()) == pack
