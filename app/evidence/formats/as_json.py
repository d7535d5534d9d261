"""The pack as a JSON document: the same figures, "c" where hidden, dates as ISO 8601."""

import json
from dataclasses import asdict
from datetime import date

from analysis.pack import Pack


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
