"""The concept tier: a harm's word family next to a person in the child's life.

The lexicon (``lexicon/*.txt``) needs a child's wording; this tier, kept in
``lexicon/concepts.txt``, needs only a harm ("hit", "no food", "scared") and, in the same
clause or one bordering it within the sentence, an anchor that ties it to a life ("me",
"my", "mum", "he"). It is the recall tier of a safety net: wording the lexicon has not seen
still reaches a reviewer, who reads a doubtful text rather than miss a child. A term is
dropped when denied in its clause (see negation; a denied subject reaches the whole
clause), inside an idiom, acted by the child ("i hurt my leg", for rules marked
``acted``) or in a clause with an everyday word ("my brother hit me with a pillow", "he
hit me in pe"): play and sport are read as play, and the lexicon's own entries still
catch what such a clause holds beyond it. A text gets a concept match only in a category
the lexicon found nothing in, so the reviewer sees the fullest words first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from analysis.safeguarding import lexicon
from analysis.safeguarding.negation import DENIED_SUBJECTS, denied
from analysis.safeguarding.words import Word, keys

FILE = Path(__file__).parent / "lexicon" / "concepts.txt"
FUZZY_LENGTH = 6  # words this long are forgiven one slip ("terrifed", "frightend")
EVERYDAY = "everyday"  # the set whose words cancel a term in their clause
PREFIX = "concept: "  # how a concept match's phrase starts ("concept: hurt with victim")
ACTORS = frozenset(keys("i we"))  # before an "acted" term: the child is the one acting


@dataclass(frozen=True)
class Rule:
    """A concept: its category and name, its terms (as keys), and the anchors it needs."""

    category: str
    name: str
    terms: tuple[tuple[str, ...], ...]
    needs: str  # the anchor set's name(s), joined by "+"
    anchors: frozenset[str]
    acted: bool

    @property
    def phrase(self) -> str:
        """How a match of this rule is named to the reviewer."""
        return f"{PREFIX}{self.name} with {self.needs}"


@dataclass(frozen=True)
class ConceptHit:
    """A concept term found, words[start:end], with the rule that found it."""

    start: int
    end: int
    rule: Rule


def _items(text: str) -> Iterator[str]:
    """Each set or rule of concepts.txt, its continuation lines joined."""
    item = ""
    for line in text.splitlines():
        content = line.split("#", 1)[0].strip()
        if not content:
            continue
        if content.startswith("@") or ":" in content:
            if item:
                yield item
            item = content
        else:
            item += " " + content
    if item:
        yield item


@cache
def rules() -> tuple[Rule, ...]:
    """The rules of concepts.txt; ValueError for an unknown set or a malformed line."""
    sets: dict[str, frozenset[str]] = {}
    found: list[Rule] = []
    for item in _items(FILE.read_text(encoding="utf-8")):
        if item.startswith("@"):
            name, _, words = item[1:].partition("=")
            sets[name.strip()] = _set(words.split(), sets)
            continue
        head, _, body = item.partition(":")
        category, name, needs_word, needs, *flags = head.split()
        if needs_word != "needs" or flags not in ([], ["acted"]):
            raise ValueError(f"concepts.txt: write a rule as 'category name needs set': {head}")
        anchors = _set([f"@{n}" for n in needs.split("+")], sets)
        terms = tuple(dict.fromkeys(k for t in body.split("|") if (k := keys(t.strip()))))
        found.append(Rule(category, name, terms, needs, anchors, bool(flags)))
    _check_everyday(sets.get(EVERYDAY, frozenset()), found)
    return tuple(found)


def _check_everyday(common: frozenset[str], found: list[Rule]) -> None:
    """ValueError when an everyday key is also a term's or an anchor's (it would cancel it)."""
    used = {k for rule in found for term in rule.terms for k in term}
    used.update(*(rule.anchors for rule in found))
    if clash := sorted(common & used):
        raise ValueError(f"concepts.txt: everyday words read as concept words: {clash}")


def _set(words: list[str], sets: dict[str, frozenset[str]]) -> frozenset[str]:
    """The keys of words, each "@name" standing for that set."""
    out: set[str] = set()
    for word in words:
        if word.startswith("@"):
            if word[1:] not in sets:
                raise ValueError(f"concepts.txt: unknown set {word}")
            out |= sets[word[1:]]
        elif len(read := keys(word)) == 1:
            out.update(read)
        else:
            raise ValueError(f"concepts.txt: {word!r} in a set must read as one word, not {read}")
    return frozenset(out)


@cache
def everyday() -> frozenset[str]:
    """Keys that mark a clause as play, sport or an accident."""
    sets: dict[str, frozenset[str]] = {}
    for item in _items(FILE.read_text(encoding="utf-8")):
        if item.startswith("@"):
            name, _, words = item[1:].partition("=")
            sets[name.strip()] = _set(words.split(), sets)
    return sets.get(EVERYDAY, frozenset())


def vocabulary() -> list[str]:
    """Every word the concept terms use, so that words run together split into them."""
    return [word for rule in rules() for term in rule.terms for word in term]


Index = dict[str, list[tuple[tuple[str, ...], Rule]]]


@cache
def index() -> Index:
    """Each term under its first key."""
    built: Index = defaultdict(list)
    for rule in rules():
        for term in rule.terms:
            built[term[0]].append((term, rule))
    return dict(built)


def find(
    words: Sequence[Word], clause: Sequence[int], in_idiom: Sequence[bool]
) -> list[ConceptHit]:
    """The concept terms words hold with an anchor nearby, none denied, idiomatic or everyday.

    clause gives each word's clause start (see negation.clauses); one pass over the words
    and, per word, only the terms that start with its (spelling-forgiven) key."""
    near = _nearby(words, clause)
    common = everyday()
    said = [mended(word.key) for word in words]
    hits: list[ConceptHit] = []
    for start, key in enumerate(said):
        for term, rule in index().get(key, ()):
            end = start + len(term)
            if not _holds(words, said, start, term) or any(in_idiom[start:end]):
                continue
            if rule.acted and start and words[start - 1].key in ACTORS:
                continue
            keys_near, keys_own = near[start]
            if rule.anchors.isdisjoint(keys_near) or not common.isdisjoint(keys_own):
                continue
            if not _denied(words, clause, start, end):
                hits.append(ConceptHit(start, end, rule))
    return hits


def _denied(words: Sequence[Word], clause: Sequence[int], start: int, end: int) -> bool:
    """Whether the term is denied (see negation) or its clause opens with a denied subject
    before it, however far ("no one online has ever asked me for photos")."""
    if denied(words, clause, start, end):
        return True
    own = {word.key for word in words[start:end]}
    return own.isdisjoint(DENIED_SUBJECTS) and any(
        words[i].key in DENIED_SUBJECTS for i in range(clause[start], start)
    )


def _holds(words: Sequence[Word], said: Sequence[str], start: int, term: tuple[str, ...]) -> bool:
    """Whether term's keys are written from words[start] on, within one sentence."""
    end = start + len(term)
    if end > len(words) or words[end - 1].sentence != words[start].sentence:
        return False
    return all(said[start + i] == key for i, key in enumerate(term))


@cache
def _slips() -> dict[str, str]:
    """Each long concept key, and each of it with one letter left out, -> the key."""
    found: dict[str, str] = {}
    for key in sorted({k for rule in rules() for term in rule.terms for k in term}):
        if len(key) >= FUZZY_LENGTH:
            for slip in (key, *_deletions(key)):
                found.setdefault(slip, key)
    return found


@cache
def _known() -> frozenset[str]:
    """Keys that are words in their own right and never mended: every concept and everyday key."""
    words = {k for rule in rules() for term in rule.terms for k in term}
    words.update(everyday(), *(keys(word) for word in lexicon.everyday_words()))
    return frozenset(words)


def _deletions(key: str) -> list[str]:
    return [key[:i] + key[i + 1 :] for i in range(len(key))]


@lru_cache(maxsize=50_000)
def mended(key: str) -> str:
    """The concept key a long unknown key is one slip from (a letter missing, extra, wrong or
    two swapped), else the key itself."""
    if len(key) < FUZZY_LENGTH - 1 or key in _known():
        return key
    slips = _slips()
    if key in slips:  # a letter missing
        return slips[key]
    for deletion in _deletions(key):
        if deletion in slips and (len(key) > FUZZY_LENGTH or slips[deletion] == deletion):
            return slips[deletion]  # a letter extra (deletion is the key), wrong or swapped
    return key


def _nearby(words: Sequence[Word], clause: Sequence[int]) -> list[tuple[set[str], set[str]]]:
    """For each word, the keys of its clause and its neighbours in the sentence, and of its
    own clause (sets shared by the words of a clause)."""
    starts = sorted(set(clause))
    own = {s: set() for s in starts}  # type: dict[int, set[str]]
    for index_, word in enumerate(words):
        own[clause[index_]].add(word.key)
    sentence = {s: words[s].sentence for s in starts}
    near: dict[int, set[str]] = {}
    for i, s in enumerate(starts):
        near[s] = set(own[s])
        for j in (i - 1, i + 1):
            if 0 <= j < len(starts) and sentence[starts[j]] == sentence[s]:
                near[s] |= own[starts[j]]
    return [(near[clause[i]], own[clause[i]]) for i in range(len(words))]
