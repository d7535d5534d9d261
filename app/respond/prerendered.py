"""Questionnaire pages rendered once and filled in per request.

A page nobody has answered yet looks the same to every respondent of a survey except for
four values: the form's address, the back link, the CSRF token and the attempt id. So the
first request for a page renders the template with a random marker in each of those
places, and later ones join the saved pieces around the real values, escaped as Jinja
would. Pages with answers or errors are always rendered in full.
"""

import re
import secrets
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass

from markupsafe import escape

SLOTS = ("action", "back", "csrf", "attempt")
MAX_PAGES = 2048


@dataclass(frozen=True)
class Prerendered:
    """The text around the slots, and which slot goes in each gap."""

    pieces: tuple[str, ...]
    slots: tuple[str, ...]

    def fill(self, values: Mapping[str, str]) -> str:
        filled = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:], strict=True):
            filled.append(escape(values[slot]))
            filled.append(piece)
        return "".join(filled)


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
        return Prerendered(tuple(self._split.split(html)), slots)
