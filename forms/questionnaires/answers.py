"""A question's answers and tags as the editor's text fields hold them, checked on the way in."""

import re
from typing import Any

from wtforms.validators import StopValidation

from app.questionnaires.definition import (
    KIRKPATRICK,
    LEVELS,
    SCALES,
    DefinitionError,
    Question,
    parse_tags,
)
from app.questionnaires.editing import FIXED_TYPES, OptionLine
from app.questionnaires.limits import LABEL_LENGTH, MAX_OPTIONS

FRAMEWORK_NAMES = {"children": "Children and young people", "frontline": "Frontline staff"}
LEVEL_NAMES = {level: level.capitalize() for level in LEVELS}
KIRKPATRICK_NAMES = {level: level.capitalize() for level in KIRKPATRICK}
TAG_NAMES = {**FRAMEWORK_NAMES, **LEVEL_NAMES, **KIRKPATRICK_NAMES}
AUDIENCE_FRAMEWORKS = {"child": "children", "family": "children", "practitioner": "frontline"}
VALUE = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}\Z")
LISTED_TYPES = ("single", "multi")


def option_lines(text: str, qtype: str | None) -> tuple[OptionLine, ...]:
    """(code or None, words) per non-blank line; StopValidation names the first bad line."""
    if qtype not in ("faces", "age_band", *LISTED_TYPES):
        return ()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_OPTIONS:
        raise StopValidation(f"Give at most {MAX_OPTIONS} answers")
    return tuple(_option_line(line, n, qtype) for n, line in enumerate(lines, 1))


def _option_line(line: str, number: int, qtype: str) -> OptionLine:
    value, bar, label = line.partition("|") if "|" in line else ("", "", line)
    value, label = value.strip(), label.strip()
    if bar and qtype == "faces":
        raise StopValidation(f"Answer {number}: faces answers are words only, without a code")
    if value and not VALUE.match(value):
        raise StopValidation(
            f"Answer {number}: the code before | can use only a to z, 0 to 9, _ and -"
        )
    if not label:
        raise StopValidation(f"Answer {number} has no words after the |")
    if len(label) > LABEL_LENGTH:
        raise StopValidation(f"Answer {number}: use {LABEL_LENGTH} characters or fewer")
    return (value or None, label)


def check_option_count(qtype: str | None, lines: tuple[OptionLine, ...]) -> None:
    if qtype == "faces" and lines and len(lines) != len(SCALES["faces"]):
        raise StopValidation("Faces need exactly 5 answers, one per line, from worst to best")
    if qtype in LISTED_TYPES and len(lines) < 2:
        raise StopValidation("Give at least 2 answers, one per line")
    if qtype == "age_band" and len(lines) == 1:
        raise StopValidation("Give at least 2 age bands, or none for the usual ones")


def theme_list(text: str | None) -> list[str]:
    """The themes typed between commas, trimmed, blanks dropped."""
    return [theme.strip() for theme in (text or "").split(",") if theme.strip()]


def check_tags(data: dict[str, Any]) -> None:
    """Raise StopValidation with the definition's own message when these tags are not allowed."""
    try:
        parse_tags(data)
    except DefinitionError as error:
        message = str(error)
        raise StopValidation(message[:1].upper() + message[1:]) from error


def tag_defaults(audience: str) -> dict[str, str]:
    """Tag fields for a new question: a framework section by audience, Kirkpatrick for training."""
    if audience == "training":
        return {"kirkpatrick": "learning"}
    return {"framework": AUDIENCE_FRAMEWORKS.get(audience, "")}


def question_data(question: Question) -> dict[str, Any]:
    """A question's wording shaped for QuestionForm(data=...)."""
    if question.type == "faces":
        options = "\n".join(option.label for option in question.options)
    elif question.type in (*FIXED_TYPES, "short_text", "long_text"):
        options = ""
    else:
        options = "\n".join(f"{option.value} | {option.label}" for option in question.options)
    tags = question.tags
    return {"text": question.text, "hint": question.hint or "", "required": question.required,
            "options": options, "framework": tags.framework or "", "level": tags.level or "",
            "kirkpatrick": tags.kirkpatrick or "", "themes": ", ".join(tags.themes)}  # fmt: skip
