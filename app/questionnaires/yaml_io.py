"""Questionnaire definitions to and from plain data and YAML text."""

from __future__ import annotations

from typing import Any

import yaml

from app.questionnaires.definition import (
    SCALES,
    TEXT_LIMITS,
    Definition,
    DefinitionError,
    Question,
    parse_definition,
)

# Far above any real questionnaire (the largest built-in one has under 300 values).
MAX_NODES = 20_000


def definition_to_dict(definition: Definition) -> dict[str, Any]:
    """Plain data that parse_definition reads back as an equal Definition; defaults left out."""
    data: dict[str, Any] = {
        "slug": definition.slug,
        "title": definition.title,
        "audience": definition.audience,
    }
    if definition.age_range:
        data["age_range"] = definition.age_range
    if definition.phase:
        data["phase"] = definition.phase
    data |= {
        "version": definition.version,
        "summary": definition.summary,
        "intro": definition.intro,
    }
    data["sections"] = [
        {"title": section.title, "questions": [_question_dict(q) for q in section.questions]}
        for section in definition.sections
    ]
    return data


def _question_dict(question: Question) -> dict[str, Any]:
    data: dict[str, Any] = {"key": question.key, "type": question.type, "text": question.text}
    if question.hint:
        data["hint"] = question.hint
    if question.required:
        data["required"] = True
    if question.per_outcome:
        data["per_outcome"] = True
    if question.options != SCALES.get(question.type, ()):
        data["options"] = _options_data(question)
    if question.max_length != TEXT_LIMITS.get(question.type):
        data["max_length"] = question.max_length
    tags = question.tags
    named = {"framework": tags.framework, "level": tags.level, "kirkpatrick": tags.kirkpatrick}
    tag_data: dict[str, Any] = {name: value for name, value in named.items() if value}
    if tags.themes:
        tag_data["themes"] = list(tags.themes)
    if tag_data:
        data["tags"] = tag_data
    return data


def _options_data(question: Question) -> list[Any]:
    if question.type == "faces":
        return [option.label for option in question.options]
    return [{"value": option.value, "label": option.label} for option in question.options]


def load_yaml(text: str) -> Definition:
    """Parse YAML text into a checked Definition; bad or oversized YAML is a DefinitionError too."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise DefinitionError(f"not valid YAML: {_yaml_problem(error)}") from error
    except RecursionError:  # PyYAML composes nested lists recursively
        raise DefinitionError("not valid YAML: lists or fields nested too deeply") from None
    _check_size(data)
    return parse_definition(data)


def _yaml_problem(error: yaml.YAMLError) -> str:
    """One line saying what is wrong and where, instead of PyYAML's multi-line report."""
    if isinstance(error, yaml.MarkedYAMLError) and error.problem and error.problem_mark:
        mark = error.problem_mark
        return f"{error.problem} (line {mark.line + 1}, column {mark.column + 1})"
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _check_size(data: Any) -> None:
    """Refuse data that expands past MAX_NODES values, as a few YAML aliases can make it do."""
    stack, seen = [data], 0
    while stack:
        item = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            raise DefinitionError(f"too big: more than {MAX_NODES:,} values once expanded")
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def dump_yaml(definition: Definition) -> str:
    """YAML text, in field order and with unicode kept, that load_yaml reads back unchanged."""
    return yaml.safe_dump(
        definition_to_dict(definition), sort_keys=False, allow_unicode=True, width=100
    )
