"""Personal data out of free text before anyone reads it, as placeholders in brackets.

The patterns run in this order, so a later one never sees what an earlier one took: email,
phone, postcode, date, street address, the board's own places, then people's names. Each
pattern is linear in the length of the text: where a match may start is pinned by a
look-behind and every repeat is bounded, so a 10,000-character answer takes milliseconds
and no input can make one backtrack for long. Names are found without a language model,
by the cues children and parents write and by the word lists in ``analysis.text.names``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from analysis.text.names import (
    COMMON_WORDS,
    FIRST_NAMES,
    RELATIONS,
    SURNAMES,
    TITLES,
    WORD_NAMES,
)

EMAIL = "[email]"
PHONE = "[phone]"
POSTCODE = "[postcode]"
DATE = "[date]"
ADDRESS = "[address]"
PLACE = "[place]"
NAME = "[name]"
PLACEHOLDERS = (EMAIL, PHONE, POSTCODE, DATE, ADDRESS, PLACE, NAME)

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_DATES = (
    r"(?:19|20)\d\d-\d\d?-\d\d?",
    r"\d\d?[/.-]\d\d?[/.-](?:\d{4}|\d\d)",
    rf"{_DAY}(?:\s{{1,3}}of)?\s{{1,3}}{_MONTH}(?:,?\s{{1,3}}(?:{_YEAR}|'\d\d))?",
    rf"{_MONTH}\s{{1,3}}{_DAY}(?:,?\s{{1,3}}{_YEAR})?",
    rf"{_MONTH},?\s{{1,3}}{_YEAR}",
)
_STREET = (
    r"(?i:road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|court|ct"
    r"|gardens|gdns|place|pl|terrace|tce|grove|walk|row|square|sq|mews|rise|hill|parade"
    r"|vale|view|green|park)(?!\w)"
)
# 10 or 11 digits from the 0, in groups; or an area code in brackets.
_PHONES = (
    r"(?:\+44[ -]?(?:\(0\)[ -]?)?|0)\d(?:[ -]?\d){8,9}",
    r"\(0\d{2,4}\)[ -]?\d(?:[ -]?\d){5,7}",
)
_NUMBER = r"(?<![\w/.-])\d{1,4}[a-zA-Z]?,?\s{1,3}"

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DIGIT = re.compile(r"\d")
# Each needs a digit, so text without one skips them all. (pattern, replacement): each
# replacement is a placeholder, after the cue that is kept if there is one.
_NUMBERED = (
    (re.compile(rf"(?<![\w+])(?:{'|'.join(_PHONES)})(?!\d)"), PHONE),
    (
        re.compile(r"(?<![^\W_])[a-z]{1,2}\d[a-z\d]?\s?\d[abd-hjlnp-uw-z]{2}(?![^\W_])", re.I),
        POSTCODE,
    ),
    (re.compile(rf"(?<![\w/.-])(?:{'|'.join(_DATES)})(?![\w/])", re.I), DATE),
    (re.compile(rf"{_NUMBER}(?:[A-Z][\w'\u2019-]*\s{{1,3}}){{1,3}}{_STREET}"), ADDRESS),
    # After "I live at", a street name written in lower case too.
    (
        re.compile(
            rf"(?i)((?<!\w)liv(?:e|es|ed|ing)\s{{1,3}}(?:at|on)\s{{1,3}})"
            rf"{_NUMBER}(?:[a-z][\w'\u2019-]*\s{{1,3}}){{1,3}}{_STREET}"
        ),
        rf"\1{ADDRESS}",
    ),
)

_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_STRONG_CUES = (("name", "is"), ("name's",), ("my", "names"), ("call", "me"), ("known", "as"))
_SELF_CUES = (("i'm",), ("im",), ("i", "am"))
_CALLED = frozenset({"called", "named"})
_TITLE_GAP = re.compile(r"\.? {1,3}")
_ANY_NAME = FIRST_NAMES | WORD_NAMES
# The word just before a name in any cue, to pass over every other word quickly.
_CUE_ENDS = {cue[-1] for cue in _STRONG_CUES + _SELF_CUES} | _CALLED | RELATIONS | TITLES


class _Token(NamedTuple):
    word: str
    start: int
    end: int
    gap: str  # the text between the word before and this one
    key: str  # lower case, straight apostrophe
    base: str  # the key without a possessive "'s"
    capitalised: bool
    shouted: bool


def _token(match: re.Match[str], gap: str) -> _Token:
    word = match.group()
    key = word.lower().replace("\u2019", "'")
    upper = word.isupper()
    capitalised = word[0].isupper() and not upper
    shouted = upper and len(word) > 2
    base = key.removesuffix("'s")
    return _Token(word, match.start(), match.end(), gap, key, base, capitalised, shouted)


def _tokens(text: str) -> list[_Token]:
    """The words of text, each with the gap before it."""
    tokens: list[_Token] = []
    end = 0
    for match in _TOKEN.finditer(text):
        tokens.append(_token(match, text[end : match.start()]))
        end = match.end()
    return tokens


def _joined(gap: str) -> bool:
    """True for a gap inside one phrase: spaces, perhaps a comma or colon."""
    return bool(gap) and not gap.strip(" \t,:")


def _context(tokens: list[_Token], i: int) -> tuple[str, ...]:
    """The keys of up to three words just before token i, in the same phrase."""
    start = i
    while start > 0 and i - start < 3 and _joined(tokens[start].gap):
        start -= 1
    return tuple(token.key for token in tokens[start:i])


def _ends(context: tuple[str, ...], cues: tuple[tuple[str, ...], ...]) -> bool:
    return any(context[-len(cue) :] == cue for cue in cues)


def _after_title(tokens: list[_Token], i: int) -> bool:
    """True after "Mr", "Dr." and the like ("miss" only as "Miss")."""
    before = tokens[i - 1] if i else None
    if before is None or before.key not in TITLES or not _TITLE_GAP.fullmatch(tokens[i].gap):
        return False
    return before.key != "miss" or before.word in ("Miss", "MISS")


def _cued(tokens: list[_Token], i: int) -> bool:
    """True when the words before token i say it is someone's name."""
    if i == 0 or tokens[i - 1].key not in _CUE_ENDS:
        return False
    token, context = tokens[i], _context(tokens, i)
    if _after_title(tokens, i) or _ends(context, _STRONG_CUES):
        return True
    if context and context[-1] in _CALLED:
        return token.capitalised or token.base in _ANY_NAME
    last_is_relation = bool(context) and context[-1] in RELATIONS
    return token.capitalised and (last_is_relation or _ends(context, _SELF_CUES))


def _is_name(tokens: list[_Token], i: int, named: list[bool]) -> bool:
    """Whether token i is a name, given which words before it are."""
    token = tokens[i]
    if token.key in COMMON_WORDS or token.base in COMMON_WORDS:
        return False
    if token.base in FIRST_NAMES and (token.capitalised or token.shouted):
        return True
    surname = token.capitalised or token.base in SURNAMES
    surname = surname and i > 0 and named[i - 1] and token.gap.isspace()
    return surname or _cued(tokens, i)


def _name_flags(tokens: list[_Token]) -> list[bool]:
    """For each token, whether it is (part of) a name."""
    named: list[bool] = []
    for i, token in enumerate(tokens):
        named.append(_is_name(tokens, i, named))
        before = tokens[i - 1] if i else None
        # "Will Smith": a name that is also a word, made sure of by a known surname.
        surname = token.capitalised and token.base in SURNAMES and token.gap.isspace()
        if surname and before and before.capitalised and before.base in WORD_NAMES:
            named[i - 1] = named[i] = True
    return _again(tokens, named)


def _again(tokens: list[_Token], named: list[bool]) -> list[bool]:
    """named, plus each other capitalised use of a word found to be a name ("my sister Grace")."""
    names = {token.base for token, flag in zip(tokens, named, strict=True) if flag}
    return [
        flag or (token.base in names and (token.capitalised or token.shouted))
        for token, flag in zip(tokens, named, strict=True)
    ]


def _name_spans(text: str) -> list[tuple[int, int]]:
    """Where the names are, a first name and surname together as one span."""
    tokens = _tokens(text)
    spans: list[tuple[int, int]] = []
    for token, named in zip(tokens, _name_flags(tokens), strict=True):
        if not named:
            continue
        end = token.end - (len(token.key) - len(token.base))
        if spans and spans[-1][1] == token.start - len(token.gap) and token.gap.isspace():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((token.start, end))
    return spans


def _redact_names(text: str) -> str:
    pieces: list[str] = []
    done = 0
    for start, end in _name_spans(text):
        pieces += [text[done:start], NAME]
        done = end
    return "".join([*pieces, text[done:]])


def _place_pattern(place: str) -> str:
    place = place.replace("\u2019", "'")
    parts = (re.escape(part).replace("'", "['\u2019]?") for part in place.split())
    return r"\s+".join(parts)


@lru_cache(maxsize=64)
def _places(places: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for a board's place names as whole words, longest first; None if none."""
    names = sorted({p for p in places if p.strip()}, key=lambda p: (-len(p), p))
    if not names:
        return None
    alternatives = "|".join(_place_pattern(name) for name in names)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def redact(text: str, places: Sequence[str] = ()) -> str:
    """Text with emails, phones, postcodes, dates, addresses, places and names as placeholders."""
    if "@" in text:
        text = _EMAIL.sub(EMAIL, text)
    if _DIGIT.search(text):
        for pattern, replacement in _NUMBERED:
            text = pattern.sub(replacement, text)
    if (place := _places(tuple(places))) is not None:
        text = place.sub(PLACE, text)
    return _redact_names(text)
