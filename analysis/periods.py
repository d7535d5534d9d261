"""The fixed periods views offer, so that two views cannot be subtracted to reveal one person.

Keys: ``fy-2026`` (the financial year April 2026 to March 2027), ``q-2026-1`` (its first
quarter, April to June), ``m-2026-11`` (a calendar month). Free dates, from the command
line only, are widened to whole months.
"""

from __future__ import annotations

import calendar
from datetime import date

from analysis.pack import Period

QUARTER_MONTHS = 3
PARTS = {"q": 4, "m": 12}  # quarters in a year, months in a year


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month(year: int, number: int) -> Period:
    start = date(year, number, 1)
    return Period(start, month_end(year, number), start.strftime("%B %Y"))


def financial_year(year: int) -> Period:
    """April of ``year`` to March of the next, labelled as "2026 to 2027"."""
    return Period(date(year, 4, 1), date(year + 1, 3, 31), f"{year} to {year + 1}")


def quarter(year: int, number: int) -> Period:
    """The nth quarter (1 to 4) of the financial year starting in April of ``year``."""
    first = 4 + QUARTER_MONTHS * (number - 1)
    start_year, start_month = year + (first - 1) // 12, (first - 1) % 12 + 1
    end_month = start_month + QUARTER_MONTHS - 1
    label = f"Quarter {number} of {year} to {year + 1}"
    return Period(date(start_year, start_month, 1), month_end(start_year, end_month), label)


def fy_of(day: date) -> int:
    """The year in which the financial year holding this day began."""
    return day.year if day.month >= 4 else day.year - 1


def period_for(key: str) -> Period:
    """The period a key names; ValueError for anything that is not one."""
    kind, _, rest = key.partition("-")
    parts = rest.split("-")
    if not all(p.isdigit() and len(p) <= 4 for p in parts) or not parts:
        raise ValueError(f"not a period: {key!r}")
    numbers = [int(p) for p in parts]
    builders = {("fy", 1): financial_year, ("q", 2): quarter, ("m", 2): month}
    builder = builders.get((kind, len(numbers)))
    if builder is None or not 2000 <= numbers[0] <= 2100:
        raise ValueError(f"not a period: {key!r}")
    if kind in PARTS and not 1 <= numbers[1] <= PARTS[kind]:
        raise ValueError(f"not a period: {key!r}")
    return builder(*numbers)  # type: ignore[operator]


def choices(today: date, years: int = 3) -> list[tuple[str, str]]:
    """(key, label) of the periods offered: recent financial years, their quarters, months."""
    this_year = fy_of(today)
    offered = [(f"fy-{y}", f"Financial year {financial_year(y).label}")
               for y in range(this_year, this_year - years, -1)]  # fmt: skip
    for y in (this_year, this_year - 1):
        offered += [(f"q-{y}-{n}", quarter(y, n).label) for n in range(4, 0, -1)
                    if quarter(y, n).start <= today]  # fmt: skip
    start = date(today.year, today.month, 1)
    for back in range(12):
        y, m = divmod(start.year * 12 + start.month - 1 - back, 12)
        offered.append((f"m-{y}-{m + 1}", month(y, m + 1).label))
    return offered


def widened(since: date | None, until: date | None, today: date) -> Period:
    """Free dates widened to whole months; the current financial year when neither is given.

    ValueError when the period would end before it starts.
    """
    if since is None and until is None:
        return financial_year(fy_of(today))
    start = since or date(fy_of(until or today), 4, 1)
    end = until or today
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    first, last = date(start.year, start.month, 1), month_end(end.year, end.month)
    label = f"{first.strftime('%B %Y')} to {last.strftime('%B %Y')}"
    return Period(first, last, label, widened=(first, last) != (start, end))


def year_earlier(day: date) -> date:
    """The same day a year earlier; a month's last day stays its last day (29 February)."""
    last = month_end(day.year - 1, day.month)
    at_end = day == month_end(day.year, day.month)
    return last if at_end or day.day > last.day else day.replace(year=day.year - 1)


def before(period: Period) -> Period:
    """The same stretch a year earlier, for trends."""
    start, end = year_earlier(period.start), year_earlier(period.end)
    return Period(start, end, f"the year before ({start:%B %Y} to {end:%B %Y})")


def _overlaps(period: Period, first: date, last: date) -> bool:
    return period.start <= last and first <= period.end


def ended_periods_reading(first: date, last: date, today: date) -> list[Period]:
    """Fixed periods (months, quarters, financial years) that ended before ``today`` and
    whose pack reads answers sent from ``first`` to ``last``: its own, or the year before's
    for trends. By start, then end."""
    found: dict[tuple[date, date], Period] = {}
    for year in range(fy_of(first), fy_of(year_later(last)) + 1):
        candidates = [financial_year(year)]
        candidates += [quarter(year, n) for n in range(1, 5)]
        candidates += [month(year + (m > 12), (m - 1) % 12 + 1) for m in range(4, 16)]
        for period in candidates:
            reads = _overlaps(period, first, last) or _overlaps(before(period), first, last)
            if period.end < today and reads:
                found[(period.start, period.end)] = period
    return [found[key] for key in sorted(found, key=lambda k: (k[0], k[1]))]


def year_later(day: date) -> date:
    """The same day a year later; 29 February becomes 28 February."""
    last = month_end(day.year + 1, day.month)
    return day.replace(year=day.year + 1, day=min(day.day, last.day))
