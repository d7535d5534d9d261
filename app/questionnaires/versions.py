"""Saving an edit: in place while no survey uses the latest version, else as a new version.

A version that any survey points at is frozen: the survey's respondents, their saved drafts
and its results were built on it. An unused latest version is a working copy, so each edit
replaces it instead of filling the history with one version per button press. Keys never
change, so answers to version 1 and version 2 of a question line up in results.
"""

import hashlib
import json
from collections.abc import Callable, Collection
from dataclasses import replace
from typing import Any

from sqlalchemy import exists, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.audit import record
from app.models import Questionnaire, QuestionnaireVersion, Survey, User
from app.questionnaires.definition import Definition, DefinitionError, parse_definition
from app.questionnaires.editing import EditError
from app.questionnaires.limits import check_limits
from app.questionnaires.yaml_io import definition_to_dict

# A change gets the latest definition and every key earlier versions used, and returns
# the edited definition or raises EditError.
Change = Callable[[Definition, Collection[str]], Definition]

STALE = (
    "Someone changed this questionnaire since you opened the page, or the change was "
    "sent twice. This is how it is now: check it and make your change again."
)


class QuestionnaireError(ValueError):
    """A change that cannot be made; the message is for the manager who asked for it."""

    def __init__(self, message: str, conflict: bool = False) -> None:
        super().__init__(message)
        self.conflict = conflict


def revision_of(version: QuestionnaireVersion) -> str:
    """A short fingerprint of a version's content, sent with every edit to catch stale pages."""
    text = json.dumps(version.definition, sort_keys=True, ensure_ascii=False)
    return f"{version.number}-{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def in_use(session: Session, version: QuestionnaireVersion) -> bool:
    """True when any survey, whatever its state, runs this version."""
    return bool(session.scalar(select(exists().where(Survey.version_id == version.id))))


def checked_data(definition: Definition) -> dict[str, Any]:
    """Plain data for a definition that parses back and keeps within the limits."""
    data = definition_to_dict(definition)
    check_limits(parse_definition(data))
    return data


def save_edit(
    session: Session,
    questionnaire: Questionnaire,
    actor: User,
    revision: str,
    change: Change,
) -> QuestionnaireVersion:
    """Apply the change to the latest version if `revision` is still current, and commit."""
    latest = _locked_latest(session, questionnaire)
    try:
        edited = _edited(questionnaire, latest, revision, change)
    except QuestionnaireError:
        session.rollback()  # releases the lock; nothing was changed
        raise
    if edited is None:
        session.rollback()
        return latest
    version = _write(session, questionnaire, latest, edited)
    questionnaire.title = edited.title
    record(session, actor, "questionnaire.edit", questionnaire.slug, questionnaire.board_id)
    commit_change(session)
    return version


def _edited(
    questionnaire: Questionnaire, latest: QuestionnaireVersion, revision: str, change: Change
) -> Definition | None:
    """The changed definition, or None when the change changes nothing."""
    if revision != revision_of(latest):
        raise QuestionnaireError(STALE, conflict=True)
    try:
        edited = change(parse_definition(latest.definition), _used_keys(questionnaire))
        data = checked_data(edited)
    except EditError as error:
        raise QuestionnaireError(str(error)) from error
    except DefinitionError as error:
        raise QuestionnaireError(f"That change cannot be saved: {error}") from error
    return None if data == latest.definition else edited


def _locked_latest(session: Session, questionnaire: Questionnaire) -> QuestionnaireVersion:
    """The latest version, read after taking the questionnaire's row lock.

    The no-op UPDATE is the lock on both databases: a row lock on PostgreSQL, the write lock
    on SQLite, whose SELECTs would otherwise run outside the transaction.
    """
    session.execute(
        update(Questionnaire)
        .where(Questionnaire.id == questionnaire.id)
        .values(title=Questionnaire.title)
        .execution_options(synchronize_session=False)
    )
    query = (
        select(QuestionnaireVersion)
        .where(QuestionnaireVersion.questionnaire_id == questionnaire.id)
        .order_by(QuestionnaireVersion.number.desc())
        .limit(1)
        .execution_options(populate_existing=True)
    )
    return session.scalars(query).one()


def _used_keys(questionnaire: Questionnaire) -> set[str]:
    return {
        question.key
        for version in questionnaire.versions
        for question in parse_definition(version.definition).questions()
    }


def _write(
    session: Session,
    questionnaire: Questionnaire,
    latest: QuestionnaireVersion,
    edited: Definition,
) -> QuestionnaireVersion:
    if not in_use(session, latest):
        latest.definition = definition_to_dict(
            replace(edited, slug=questionnaire.slug, version=latest.number)
        )
        return latest
    number = latest.number + 1
    version = QuestionnaireVersion(
        questionnaire=questionnaire,
        number=number,
        definition=definition_to_dict(replace(edited, slug=questionnaire.slug, version=number)),
    )
    session.add(version)
    return version


def commit_change(session: Session) -> None:
    """Commit, turning a clash with a concurrent change into a QuestionnaireError."""
    try:
        session.commit()
    except IntegrityError as error:  # another request took the slug or number a moment ago
        session.rollback()
        raise QuestionnaireError(
            "Something changed while you were saving. Try again.", conflict=True
        ) from error
