"""What staff print or download: slips and posters with QR codes, and mail-merge CSV.

Everything here works on URLs already made; nothing reads or writes the database.
"""

import base64
import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

import segno

HELP_LINE = "Need help now? Childline 0800 1111"
# A leading one of these makes a spreadsheet read the cell as a formula (OWASP ASVS 1.2.10).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
# Choosing the best QR mask costs about 9 ms a code: worth it for a class set, too slow
# for a 2,000-slip batch, where the standard's fixed mask 0 (still valid) keeps it quick.
BEST_MASK_UP_TO = 200


@dataclass(frozen=True)
class Slip:
    url: str
    shown: str
    qr: str


def qr_data_uri(url: str, choose_mask: bool = True) -> str:
    """An SVG QR code of the URL as a base64 data: URI, for an <img> the CSP allows."""
    code = segno.make(url, error="m", micro=False, mask=None if choose_mask else 0)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        border=2,
        xmldecl=False,
        omitsize=True,
        light="#fff",
        svgclass=None,
        lineclass=None,
        nl=False,
    )
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def shown_url(url: str) -> str:
    """The URL as printed for typing: without the scheme, which browsers add themselves."""
    return url.split("://", 1)[-1]


def slips(urls: Sequence[str]) -> list[Slip]:
    choose_mask = len(urls) <= BEST_MASK_UP_TO
    return [Slip(url, shown_url(url), qr_data_uri(url, choose_mask)) for url in urls]


def formula_safe(cell: str) -> str:
    """The cell with a leading quote when a spreadsheet would otherwise run it as a formula."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def batch_csv(urls: Sequence[str], label: str) -> str:
    """A mail-merge CSV: a header, then one row per link with the batch label beside it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([formula_safe("link"), formula_safe("batch")])
    writer.writerows([formula_safe(url), formula_safe(label)] for url in urls)
    return out.getvalue()
