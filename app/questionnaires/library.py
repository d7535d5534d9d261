"""The built-in questionnaire library: one YAML file per questionnaire in app/library/."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from app.questionnaires.definition import Definition, DefinitionError
from app.questionnaires.yaml_io import load_yaml

LIBRARY_DIR = Path(__file__).resolve().parent.parent / "library"


@cache
def _library() -> dict[str, Definition]:
    """Every library file parsed once; a bad file or a slug unlike its file name is an error."""
    definitions: dict[str, Definition] = {}
    for path in sorted(LIBRARY_DIR.glob("*.yaml")):
        try:
            definition = load_yaml(path.read_text(encoding="utf-8"))
        except DefinitionError as error:
            raise DefinitionError(f"{path.name}: {error}") from error
        if definition.slug != path.stem:
            raise DefinitionError(f'{path.name}: slug "{definition.slug}" must match the file name')
        definitions[definition.slug] = definition
    return definitions


def load_library() -> list[Definition]:
    """All built-in questionnaires, sorted by slug."""
    return [definition for _, definition in sorted(_library().items())]


def library_definition(slug: str) -> Definition:
    """The built-in questionnaire with this slug; KeyError if there is none."""
    return _library()[slug]
