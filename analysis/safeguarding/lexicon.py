"""The lexicon: phrases children and parents write, per category, kept as text files.

``lexicon/<category>.txt`` holds one phrase a line (``#`` starts a comment). A phrase may
use two patterns: a slot, ``{adult}``, that stands for each alternative listed in
``lexicon/slots.txt`` ("dad", "mums boyfriend", "he", ...), and a group, ``(hit|hurt|)``,
that stands for each of its alternatives (an empty one makes the group optional).
``...`` stands for up to three words of the same clause, none of them a denial
("{adult} ... {hurt} me" holds "my dad sometimes really hits me", never "my dad never
hits me"). ``lexicon/idioms.txt`` lists phrases that are not disclosures however they read ("die of
boredom"); a match that overlaps one is dropped. A board's own entries are written one
``category: phrase`` a line (``parse_lexicon``), with the same patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from analysis.safeguarding.words import keys

FOLDER = Path(__file__).parent / "lexicon"

CATEGORIES: dict[str, str] = {
    "physical": "Physical abuse",
    "sexual": "Sexual abuse",
    "emotional": "Emotional abuse",
    "neglect": "Neglect",
    "domestic": "Domestic abuse",
    "self_harm": "Self-harm and suicide",
    "exploitation": "Exploitation and grooming, including online",
    "running_away": "Running away",
    "scared_at_home": "Scared at home",
}

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_SLOT = re.compile(r"\{[^{}]*\}")
_PIECE = re.compile(r"(\{[^{}]*\}|\([^()]*\)|\.\.\.|\u2026)")
GAP = (("...",),)  # the place of "...": up to MOST_SKIPPED words


def _lines(text: str) -> Iterable[tuple[int, str]]:
    """(line number, content) of each line that is neither blank nor a comment."""
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split("#", 1)[0].strip()
        if content:
            yield number, content


@cache
def slots() -> dict[str, tuple[str, ...]]:
    """Each slot's alternatives, from lexicon/slots.txt (``name = a | b |`` and more lines)."""
    listed: dict[str, str] = {}
    name = ""
    for _, line in _lines((FOLDER / "slots.txt").read_text(encoding="utf-8")):
        if "=" in line:
            name, _, line = line.partition("=")
            name = name.strip()
        listed[name] = listed.get(name, "") + "|" + line
    return {
        key: tuple(a.strip() for a in text.split("|") if a.strip()) for key, text in listed.items()
    }


Pattern = tuple[tuple[tuple[str, ...], ...], ...]  # per place, alternatives, each as keys


def compile_phrase(phrase: str) -> Pattern:
    """A phrase's places, each a tuple of alternatives as keys (() for an optional place)."""
    places: list[tuple[tuple[str, ...], ...]] = []
    for index, piece in enumerate(_PIECE.split(phrase)):
        if index % 2 and piece in ("...", "\u2026"):
            places.append(GAP)
        elif index % 2 and piece.startswith("{"):
            places.append(_slot_place(piece[1:-1].strip()))
        elif index % 2:
            places.append(tuple(dict.fromkeys(keys(a) for a in piece[1:-1].split("|"))))
        elif any(ch in piece for ch in "{}()|"):
            raise ValueError(f"unbalanced brackets in {phrase!r}")
        else:
            places.extend(((key,),) for key in keys(piece))
    return tuple(places)


@cache
def _slot_place(name: str) -> tuple[tuple[str, ...], ...]:
    """A slot's alternatives as keys, one object per slot (so places can be shared by identity)."""
    if name not in slots():
        raise ValueError(f"unknown slot {{{name}}}; the slots are {', '.join(sorted(slots()))}")
    return tuple(keys(a) for a in slots()[name])


def words_in(phrase: str) -> list[str]:
    """The words a phrase is written with, slot names aside."""
    return _WORD.findall(_SLOT.sub(" ", phrase))


def check(category: str, phrase: str) -> None:
    """ValueError unless category is known and phrase is a pattern that always has words."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}; use one of {', '.join(CATEGORIES)}")
    if not phrase.strip():
        raise ValueError("the phrase is empty")
    pattern = compile_phrase(phrase)
    if all(() in place for place in pattern if place != GAP):
        raise ValueError(f"{phrase!r} can match no words at all")
    if GAP in (pattern[0], pattern[-1]):
        raise ValueError(f"{phrase!r} starts or ends with '...', which must stand between words")


@cache
def default_entries() -> tuple[tuple[str, str], ...]:
    """(category, phrase) of every entry of the maintained lexicon, in CATEGORIES order."""
    entries: list[tuple[str, str]] = []
    for category in CATEGORIES:
        text = (FOLDER / f"{category}.txt").read_text(encoding="utf-8")
        entries.extend((category, phrase) for _, phrase in _lines(text))
    return tuple(entries)


@cache
def idioms() -> tuple[str, ...]:
    """Phrases that cancel any match they overlap, from lexicon/idioms.txt."""
    text = (FOLDER / "idioms.txt").read_text(encoding="utf-8")
    return tuple(phrase for _, phrase in _lines(text))


@cache
def everyday_words() -> tuple[str, ...]:
    """Ordinary words, so that run-together text splits well and known words are never split."""
    text = (FOLDER / "everyday.txt").read_text(encoding="utf-8")
    return tuple(word for _, line in _lines(text) for word in line.split())


def parse_lexicon(text: str) -> list[tuple[str, str]]:
    """A board's entries, one ``category: phrase`` a line; ValueError naming the bad line."""
    entries: list[tuple[str, str]] = []
    for number, line in _lines(text):
        category, colon, phrase = line.partition(":")
        try:
            if not colon:
                raise ValueError("write it as 'category: phrase'")
            check(category.strip(), phrase.strip())
        except ValueError as error:
            raise ValueError(f"Line {number}: {error}") from None
        entries.append((category.strip(), phrase.strip()))
    return entries


def lexicon_text(entries: Iterable[tuple[str, str]]) -> str:
    """The text parse_lexicon reads back as entries, one ``category: phrase`` a line."""
    return "\n".join(f"{category}: {phrase}" for category, phrase in entries)
