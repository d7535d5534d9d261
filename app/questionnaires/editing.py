"""Changes a manager makes to a questionnaire, as pure functions from one Definition to the next.

No function changes the key of a question that already exists, so answers to a reworded
question still line up with earlier versions. A change that cannot be made raises EditError.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from app.questionnaires.definition import (
    QUESTION_TYPES,
    SCALES,
    TEXT_LIMITS,
    TEXT_TYPES,
    Definition,
    Option,
    Question,
    Section,
    Tags,
    scale,
)

KEY_LENGTH = 40
# Types whose answers are a fixed scale: the wording can change, the answers cannot.
FIXED_TYPES = ("agree", "yes_no", "rating")
STARTER_INTRO = "Thank you for taking part. You can skip any question you do not want to answer."
STARTER_SECTION = "Your views"
STARTER_QUESTION = "Is there anything else you would like to tell us?"

OptionLine = tuple[str | None, str]


class EditError(ValueError):
    """A change that cannot be made; the message is for the manager who asked for it."""


@dataclass(frozen=True)
class Wording:
    """What a manager writes for a question; each option line is (value or None, label).

    `tags` None keeps a reworded question's tags, and gives a new question none.
    """

    text: str
    hint: str = ""
    required: bool = False
    options: tuple[OptionLine, ...] = ()
    tags: Tags | None = None


def starter(
    slug: str, title: str, summary: str, audience: str, age_range: str | None, phase: str | None
) -> Definition:
    """A new questionnaire of one page with one open question, ready to edit."""
    question = Question(
        key="anything_else",
        type="long_text",
        text=STARTER_QUESTION,
        max_length=TEXT_LIMITS["long_text"],
    )
    return Definition(
        slug=slug,
        title=_required(title, "a title"),
        audience=audience,
        age_range=age_range if audience == "child" else None,
        phase=phase if audience == "training" else None,
        summary=_required(summary, "a summary"),
        intro=STARTER_INTRO,
        version=1,
        sections=(Section(STARTER_SECTION, (question,)),),
    )


def set_details(
    definition: Definition, title: str, summary: str, intro: str, age_range: str | None
) -> Definition:
    """New title, summary and introduction; a new age range for a children's questionnaire."""
    return replace(
        definition,
        title=_required(title, "a title"),
        summary=_required(summary, "a summary"),
        intro=_required(intro, "an introduction"),
        age_range=age_range if definition.audience == "child" else None,
    )


def add_question(
    definition: Definition,
    section_index: int,
    qtype: str,
    wording: Wording,
    reserved: Collection[str] = (),
) -> Definition:
    """The questionnaire with a new question at the end of a page, keyed from its wording.

    `reserved` holds keys the new key must also avoid, such as those of earlier versions.
    """
    section = _section(definition, section_index)
    if qtype not in QUESTION_TYPES:
        raise EditError("Choose a type of question from the list")
    taken = {*reserved, *(question.key for question in definition.questions())}
    question = Question(
        key=new_key(wording.text, taken),
        type=qtype,
        text=_required(wording.text, "the question"),
        hint=wording.hint.strip() or None,
        required=wording.required,
        options=build_options(qtype, wording.options),
        max_length=TEXT_LIMITS.get(qtype),
        tags=wording.tags or Tags(),
    )
    return _with_section(definition, section_index, (*section.questions, question))


def reword_question(definition: Definition, key: str, wording: Wording) -> Definition:
    """The questionnaire with one question's wording, answers and tags changed; its key stays."""
    s, q = find_question(definition, key)
    old = definition.sections[s].questions[q]
    options = old.options
    if old.type not in (*FIXED_TYPES, *TEXT_TYPES):
        options = build_options(old.type, wording.options)
    new = replace(
        old,
        text=_required(wording.text, "the question"),
        hint=wording.hint.strip() or None,
        required=wording.required,
        options=options,
        tags=old.tags if wording.tags is None else wording.tags,
    )
    questions = list(definition.sections[s].questions)
    questions[q] = new
    return _with_section(definition, s, tuple(questions))


def remove_question(definition: Definition, key: str) -> Definition:
    """The questionnaire without the question; a page must keep at least one question."""
    s, q = find_question(definition, key)
    questions = list(definition.sections[s].questions)
    if len(questions) == 1:
        raise EditError(
            "This is the only question on its page. Add another question to the page first, "
            "or remove the whole page."
        )
    del questions[q]
    return _with_section(definition, s, tuple(questions))


def move_question(definition: Definition, key: str, step: int) -> Definition:
    """The question one place up (step -1) or down (+1), onto the next page at a page's edge."""
    s, q = find_question(definition, key)
    pages = [list(section.questions) for section in definition.sections]
    question = pages[s].pop(q)
    target = q + step
    if 0 <= target <= len(pages[s]):
        pages[s].insert(target, question)
    elif 0 <= s + step < len(pages):
        neighbour = pages[s + step]
        neighbour.insert(len(neighbour) if step < 0 else 0, question)
    else:
        raise EditError(f"That question is already {'first' if step < 0 else 'last'}")
    if not pages[s]:
        raise EditError(
            "This is the only question on its page, so it cannot move off it. "
            "Add another question to the page first."
        )
    pairs = zip(definition.sections, pages, strict=True)
    sections = tuple(replace(section, questions=tuple(qs)) for section, qs in pairs)
    return replace(definition, sections=sections)


def add_section(
    definition: Definition,
    title: str,
    qtype: str,
    wording: Wording,
    reserved: Collection[str] = (),
) -> Definition:
    """The questionnaire with a new last page holding its first question."""
    placeholder = Section(_required(title, "a title for the page"), ())
    grown = replace(definition, sections=(*definition.sections, placeholder))
    return add_question(grown, len(definition.sections), qtype, wording, reserved)


def rename_section(definition: Definition, index: int, title: str) -> Definition:
    """The questionnaire with a page's title changed."""
    section = _section(definition, index)
    renamed = replace(section, title=_required(title, "a title for the page"))
    return replace(definition, sections=_replaced(definition.sections, index, renamed))


def remove_section(definition: Definition, index: int) -> Definition:
    """The questionnaire without the page and its questions; one page must remain."""
    _section(definition, index)
    if len(definition.sections) == 1:
        raise EditError("A questionnaire needs at least one page, so this one cannot be removed")
    sections = definition.sections[:index] + definition.sections[index + 1 :]
    return replace(definition, sections=sections)


def find_question(definition: Definition, key: str) -> tuple[int, int]:
    """(page index, position on the page) of the question with this key."""
    for s, section in enumerate(definition.sections):
        for q, question in enumerate(section.questions):
            if question.key == key:
                return s, q
    raise EditError("That question is no longer in this questionnaire")


def build_options(qtype: str, lines: Sequence[OptionLine]) -> tuple[Option, ...]:
    """The answers a question of this type offers, from the manager's lines where it takes any."""
    if qtype in TEXT_TYPES:
        return ()
    if qtype in FIXED_TYPES or (qtype in ("faces", "age_band") and not lines):
        return SCALES[qtype]
    if qtype == "faces":
        if len(lines) != len(SCALES["faces"]):
            raise EditError("Faces need exactly 5 answers, one per line, from worst to best")
        return scale(*(_required(label, "words for each answer") for _, label in lines))
    if len(lines) < 2:
        raise EditError("Give at least 2 answers, one per line")
    labels = [_required(label, "words for each answer") for _, label in lines]
    return tuple(Option(value, label) for value, label in zip(_values(lines), labels, strict=True))


def slug_for(title: str) -> str:
    """A questionnaire slug made from its title: lowercase words joined by hyphens."""
    return _words(title).replace("_", "-") or "questionnaire"


def new_key(text: str, taken: Collection[str]) -> str:
    """A key made from the wording's first words, with _2, _3... added until it is unused."""
    words = _words(text)
    while len(words) > KEY_LENGTH and "_" in words:
        words = words.rsplit("_", 1)[0]
    base = words[:KEY_LENGTH] or "question"
    if not base[0].isalpha():
        base = f"q_{base}"
    return _unique(base, taken)


def _values(lines: Sequence[OptionLine]) -> list[str]:
    """Each line's own value, or one made from its label that no other line uses."""
    given = [value for value, _ in lines if value]
    if repeated := next((v for n, v in enumerate(given) if v in given[:n]), None):
        raise EditError(f'The code "{repeated}" is used for two answers: give each its own')
    taken, values = set(given), []
    for value, label in lines:
        if not value:
            value = _unique(_words(label)[:KEY_LENGTH].strip("_") or "answer", taken)
            taken.add(value)
        values.append(value)
    return values


def _words(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


def _unique(base: str, taken: Collection[str]) -> str:
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}_{number}"
    return candidate


def _required(text: str, what: str) -> str:
    if not text.strip():
        raise EditError(f"Enter {what}")
    return text.strip()


def _section(definition: Definition, index: int) -> Section:
    if not 0 <= index < len(definition.sections):
        raise EditError("That page is no longer in this questionnaire")
    return definition.sections[index]


def _with_section(
    definition: Definition, index: int, questions: tuple[Question, ...]
) -> Definition:
    section = replace(definition.sections[index], questions=questions)
    return replace(definition, sections=_replaced(definition.sections, index, section))


def _replaced(sections: tuple[Section, ...], index: int, section: Section) -> tuple[Section, ...]:
    return (*sections[:index], section, *sections[index + 1 :])
