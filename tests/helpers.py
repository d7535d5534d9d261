"""Helpers for tests that post forms like a browser: read hidden fields from a page."""

from html.parser import HTMLParser


class _Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hidden: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "input" and found.get("type") == "hidden" and found.get("name"):
            self.hidden[str(found["name"])] = found.get("value") or ""


def hidden_fields(html: str | bytes) -> dict[str, str]:
    """The hidden inputs of a page (csrf_token, attempt), ready to post back."""
    parser = _Inputs()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return parser.hidden


def page_text(response) -> str:  # type: ignore[no-untyped-def]
    """A response body with HTML entities decoded, for matching sentences with apostrophes."""
    import html

    return html.unescape(response.get_data(as_text=True))
