"""Building a Definition from plain data (YAML or JSON), checking every field on the way."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from app.questionnaires.definition.model import (
    AUDIENCES,
    CHOICE_TYPES,
    FRAMEWORKS,
    KIRKPATRICK,
    LEVELS,
    MAX_TEXT_LIMIT,
    OUTCOME,
    PHASES,
    QUESTION_TYPES,
    SCALES,
    TEXT_LIMITS,
    Definition,
    DefinitionError,
    Option,
    Question,
    Section,
    Tags,
    scale,
)

_TOP_FIELDS = ("slug", "title", "audience", "age_range", "phase", "version", "summary", "intro")
_QUESTION_FIELDS = ("key", "type", "text", "hint", "required", "options", "max_length")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_KEY = re.compile(r"[a-z][a-z0-9_]*\Z")
_VALUE = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
_THEME = re.compile(r"[a-z][a-z0-9-]*\Z")
_AGE_RANGE = re.compile(r"(\d{1,2})-(\d{1,2})\Z")


def parse_definition(data: Mapping[str, Any]) -> Definition:
    """Check plain data (from YAML or JSON) and build a Definition, or raise DefinitionError."""
    _fields(data, (*_TOP_FIELDS, "sections"), "a questionnaire", "")
    slug = _text(data, "slug", "")
    if not _SLUG.match(slug):
        raise DefinitionError(f'bad slug "{slug}": use lowercase words joined by -')
    audience = _choice(data.get("audience"), "audience", AUDIENCES, "")
    age_range, phase = _audience_fields(data, audience)
    definition = Definition(
        slug=slug,
        title=_text(data, "title", ""),
        audience=audience,
        age_range=age_range,
        phase=phase,
        summary=_text(data, "summary", ""),
        intro=_text(data, "intro", ""),
        version=_whole_number(data.get("version"), "version", 1, None, ""),
        sections=tuple(_section(raw, n) for n, raw in enumerate(_list(data, "sections", ""), 1)),
    )
    if repeated := _first_repeat(question.key for question in definition.questions()):
        raise DefinitionError(f'duplicate key "{repeated}"')
    return definition


def _section(raw: Any, number: int) -> Section:
    _fields(raw, ("title", "questions"), f"section {number}", f"section {number}: ")
    title = _text(raw, "title", f"section {number}: ")
    questions = _list(raw, "questions", f'section "{title}": ')
    return Section(title, tuple(_question(q, n, title) for n, q in enumerate(questions, 1)))


def _question(raw: Any, number: int, section: str) -> Question:
    where = f'question {number} in section "{section}": '
    key = _text(_mapping(raw, where[:-2]), "key", where)
    if not _KEY.match(key):
        raise DefinitionError(f'{where}bad key "{key}": use a-z, 0-9 and _, starting with a letter')
    where = f'question "{key}": '
    _fields(raw, (*_QUESTION_FIELDS, "per_outcome", "tags"), where[:-2], where)
    qtype = raw.get("type")
    if qtype not in QUESTION_TYPES:
        raise DefinitionError(f'{where}unknown type "{qtype}"' if qtype else f"{where}missing type")
    question = Question(
        key=key,
        type=qtype,
        text=_text(raw, "text", where),
        hint=_text(raw, "hint", where, required=False) or None,
        required=_flag(raw, "required", where),
        options=_options(qtype, raw.get("options"), where),
        max_length=_max_length(qtype, raw.get("max_length"), where),
        per_outcome=_flag(raw, "per_outcome", where),
        tags=_tags(raw.get("tags"), where),
    )
    if question.per_outcome and OUTCOME not in question.text:
        raise DefinitionError(f'{where}per_outcome needs "{OUTCOME}" in the text')
    if not question.per_outcome and OUTCOME in f"{question.text} {question.hint}":
        raise DefinitionError(f'{where}"{OUTCOME}" needs per_outcome: true')
    return question


def _options(qtype: str, raw: Any, where: str) -> tuple[Option, ...]:
    if raw is None and qtype not in ("single", "multi"):
        return SCALES.get(qtype, ())
    if qtype not in (*CHOICE_TYPES, "faces"):
        raise DefinitionError(f'{where}type "{qtype}" takes no options')
    if not isinstance(raw, list):
        raise DefinitionError(f"{where}{'options must be a list' if raw else 'missing options'}")
    if qtype == "faces":
        return _face_labels(raw, where)
    options = tuple(_option(item, n, where) for n, item in enumerate(raw, 1))
    if len(options) < 2:
        raise DefinitionError(f'{where}type "{qtype}" needs at least 2 options, got {len(options)}')
    if repeated := _first_repeat(option.value for option in options):
        raise DefinitionError(f'{where}duplicate option value "{repeated}"')
    return options


def _face_labels(raw: list[Any], where: str) -> tuple[Option, ...]:
    if len(raw) != len(SCALES["faces"]):
        raise DefinitionError(f"{where}faces needs exactly 5 labels, got {len(raw)}")
    for n, label in enumerate(raw, 1):
        if not isinstance(label, str) or not label.strip():
            raise DefinitionError(f"{where}faces label {n} must be non-empty text")
    return scale(*(label.strip() for label in raw))


def _option(raw: Any, number: int, where: str) -> Option:
    where = f"{where}option {number}: "
    _fields(raw, ("value", "label"), where[:-2], where)
    value = raw.get("value")
    if not isinstance(value, str):
        raise DefinitionError(f"{where}value must be text (put it in quotes)")
    if not _VALUE.match(value):
        raise DefinitionError(f'{where}bad value "{value}": use a-z, 0-9, _ and -')
    return Option(value, _text(raw, "label", where))


def _max_length(qtype: str, raw: Any, where: str) -> int | None:
    if qtype not in TEXT_LIMITS and raw is not None:
        raise DefinitionError(f'{where}type "{qtype}" takes no max_length')
    if qtype not in TEXT_LIMITS or raw is None:
        return TEXT_LIMITS.get(qtype)
    return _whole_number(raw, "max_length", 1, MAX_TEXT_LIMIT, where)


def parse_tags(data: Mapping[str, Any]) -> Tags:
    """Check one question's tags, given as plain data, and build them, or raise DefinitionError."""
    return _tags(data, "")


def _tags(raw: Any, where: str) -> Tags:
    if raw is None:
        return Tags()
    _fields(raw, ("framework", "level", "kirkpatrick", "themes"), f"{where}tags", f"{where}tags: ")
    framework = _tag(raw, "framework", FRAMEWORKS, where)
    level = _tag(raw, "level", LEVELS, where)
    if level and framework != "frontline":
        raise DefinitionError(f'{where}level needs framework "frontline"')
    themes = raw.get("themes") or []
    if not isinstance(themes, list):
        raise DefinitionError(f"{where}themes must be a list")
    for theme in themes:
        if not isinstance(theme, str) or not _THEME.match(theme):
            raise DefinitionError(f'{where}bad theme "{theme}": use a-z, 0-9 and -')
    if repeated := _first_repeat(themes):
        raise DefinitionError(f'{where}duplicate theme "{repeated}"')
    kirkpatrick = _tag(raw, "kirkpatrick", KIRKPATRICK, where)
    return Tags(framework, level, kirkpatrick, tuple(themes))


def _audience_fields(data: Mapping[str, Any], audience: str) -> tuple[str | None, str | None]:
    age_range, phase = data.get("age_range"), data.get("phase")
    if age_range is not None and audience != "child":
        raise DefinitionError('age_range is only for audience "child"')
    match = _AGE_RANGE.match(str(age_range))
    if age_range is not None and (not match or int(match[1]) >= int(match[2])):
        raise DefinitionError(f'bad age_range "{age_range}": write it like "8-12"')
    if phase is not None and audience != "training":
        raise DefinitionError('phase is only for audience "training"')
    if audience == "training":
        phase = _choice(phase, "phase", PHASES, "")
    return None if age_range is None else str(age_range), phase


def _mapping(raw: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise DefinitionError(f"{what} must be a mapping of fields")
    return raw


def _fields(raw: Any, allowed: Sequence[str], what: str, where: str) -> None:
    for name in _mapping(raw, what):
        if name not in allowed:
            raise DefinitionError(f'{where}unknown field "{name}"')


def _text(raw: Mapping[str, Any], name: str, where: str, required: bool = True) -> str:
    value = raw.get(name)
    if value is not None and not isinstance(value, str):
        raise DefinitionError(f"{where}{name} must be text")
    if required and not (value or "").strip():
        raise DefinitionError(f"{where}missing {name}")
    return (value or "").strip()


def _list(raw: Mapping[str, Any], name: str, where: str) -> list[Any]:
    value = raw.get(name)
    if not value:
        raise DefinitionError(f"{where}missing {name}")
    if not isinstance(value, list):
        raise DefinitionError(f"{where}{name} must be a list")
    return value


def _flag(raw: Mapping[str, Any], name: str, where: str) -> bool:
    value = raw.get(name, False)
    if not isinstance(value, bool):
        raise DefinitionError(f"{where}{name} must be true or false")
    return value


def _whole_number(raw: Any, name: str, low: int, high: int | None, where: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < low or (high and raw > high):
        limits = f"from {low} to {high}" if high else f"of at least {low}"
        raise DefinitionError(f"{where}{name} must be a whole number {limits}")
    return raw


def _choice(raw: Any, name: str, allowed: Sequence[str], where: str) -> str:
    if raw is None:
        raise DefinitionError(f"{where}missing {name}")
    if raw not in allowed:
        raise DefinitionError(f'{where}unknown {name} "{raw}"')
    return str(raw)


def _tag(raw: Mapping[str, Any], name: str, allowed: Sequence[str], where: str) -> str | None:
    return None if raw.get(name) is None else _choice(raw[name], name, allowed, where)


def _first_repeat(values: Iterable[str]) -> str | None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            return value
        seen.add(value)
    return None
