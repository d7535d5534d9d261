"""The pack as a JSON document: the same figures, "c" where hidden, dates as ISO 8601.

``pack_of`` reads one back, so a pack kept as JSON serves every format again.
"""

import json
from dataclasses import asdict
from datetime import date
from typing import Any

from analysis.pack import Bar, Chart, Pack, Period, Quote, Section, Table


def as_json(pack: Pack) -> bytes:
    """UTF-8 JSON, indented by two spaces, ending in a newline."""
    document = {
        "board": pack.board,
        "title": pack.title,
        "period": asdict(pack.period),
        "made_on": pack.made_on,
        "thresholds": {"count": pack.count_threshold, "group": pack.group_threshold},
        "suppression_note": pack.suppression_note,
        "sections": [asdict(section) for section in pack.sections],
        "notes": pack.notes,
    }
    return (json.dumps(document, indent=2, ensure_ascii=False, default=_iso) + "\n").encode()


def _iso(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not part of an evidence pack")


def pack_of(document: bytes | str) -> Pack:
    """The pack a document of ``as_json`` holds: ``pack_of(as_json(pack)) == pack``."""
    found = json.loads(document)
    period = found["period"]
    return Pack(
        title=found["title"], board=found["board"],
        period=Period(date.fromisoformat(period["start"]), date.fromisoformat(period["end"]),
                      period["label"], period["widened"]),
        made_on=date.fromisoformat(found["made_on"]),
        count_threshold=found["thresholds"]["count"], group_threshold=found["thresholds"]["group"],
        sections=tuple(_section(s) for s in found["sections"]), notes=tuple(found["notes"]),
    )  # fmt: skip


def _section(found: dict[str, Any]) -> Section:
    return Section(
        key=found["key"], title=found["title"], framework=found["framework"],
        statements=tuple(found["statements"]),
        tables=tuple(Table(t["title"], tuple(t["columns"]), tuple(tuple(r) for r in t["rows"]),
                           tuple(t["notes"])) for t in found["tables"]),
        charts=tuple(Chart(c["title"], tuple(Bar(**b) for b in c["bars"]), c["summary"])
                     for c in found["charts"]),
        quotes=tuple(Quote(**q) for q in found["quotes"]), notes=tuple(found["notes"]),
    )  # fmt: skip
