"""Words of a free-text answer as the detector compares them, each with where it was written.

Every word is reduced to a key that forgives how children and parents spell: lower case,
accents and apostrophes dropped, every run of a repeated letter made one ("hurtsss",
"hiting" and "hitting" all give "hit"), then a light suffix strip (-ing, -ed, -s, -e), so
"touches", "touched" and "touching" share a key. The lexicon goes through the same
function, so only agreement matters, not good linguistics. Text-speak is spelled out
("kms" is "kill myself") and a few filler words ("always", "really") are dropped, so
"he always hits me" reads as "he hits me". Each word keeps its sentence and clause
numbers: phrases never match across a sentence, and negation never reaches across a
clause (see ``analysis.safeguarding.negation``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

_RAW = re.compile(r"[^\W_]+(?:['\u2018\u2019`][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?\n]")
_CLAUSE_END = re.compile(r"[^\s\-'\u2018\u2019`]")
_RUN = re.compile(r"(.)\1+")
_APOSTROPHES = re.compile(r"['\u2018\u2019`]")

# Squashed spellings (see squash) -> what they stand for.
TEXT_SPEAK: dict[str, str] = {
    "u": "you", "ya": "you", "yu": "you", "ur": "your", "r": "are", "2": "to", "4": "for",
    "b4": "before", "pl": "people", "peple": "people", "bc": "because", "bcos": "because",
    "bcoz": "because", "bcuz": "because", "becos": "because", "becoz": "because",
    "becuz": "because", "cos": "because", "coz": "because", "cuz": "because",
    "cus": "because", "cause": "because", "bcs": "because", "wana": "want to",
    "gona": "going to", "gota": "got to", "hafta": "have to", "tryna": "trying to",
    "kms": "kill myself", "kys": "kill yourself", "unalive": "kill", "unalived": "killed",
    "sewerslide": "suicide", "suicidal": "suicide", "selfharm": "self harm",
    "im": "i am", "ive": "i have", "hes": "he is", "shes": "she is", "theyre": "they are",
    "dnt": "dont", "dont": "dont", "doesnt": "doesnt", "dosnt": "doesnt", "dusnt": "doesnt",
    "doznt": "doesnt", "didnt": "didnt", "dint": "didnt", "carnt": "cant", "cnt": "cant",
    "noone": "nobody", "no1": "nobody", "nobdy": "nobody", "sum1": "someone",
    "some1": "someone", "sumone": "someone", "every1": "everyone", "any1": "anyone",
    "ne1": "anyone", "stepdad": "step dad", "stepmum": "step mum", "stepmom": "step mum",
    "mom": "mum", "mam": "mum", "mumy": "mum", "momy": "mum", "mama": "mum", "ma": "mum",
    "mother": "mum", "moms": "mums", "mams": "mums", "mothers": "mums", "mumys": "mums",
    "dady": "dad", "father": "dad", "da": "dad", "fathers": "dads", "dadys": "dads",
    "bf": "boyfriend", "gf": "girlfriend", "bfs": "boyfriends", "pic": "pictures",
    "pics": "pictures", "pix": "pictures", "piks": "pictures", "picz": "pictures",
    "photos": "pictures", "txt": "text", "msg": "message", "msgs": "messages",
    "wen": "when", "wat": "what", "wot": "what", "wiv": "with", "wid": "with",
    "nuthin": "nothing", "nothin": "nothing", "nufin": "nothing", "luv": "love",
    "hav": "have", "tho": "though", "thru": "through", "pls": "please", "plz": "please",
    "hom": "home", "hurtin": "hurting", "hitin": "hitting", "evry": "every",
}  # fmt: skip
_FILLERS = """always sometimes often still really just usually even also literally constantly
    actually regularly normally totally honestly basically kinda sorta like proper"""
FILLERS = frozenset(_FILLERS.split())


@dataclass(frozen=True)
class Word:
    """A word as compared (key), where it was written, and its sentence and clause numbers."""

    key: str
    start: int
    end: int
    sentence: int
    clause: int


def squash(word: str) -> str:
    """Lower case, no accents or apostrophes, every run of a repeated character made one."""
    plain = unicodedata.normalize("NFKD", word.lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return _RUN.sub(r"\1", _APOSTROPHES.sub("", plain))


def stem(word: str) -> str:
    """A light suffix strip applied alike to the lexicon and the text: only agreement matters."""
    if len(word) > 3 and word.endswith("z"):  # "hitz"
        word = word[:-1] + "s"
    elif len(word) > 4 and word.endswith("in"):  # "askin", "hurtin"
        word += "g"
    for suffix, keep in (("ing", 3), ("ed", 3), ("es", 4), ("s", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep and not word.endswith("ss"):
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def spoken(squashed: str) -> list[str]:
    """The squashed words a squashed word stands for, text-speak spelled out."""
    return squash(TEXT_SPEAK.get(squashed, squashed)).split()


@cache
def keys(phrase: str) -> tuple[str, ...]:
    """The keys of a phrase written plainly (a lexicon entry after its patterns are expanded)."""
    words = [w for raw in _RAW.findall(phrase) for w in spoken(squash(raw))]
    return tuple(stem(w) for w in words if w not in FILLERS)


def raw_words(text: str) -> Iterator[tuple[str, int, int, int, int]]:
    """(word, start, end, sentence, clause) for each word as written, with break counts."""
    sentence = clause = 0
    last = 0
    for found in _RAW.finditer(text):
        gap = text[last : found.start()]
        if last and _SENTENCE_END.search(gap):
            sentence += 1
        if last and _CLAUSE_END.search(gap):
            clause += 1
        yield found.group(), found.start(), found.end(), sentence, clause
        last = found.end()
