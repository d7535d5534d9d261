"""Themes of free-text comments from a board's codebook: theme name -> words and phrases.

A phrase matches as whole words, whatever the case; a space or hyphen in it matches any run
of spaces, hyphens, dashes or slashes ("multi agency" finds "multi-agency"), and curly and
straight apostrophes are the same. Phrases are literal text, never regular expressions.
Placeholders left by redaction ("[phone]") are not words.

Each theme compiles to one pattern, cached, so a codebook is compiled once however many
comments it reads. Searching 12 patterns through 30,000 comments takes seconds in Python,
so ``themes_of`` first takes each comment's set of words: a one-word phrase among them is a
match without a search, and a theme is searched only when the comment holds the longest
word of one of its longer phrases (every match of a phrase holds all its words). A test
checks that it agrees with ``match_themes``, which always searches.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.text.redact import PLACEHOLDERS

Codebook = Mapping[str, Sequence[str]]
MAX_PHRASE = 80

_SEPARATORS = r"[\s\-\u2010-\u2015/]+"
_SEPARATOR_RUN = re.compile(_SEPARATORS)
_STRAIGHT = str.maketrans("\u2018\u2019`", "'''")
_WORD = re.compile(r"\w+")
_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS))

# fmt: off
STARTER_CODEBOOK: dict[str, tuple[str, ...]] = {
    "Feeling safe": (
        "safe", "feel safe", "felt safe", "safer", "safety", "saftey", "unsafe", "not safe",
        "scared", "scard", "scaired", "scary", "frightened", "frightend", "afraid", "worried",
        "worry", "worrying", "nervous", "anxious", "in danger", "dangerous", "threatened",
        "protected", "protect me", "secure", "looked out for", "nowhere safe",
    ),
    "Bullying": (
        "bully", "bullies", "bullied", "bullying", "bulling", "bullyed", "bulied", "bulliing",
        "picked on", "pick on me", "picking on", "picks on", "name calling", "called me names",
        "call me names", "calling me names", "teased", "teasing", "mean to me", "left out",
        "leave me out", "ganged up", "gang up on", "laughed at me", "laugh at me",
        "pushed me", "hit me", "kicked me", "beat me up", "cyberbullying", "cyber bullying",
        "racist", "homophobic", "banter",
    ),
    "Online": (
        "online", "on line", "internet", "social media", "snapchat", "snap", "instagram",
        "insta", "tiktok", "tik tok", "facebook", "whatsapp", "youtube", "discord", "roblox",
        "fortnite", "xbox", "playstation", "gaming", "group chat", "messaged me", "dms",
        "nudes", "sexting", "screenshot", "screenshotted", "groomed", "grooming", "hacked",
        "cyberbullying", "cyber bullying", "screen time", "wifi", "my phone", "apps",
    ),
    "Being listened to": (
        "listen", "listens", "listened", "listening", "listend", "lisen", "lissen",
        "didn't listen", "didnt listen", "don't listen", "dont listen", "nobody listens",
        "no one listens", "not listened to", "heard", "not heard", "hear me", "ignored",
        "ignore me", "ignoring me", "believed", "believe me", "didn't believe",
        "didnt believe", "taken seriously", "take me seriously", "my views", "my voice",
        "my opinion", "my wishes", "wishes and feelings", "have a say", "had a say",
        "asked me", "never asked", "understood", "understand me",
    ),
    "Home": (
        "home", "at home", "house", "mum", "mom", "mam", "dad", "parents", "my parent",
        "family", "step dad", "stepdad", "step mum", "stepmum", "brother", "sister",
        "siblings", "nan", "nana", "grandma", "grandad", "foster carer", "foster carers",
        "kinship carer", "bedroom", "arguing", "arguments", "shouting", "domestic abuse",
        "domestic violence", "neglect", "no food", "hungry", "drunk",
    ),
    "School": (
        "school", "schools", "skool", "schol", "teacher", "teachers", "techer", "class",
        "classroom", "lesson", "lessons", "homework", "head teacher", "headteacher",
        "head of year", "form tutor", "playground", "break time", "breaktime", "lunchtime",
        "dinner time", "detention", "isolation", "excluded", "exclusion", "suspended",
        "college", "nursery", "senco", "ehcp", "teaching assistant", "pastoral", "exams",
        "gcses", "sats", "attendance", "uniform",
    ),
    "Police": (
        "police", "policeman", "policemen", "policewoman", "police officer", "officer",
        "officers", "pcso", "cops", "cop", "coppers", "feds", "999", "101", "arrested",
        "arrest", "custody", "crime", "criminal", "court", "youth offending", "yot",
        "statement", "investigation", "stop and search", "stopped and searched",
    ),
    "Social worker": (
        "social worker", "social workers", "socail worker", "social woker", "social wroker",
        "my sw", "our sw", "social services", "social care", "children's services",
        "childrens services", "the socials", "case worker", "caseworker", "key worker",
        "keyworker", "family support worker", "early help", "child protection", "cp plan",
        "child in need", "care plan", "looked after", "in care", "care home", "home visit",
        "home visits",
    ),
    "Waiting": (
        "waiting", "wait", "waited", "waits", "wating", "waitin", "waiting list",
        "waiting lists", "waiting time", "long wait", "took ages", "takes ages", "for ages",
        "too long", "took too long", "taking too long", "so long", "delay", "delays",
        "delayed", "slow", "still waiting", "never heard back", "not heard back", "chasing",
        "backlog",
    ),
    "Communication": (
        "communication", "communicate", "communicating", "not told", "nobody told",
        "no one told", "told me", "tell me", "kept informed", "keep me informed", "informed",
        "update", "updates", "updated", "call back", "called back", "phone call", "email",
        "emails", "letter", "letters", "explain", "explained", "didn't explain",
        "information", "in the loop", "feedback", "jargon", "interpreter", "translator",
        "get hold of", "returned calls",
    ),
    "Training": (
        "training", "course", "courses", "session", "sessions", "workshop", "workshops",
        "e-learning", "elearning", "webinar", "module", "modules", "refresher", "cpd",
        "induction", "presenter", "facilitator", "trainer", "slides", "case study",
        "case studies", "breakout rooms", "face to face", "certificate", "learnt", "learned",
    ),
    "Procedures": (
        "procedure", "procedures", "process", "processes", "policy", "policies", "protocol",
        "protocols", "threshold", "thresholds", "referral", "referrals", "refer", "referred",
        "mash", "front door", "strategy meeting", "strategy discussion", "section 47", "s47",
        "section 17", "case conference", "core group", "escalation", "escalate",
        "paperwork", "guidance", "assessment", "assessments", "consent",
        "information sharing", "multi agency", "supervision", "timescales", "lado",
    ),
}
# fmt: on


def _clean(text: str) -> str:
    return " ".join(text.split())


def _phrases(raw: str, where: str, problems: list[str]) -> tuple[str, ...]:
    """The distinct phrases of one line (first spelling kept); too-long ones reported, dropped."""
    kept: dict[str, str] = {}
    for phrase in filter(None, (_clean(p) for p in raw.split(","))):
        if len(phrase) > MAX_PHRASE:
            problems.append(f"{where}: “{phrase[:30]}…” is longer than {MAX_PHRASE} characters")
        else:
            kept.setdefault(phrase.casefold(), phrase)
    return tuple(kept.values())


def _parse_line(line: str, where: str, problems: list[str]) -> tuple[str, tuple[str, ...]]:
    """(theme, phrases) of one line; ("", ()) with a problem noted when it cannot be used."""
    theme, colon, raw = line.partition(":")
    theme = _clean(theme)
    if not colon:
        problems.append(f"{where}: no colon; write it as “Theme name: phrase, phrase”")
    elif not theme:
        problems.append(f"{where}: no theme name before the colon")
    elif phrases := _phrases(raw, where, problems):
        return theme, phrases
    else:
        problems.append(f"{where}: the theme “{theme}” has no phrases")
    return "", ()


def parse_codebook(text: str) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """The codebook written one theme a line as "Theme: phrase, phrase", and its problems."""
    codebook: dict[str, tuple[str, ...]] = {}
    seen: set[str] = set()
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"Line {number}"
        theme, phrases = _parse_line(line, where, problems)
        if theme and theme.casefold() in seen:
            problems.append(f"{where}: the theme “{theme}” is given twice; the first is kept")
        elif theme:
            seen.add(theme.casefold())
            codebook[theme] = phrases
    return codebook, problems


def format_codebook(codebook: Codebook) -> str:
    """The editable text form that parse_codebook reads back to the same codebook."""
    return "\n".join(f"{theme}: {', '.join(phrases)}" for theme, phrases in codebook.items())


def _lower(text: str) -> str:
    return text.lower().translate(_STRAIGHT)


def _normal(text: str) -> str:
    """Text as phrases are matched in it: lower case, redaction placeholders blanked out."""
    lowered = _lower(text)
    return _PLACEHOLDER.sub(" ", lowered) if "[" in lowered else lowered


def _phrase_pattern(phrase: str) -> str:
    """The regular expression for one literal phrase; spaces and hyphens match any separator."""
    if not _WORD.search(phrase):
        return re.escape(phrase)
    return _SEPARATORS.join(re.escape(part) for part in _SEPARATOR_RUN.split(phrase))


@dataclass(frozen=True)
class _Theme:
    name: str
    pattern: re.Pattern[str]
    # The phrases of one word: a text holding one of them as a word matches, unsearched.
    words: frozenset[str]
    # None when some phrase has no word at all (".*"): then only a search can tell.
    keys: frozenset[str] | None


def _keys(phrases: list[str]) -> frozenset[str] | None:
    """The longest word of each phrase: a text without any of them matches none."""
    words = [_WORD.findall(phrase) for phrase in phrases]
    if not all(words):
        return None
    return frozenset(max(reversed(each), key=len) for each in words)


def _theme(name: str, phrases: Sequence[str]) -> _Theme | None:
    """A theme's one pattern for all its phrases as whole words; None if it has no phrases."""
    cleaned = sorted({_lower(_clean(p)) for p in phrases if p.strip()})
    if not cleaned:
        return None
    alternatives = "|".join(_phrase_pattern(p) for p in cleaned)
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    words = frozenset(p for p in cleaned if _WORD.fullmatch(p))
    return _Theme(name, pattern, words, _keys([p for p in cleaned if p not in words]))


@lru_cache(maxsize=32)
def _compiled(key: tuple[tuple[str, tuple[str, ...]], ...]) -> list[_Theme]:
    themes = (_theme(name, phrases) for name, phrases in key)
    return [theme for theme in themes if theme is not None]


def _themes(codebook: Codebook) -> list[_Theme]:
    return _compiled(tuple((name, tuple(phrases)) for name, phrases in codebook.items()))


def match_themes(text: str, codebook: Codebook) -> list[str]:
    """The themes, in codebook order, with a phrase in text."""
    normal = _normal(text)
    return [theme.name for theme in _themes(codebook) if theme.pattern.search(normal)]


def _holds(theme: _Theme, normal: str, words: set[str]) -> bool:
    """As theme.pattern.search(normal), searching only when the words leave it open."""
    if not words.isdisjoint(theme.words):
        return True
    maybe = theme.keys is None or not words.isdisjoint(theme.keys)
    return maybe and theme.pattern.search(normal) is not None


def themes_of(texts: pd.Series, codebook: Codebook) -> pd.Series:
    """Each text's list of themes (as match_themes), on the same index; missing text has none."""
    themes = _themes(codebook)
    found: list[list[str]] = []
    for value in texts.tolist():
        normal = "" if pd.isna(value) else _normal(str(value))
        words = set(_WORD.findall(normal))
        found.append([theme.name for theme in themes if _holds(theme, normal, words)])
    return pd.Series(found, index=texts.index, dtype=object)
