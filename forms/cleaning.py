"""Text cleaning shared by every free-text field."""

import re
import unicodedata

# C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates,
# zero-width characters and the BOM: invisible tricks, never meaningful in an answer.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)


def clean_text(value: str | None) -> str | None:
    """Normalise to NFC, drop invisible control characters, normalise newlines, trim."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    return _INVISIBLE.sub("", text).strip()
