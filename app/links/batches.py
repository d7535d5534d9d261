"""Handing out links: making, listing, exporting and withdrawing batches; the open link.

Each function that changes something is a whole use case: it checks, records an audit
event and commits once. Counts are per batch only, never which link gave which answers.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.audit import record
from app.links.service import (
    MAX_BATCH,
    add_batch,
    batch_counts,
    existing_open_link_token,
    open_link_token,
)
from app.models import LinkBatch, Survey, SurveyStatus, User

TOO_MANY = f"At most {MAX_BATCH:,} links in one batch"
TOO_FEW = "Make at least 1 link"


class BatchError(ValueError):
    """The batch cannot be made as asked; the message says why."""


@dataclass(frozen=True)
class BatchLine:
    batch: LinkBatch
    issued: int
    used: int

    @property
    def unused(self) -> int:
        return self.issued - self.used


def check_count(count: int) -> None:
    """Refuse a batch size outside 1..MAX_BATCH before any work is done."""
    if count > MAX_BATCH:
        raise BatchError(TOO_MANY)
    if count < 1:
        raise BatchError(TOO_FEW)


def create_batch(
    session: Session, keys: Sequence[str], survey: Survey, actor: User, count: int, label: str
) -> tuple[LinkBatch, list[str]]:
    """Make a batch of single-use links and commit; the tokens are returned only this once."""
    check_count(count)
    if survey.status == SurveyStatus.CLOSED:
        raise BatchError("This survey is closed. Reopen it before making links.")
    batch, tokens = add_batch(session, keys, survey, count, label)
    session.flush()  # gives the batch its id for the audit log
    record(session, actor, "links.batch_created", _target(batch, count), survey.board_id)
    session.commit()
    return batch, tokens


def batch_lines(session: Session, survey: Survey) -> list[BatchLine]:
    """The survey's batches, newest first, with issued and used counts."""
    batches = session.scalars(
        select(LinkBatch).where(LinkBatch.survey_id == survey.id).order_by(LinkBatch.id.desc())
    ).all()
    return [batch_line(session, batch) for batch in batches]


def batch_line(session: Session, batch: LinkBatch) -> BatchLine:
    return BatchLine(batch, *batch_counts(session, batch.id))


def find_batch(session: Session, survey: Survey, batch_id: int) -> LinkBatch | None:
    """A batch of this survey; None for any other survey's batch."""
    return session.scalar(
        select(LinkBatch).where(LinkBatch.id == batch_id, LinkBatch.survey_id == survey.id)
    )


def revoke_batch(session: Session, batch: LinkBatch, actor: User) -> None:
    """Withdraw every unused link of the batch and commit; doing it twice changes nothing."""
    if batch.revoked:
        return
    batch.revoked = True
    record(session, actor, "links.batch_revoked", _target(batch), batch.survey.board_id)
    session.commit()


def record_export(session: Session, batch: LinkBatch, actor: User) -> None:
    """Note in the audit log that a batch's links were downloaded, and commit."""
    record(session, actor, "links.batch_exported", _target(batch), batch.survey.board_id)
    session.commit()


def make_open_link(session: Session, keys: Sequence[str], survey: Survey, actor: User) -> None:
    """Create the survey's reusable link if it has none yet, and commit."""
    if existing_open_link_token(session, keys, survey) is not None:
        return
    open_link_token(session, keys, survey)
    record(session, actor, "links.open_link_created", survey.slug, survey.board_id)
    try:
        session.commit()
    except IntegrityError:  # a second click made it a moment earlier: that one stands
        session.rollback()


def _target(batch: LinkBatch, count: int | None = None) -> str:
    size = f": {count} links" if count is not None else ""
    return f"{batch.survey.slug} batch {batch.id}{size}"
