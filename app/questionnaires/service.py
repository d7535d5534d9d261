"""A board's questionnaires: the library it sees, and copying, starting, exporting, importing.

Readers leave the session alone; every other function is one use case and commits once.
Editing lives in versions.py.
"""

from dataclasses import dataclass, replace

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.audit import record
from app.models import Board, Questionnaire, QuestionnaireVersion, User
from app.questionnaires.definition import Definition, DefinitionError, parse_definition
from app.questionnaires.editing import EditError, slug_for, starter
from app.questionnaires.limits import MAX_IMPORT_BYTES, SLUG_LENGTH, check_limits
from app.questionnaires.versions import QuestionnaireError, checked_data, commit_change
from app.questionnaires.yaml_io import dump_yaml, load_yaml


@dataclass(frozen=True)
class LibraryLine:
    """A questionnaire as the library page lists it, with its latest definition."""

    questionnaire: Questionnaire
    definition: Definition

    @property
    def questions(self) -> int:
        return sum(len(section.questions) for section in self.definition.sections)


@dataclass(frozen=True)
class NewQuestionnaire:
    title: str
    summary: str
    audience: str
    age_range: str | None
    phase: str | None


def latest_definition(questionnaire: Questionnaire) -> Definition:
    return parse_definition(questionnaire.latest.definition)


def library(session: Session, board: Board) -> tuple[list[LibraryLine], list[LibraryLine]]:
    """(the shared library, the board's own), each sorted by title; never another board's."""
    found = session.scalars(
        select(Questionnaire)
        .where(or_(Questionnaire.board_id.is_(None), Questionnaire.board_id == board.id))
        .order_by(Questionnaire.title, Questionnaire.id)
    ).all()
    lines = [LibraryLine(q, latest_definition(q)) for q in found if q.versions]
    return (
        [line for line in lines if line.questionnaire.board_id is None],
        [line for line in lines if line.questionnaire.board_id is not None],
    )


def visible(session: Session, board: Board, questionnaire_id: int) -> Questionnaire | None:
    """A shared questionnaire or one of the board's own; None for another board's."""
    return session.scalar(
        select(Questionnaire).where(
            Questionnaire.id == questionnaire_id,
            or_(Questionnaire.board_id.is_(None), Questionnaire.board_id == board.id),
        )
    )


def own(session: Session, board: Board, questionnaire_id: int) -> Questionnaire | None:
    """One of the board's own questionnaires, the only kind it may edit."""
    return session.scalar(
        select(Questionnaire).where(
            Questionnaire.id == questionnaire_id, Questionnaire.board_id == board.id
        )
    )


def clone(session: Session, board: Board, actor: User, source: Questionnaire) -> Questionnaire:
    """A copy of the source's latest version as the board's own version 1; keys unchanged."""
    questionnaire = _add_own(session, board, latest_definition(source))
    record(session, actor, "questionnaire.clone", f"{source.slug} to {questionnaire.slug}",
           board.id)  # fmt: skip
    commit_change(session)
    return questionnaire


def start(session: Session, board: Board, actor: User, new: NewQuestionnaire) -> Questionnaire:
    """A new questionnaire of the board's own, with one page and one question to edit."""
    try:
        definition = starter(slug_for(new.title), new.title, new.summary, new.audience,
                             new.age_range, new.phase)  # fmt: skip
        checked_data(definition)
    except (EditError, DefinitionError) as error:
        raise QuestionnaireError(f"The questionnaire cannot be started: {error}") from error
    questionnaire = _add_own(session, board, definition)
    record(session, actor, "questionnaire.create", questionnaire.slug, board.id)
    commit_change(session)
    return questionnaire


def export(
    session: Session, board: Board, actor: User, questionnaire: Questionnaire
) -> tuple[str, str]:
    """(file name, YAML text) of the latest version; the download is audited."""
    version = questionnaire.latest
    text = dump_yaml(parse_definition(version.definition))
    record(session, actor, "questionnaire.export", questionnaire.slug, board.id)
    session.commit()
    return f"{questionnaire.slug}-v{version.number}.yaml", text


def import_file(session: Session, board: Board, actor: User, raw: bytes) -> Questionnaire:
    """The board's own copy of an exported questionnaire, or QuestionnaireError and nothing."""
    definition = read_upload(raw)
    questionnaire = _add_own(session, board, definition)
    record(session, actor, "questionnaire.import", questionnaire.slug, board.id)
    commit_change(session)
    return questionnaire


def read_upload(raw: bytes) -> Definition:
    """The checked definition in an uploaded file; the error message names the problem."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise QuestionnaireError("The file is larger than 200 KB, so it cannot be a questionnaire")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise QuestionnaireError(
            "The file is not UTF-8 text. Choose the .yaml file exported from Chorus."
        ) from error
    try:
        definition = load_yaml(text)
        check_limits(definition)
    except DefinitionError as error:
        raise QuestionnaireError(f"Nothing was imported: {error}") from error
    return definition


def _add_own(session: Session, board: Board, definition: Definition) -> Questionnaire:
    """Store the definition as version 1 of a new questionnaire of the board's own."""
    slug = _unique_slug(session, board, definition.slug)
    definition = replace(definition, slug=slug, version=1)
    try:
        data = checked_data(definition)
    except DefinitionError as error:
        raise QuestionnaireError(f"The questionnaire cannot be copied: {error}") from error
    questionnaire = Questionnaire(
        slug=slug, board_id=board.id, title=definition.title, audience=definition.audience
    )
    questionnaire.versions.append(QuestionnaireVersion(number=1, definition=data))
    session.add(questionnaire)
    return questionnaire


def _unique_slug(session: Session, board: Board, wanted: str) -> str:
    """The slug, or it with -2, -3... added, that none of the board's questionnaires has."""
    base = wanted[:SLUG_LENGTH].rstrip("-")
    taken = set(
        session.scalars(select(Questionnaire.slug).where(Questionnaire.board_id == board.id))
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
