"""Keeping questionnaire definitions in the database; the caller owns the commit."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Questionnaire, QuestionnaireVersion
from app.questionnaires.definition import Definition
from app.questionnaires.library import load_library
from app.questionnaires.yaml_io import definition_to_dict


def save_version(
    session: Session, definition: Definition, board_id: int | None
) -> QuestionnaireVersion:
    """The stored version matching this definition, adding a new version if it changed."""
    same_owner = (
        Questionnaire.board_id.is_(None) if board_id is None else Questionnaire.board_id == board_id
    )
    questionnaire = session.scalar(
        select(Questionnaire).where(Questionnaire.slug == definition.slug, same_owner)
    )
    data = definition_to_dict(definition)
    if questionnaire is None:
        questionnaire = Questionnaire(
            slug=definition.slug,
            board_id=board_id,
            title=definition.title,
            audience=definition.audience,
        )
        session.add(questionnaire)
    elif questionnaire.versions and questionnaire.latest.definition == data:
        return questionnaire.latest
    version = QuestionnaireVersion(number=len(questionnaire.versions) + 1, definition=data)
    questionnaire.versions.append(version)
    questionnaire.title = definition.title
    return version


def sync_library(session: Session) -> dict[str, QuestionnaireVersion]:
    """Load the built-in questionnaires into the shared library; unchanged ones stay as they are."""
    return {d.slug: save_version(session, d, None) for d in load_library()}
