"""Questionnaire pages rendered once and filled in per request.

A page nobody has answered yet looks the same to every respondent of a survey except for
four values: the form's address, the back link, the CSRF token and the attempt id. So the
first request for a page renders the template with a random marker in each of those
places, and later ones join the saved pieces around the real values, escaped as Jinja
would. Pages with answers or errors are always rendered in full.

The pieces are also kept gzipped. Each ends on a deflate full flush, which forgets what
came before and ends on a byte boundary, so compressed pieces can be joined with the
values in between as stored (uncompressed) deflate blocks: a page is gzipped once, not
once per request, and still carries each respondent's own values.
"""

import re
import secrets
import struct
import zlib
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass

from markupsafe import escape

SLOTS = ("action", "back", "csrf", "attempt")
MAX_PAGES = 512
# gzip member header: deflate, no name or time, best compression, unknown system.
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
LAST_BLOCK = b"\x03\x00"  # an empty, final, fixed-Huffman deflate block
MAX_STORED = 0xFFFF


@dataclass(frozen=True)
class Prerendered:
    """The text around the slots (plain, UTF-8 and deflated) and which slot fills each gap."""

    pieces: tuple[str, ...]
    slots: tuple[str, ...]
    encoded: tuple[bytes, ...]
    deflated: tuple[bytes, ...]

    @classmethod
    def of(cls, pieces: tuple[str, ...], slots: tuple[str, ...]) -> "Prerendered":
        encoded = tuple(piece.encode() for piece in pieces)
        squeeze = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        deflated = tuple(squeeze.compress(p) + squeeze.flush(zlib.Z_FULL_FLUSH) for p in encoded)
        return cls(pieces, slots, encoded, deflated)

    def fill(self, values: Mapping[str, str]) -> str:
        filled = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:], strict=True):
            filled.append(escape(values[slot]))
            filled.append(piece)
        return "".join(filled)

    def gzip(self, values: Mapping[str, str]) -> bytes:
        """The filled page as a gzip member, compressing nothing but the values' framing."""
        out = [GZIP_HEADER, self.deflated[0]]
        crc, size = zlib.crc32(self.encoded[0]), len(self.encoded[0])
        gaps = zip(self.slots, self.encoded[1:], self.deflated[1:], strict=True)
        for slot, raw, deflated in gaps:
            value = str(escape(values[slot])).encode()
            out.extend(_stored_blocks(value))
            out.append(deflated)
            crc = zlib.crc32(raw, zlib.crc32(value, crc))
            size += len(value) + len(raw)
        out.append(LAST_BLOCK)
        out.append(struct.pack("<II", crc, size & 0xFFFFFFFF))
        return b"".join(out)


def _stored_blocks(data: bytes) -> Iterator[bytes]:
    """Data as stored deflate blocks (RFC 1951 3.2.4), starting on a byte boundary."""
    for start in range(0, len(data), MAX_STORED):
        chunk = data[start : start + MAX_STORED]
        yield b"\x00" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk


class PageCache:
    """Prerendered pages by key; the markers are random per process, so no text forges one."""

    def __init__(self) -> None:
        nonce = secrets.token_hex(8)
        self.markers = {slot: f"chorus-{nonce}-{slot}" for slot in SLOTS}
        self._by_marker = {marker: slot for slot, marker in self.markers.items()}
        self._split = re.compile("|".join(re.escape(m) for m in self.markers.values()))
        self._pages: dict[Hashable, Prerendered] = {}

    def page(self, key: Hashable, render: Callable[[Mapping[str, str]], str]) -> Prerendered:
        """The prerendered page for `key`, rendering it with the markers on first use."""
        found = self._pages.get(key)
        if found is None:
            if len(self._pages) >= MAX_PAGES:
                self._pages.clear()
            found = self._pages[key] = self.cut(render(self.markers))
        return found

    def cut(self, html: str) -> Prerendered:
        slots = tuple(self._by_marker[m] for m in self._split.findall(html))
        return Prerendered.of(tuple(self._split.split(html)), slots)
