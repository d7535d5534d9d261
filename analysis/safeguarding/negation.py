"""Whether a matched phrase is denied ("nobody hurts me", "my dad doesnt hit me").

Negation reaches only within its own clause: punctuation and linking words ("but",
"when", "because", "and", "say", "told") start a new one, so "nobody believes me when i
say he hits me" is not denied. Two kinds of denial word, by where they stand:

- a denied subject ("nobody", "no one", "none") denies a phrase up to 6 words later in
  its clause ("no one in my house hits me");
- a denied verb ("not", "never", "doesnt", "dont") denies a phrase at most 4 words later,
  and only when no new subject comes between ("i cant go home my dad will hit me" is not
  denied by "cant").

A clause opened by "if" that speaks of anyone or "ever" ("if someone hurt me i would tell")
is hypothetical and denies too. A phrase that holds a denial word itself ("nobody feeds
me", "dont want to go home") is never denied.
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.safeguarding.words import Word, stem

SUBJECT_WINDOW, VERB_WINDOW = 6, 4


def _stems(words: str) -> frozenset[str]:
    return frozenset(stem(word) for word in words.split())


DENIED_SUBJECTS = _stems("nobody no none nothing neither nor noth")
DENIED_VERBS = _stems(
    "not never dont doesnt didnt isnt arent wasnt werent wont wouldnt cant cannot couldnt "
    "havent hasnt hadnt aint nt nevr neva"
)
DENIALS = DENIED_SUBJECTS | DENIED_VERBS
NEW_SUBJECTS = _stems("i my he she they we his her their mum dad someone somebody people")
BREAKS = _stems(
    "but when whenever because and so if though although until unless while then after "
    "before since case say says said tell tells told believe believes knows knew that"
)
HYPOTHETICAL = _stems("someone somebody anyone anybody anything something ever people")
IF = stem("if")


def clauses(words: Sequence[Word]) -> list[int]:
    """For each word, the index of the first word of its clause: punctuation (Word.clause) or a
    linking word starts a clause."""
    firsts: list[int] = []
    for index, word in enumerate(words):
        new = index == 0 or word.clause != words[index - 1].clause or word.key in BREAKS
        firsts.append(index if new else firsts[-1])
    return firsts


def denied(words: Sequence[Word], clause: Sequence[int], start: int, end: int) -> bool:
    """Whether the phrase words[start:end] is denied within its clause (clause: see clauses)."""
    if any(word.key in DENIALS for word in words[start:end]):
        return False
    return _denied_before(words, clause, start) or _hypothetical(words, clause, start, end)


def _denied_before(words: Sequence[Word], clause: Sequence[int], start: int) -> bool:
    subject_seen = False
    for back in range(start - 1, max(-1, start - 1 - SUBJECT_WINDOW), -1):
        if clause[back] != clause[start]:
            return False
        key = words[back].key
        if key in DENIED_SUBJECTS:
            return True
        if key in DENIED_VERBS and start - back <= VERB_WINDOW and not subject_seen:
            return True
        subject_seen = subject_seen or key in NEW_SUBJECTS
    return False


def _hypothetical(words: Sequence[Word], clause: Sequence[int], start: int, end: int) -> bool:
    """Whether the phrase's clause opens with "if" and, to its end, speaks of anyone or "ever"."""
    first = clause[start]
    if words[first].key != IF:
        return False
    return any(words[i].key in HYPOTHETICAL for i in range(first, end))
