"""The pack as one flat CSV: every table in long form, safe to open in a spreadsheet."""

import csv
import io

from analysis.pack import Pack
from app.evidence.formats.cells import LONG_COLUMNS, long_form, neutralised


def as_csv(pack: Pack) -> bytes:
    """UTF-8 CSV: a header line, then one line per figure; formula-like text starts with "'"."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(LONG_COLUMNS)
    writer.writerows([neutralised(cell) for cell in row] for row in long_form(pack))
    return out.getvalue().encode()
