"""The personal code an attendee builds at each phase, and its keyed hash.

Four memorable, stable answers that are neither a name nor a whole birth date. Each part is
normalised ("m", " M " and "Ḿ" are all "M"; "07" and "7th" are "7") and then hashed on its
own with HMAC-SHA256 under the course's secret, the part's key in the message, so the same
answer to two parts gives two unrelated hashes. Only the hashes are stored: without the
secret they cannot be tried against the few values each part can take, so the secret must
be kept apart from the answers. Hashing parts separately is what lets matching tolerate one
misremembered part.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

LETTER, DAY, COUNT = "letter", "day", "count"


@dataclass(frozen=True)
class CodePart:
    """One question of the code: ``kind`` is "letter", "day" or "count"."""

    key: str
    prompt: str
    hint: str
    kind: str


CODE_PARTS: tuple[CodePart, ...] = (
    CodePart("mother", "First letter of your mother's first name",
             "Or of the person who brought you up. Just the letter, for example M.", LETTER),
    CodePart("birthday", "Day of the month you were born",
             "A number from 1 to 31: born on 7 March, type 7.", DAY),
    CodePart("siblings", "Number of older brothers and sisters",
             "Count half and step brothers and sisters too. 0 if none, 9 if 9 or more.", COUNT),
    CodePart("birthplace", "First letter of the town or city where you were born",
             "Just the letter, for example L for Leeds.", LETTER),
)  # fmt: skip

MAX_COUNT = 9
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_NONE_WORDS = frozenset({"none", "no", "zero", "nil"})
_MANY = re.compile(r"^(\d{1,2})\s*(?:\+|or more)$")


def _letter(raw: str) -> str:
    """One letter, upper case, accents removed where the letter has a plain form."""
    text = unicodedata.normalize("NFKC", raw).strip().strip(".")
    if len(text) != 1 or not text.isalpha():
        raise ValueError("Type just one letter, for example M.")
    plain = unicodedata.normalize("NFKD", text)[0]
    return plain.upper() if plain.isalpha() else text.upper()


def _day(raw: str) -> str:
    """A day of the month, 1 to 31, without leading zeros."""
    found = _ORDINAL.match(raw.strip().lower())
    if not found or not 1 <= int(found[1]) <= 31:
        raise ValueError("Type the day of the month you were born, a number from 1 to 31.")
    return str(int(found[1]))


def _count(raw: str) -> str:
    """A count from 0 to 9, where 9 stands for 9 or more."""
    text = raw.strip().lower()
    if text in _NONE_WORDS:
        return "0"
    many = _MANY.match(text)
    if many and int(many[1]) >= MAX_COUNT:
        return str(MAX_COUNT)
    if not text.isdecimal() or len(text) > 2:
        raise ValueError("Type a number from 0 to 9 (9 means 9 or more).")
    return str(min(int(text), MAX_COUNT))


_NORMALISERS = {LETTER: _letter, DAY: _day, COUNT: _count}


def normalise(part: CodePart, raw: str) -> str:
    """The canonical spelling of one answer; ValueError with a message for the attendee."""
    if not raw or not raw.strip():
        raise ValueError(f"Answer this part of your code: {part.prompt.lower()}.")
    return _NORMALISERS[part.kind](raw)


def hash_parts(secret: bytes, values: Mapping[str, str]) -> tuple[str, ...]:
    """One hex HMAC-SHA256 per part, in CODE_PARTS order, of the normalised answers."""
    if len(secret) < 16:
        raise ValueError("the course's code secret must be at least 16 bytes")
    missing = [p.key for p in CODE_PARTS if p.key not in values]
    if missing:
        raise ValueError(f"missing code parts: {', '.join(missing)}")
    return tuple(_digest(secret, p.key, normalise(p, values[p.key])) for p in CODE_PARTS)


def _digest(secret: bytes, key: str, value: str) -> str:
    message = f"{key}\x1f{value}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()
