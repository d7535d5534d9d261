"""Issuing links and finding what a presented token admits."""

import base64
import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass

from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from app.links.tokens import BadToken, LinkToken, make_token, new_nonce, read_token
from app.models import Invitation, LinkBatch, OpenLink, Survey

MAX_BATCH = 2000


class LinkProblem(Exception):
    """The link cannot admit a respondent now; ``reason`` names the page to show."""

    def __init__(self, reason: str, survey: Survey | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.survey = survey


@dataclass(frozen=True)
class Admission:
    """What a valid token admits: a survey, through one invitation or open link."""

    token: LinkToken
    survey: Survey
    link_id: int


def signing_keys(app: Flask) -> list[str]:
    """Every accepted key, the signing key last."""
    return [*app.config.get("SECRET_KEY_FALLBACKS", []), app.config["SECRET_KEY"]]


def link_url(base_url: str, token: str) -> str:
    return f"{base_url}/r/{token}"


def issue_invitations(
    session: Session, keys: Sequence[str], survey: Survey, count: int, label: str = ""
) -> list[str]:
    """Create a batch of single-use invitations and return their tokens (shown once)."""
    return add_batch(session, keys, survey, count, label)[1]


def add_batch(
    session: Session, keys: Sequence[str], survey: Survey, count: int, label: str = ""
) -> tuple[LinkBatch, list[str]]:
    """Add a batch and its invitations, keeping only nonce hashes; the tokens are returned once."""
    if not 1 <= count <= MAX_BATCH:
        raise ValueError(f"A batch holds 1 to {MAX_BATCH} links.")
    batch = LinkBatch(survey=survey, size=count, label=label)
    session.add(batch)
    tokens = []
    for _ in range(count):
        nonce = new_nonce()
        nonce_hash = LinkToken("invitation", nonce).nonce_hash
        session.add(Invitation(survey=survey, batch=batch, nonce_hash=nonce_hash))
        tokens.append(make_token(keys, "invitation", nonce))
    return batch, tokens


def open_link_token(session: Session, keys: Sequence[str], survey: Survey) -> str:
    """The survey's open link, creating it on first use.

    The nonce is derived from the survey so the same URL can be printed again later;
    only its hash is stored.
    """
    nonce = _open_nonce(keys[-1], survey.id)
    if existing_open_link_token(session, keys, survey) is None:
        session.add(OpenLink(survey=survey, nonce_hash=LinkToken("open", nonce).nonce_hash))
    return make_token(keys, "open", nonce)


def existing_open_link_token(session: Session, keys: Sequence[str], survey: Survey) -> str | None:
    """The survey's open link if it has been made, without making it."""
    nonce = _open_nonce(keys[-1], survey.id)
    nonce_hash = LinkToken("open", nonce).nonce_hash
    found = session.scalar(select(OpenLink.id).where(OpenLink.nonce_hash == nonce_hash))
    return None if found is None else make_token(keys, "open", nonce)


def _open_nonce(key: str, survey_id: int) -> str:
    digest = hmac.new(key.encode(), f"open-link:{survey_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:16]).rstrip(b"=").decode()


def admit(session: Session, keys: Sequence[str], raw: str) -> Admission:
    """Check a presented token and its link; raise LinkProblem naming what is wrong."""
    try:
        token = read_token(keys, raw)
    except BadToken as error:
        raise LinkProblem("invalid") from error
    link: Invitation | OpenLink | None
    # One round trip for the link, its survey, the board and (for invitations) the batch:
    # this runs on every respondent request.
    if token.kind == "invitation":
        link = session.scalar(
            select(Invitation)
            .where(Invitation.nonce_hash == token.nonce_hash)
            .options(
                joinedload(Invitation.survey).joinedload(Survey.board),
                joinedload(Invitation.batch),
            )
        )
    else:
        link = session.scalar(
            select(OpenLink)
            .where(OpenLink.nonce_hash == token.nonce_hash)
            .options(joinedload(OpenLink.survey).joinedload(Survey.board))
        )
    if link is None:
        raise LinkProblem("unknown")
    survey = link.survey
    if link.revoked or (isinstance(link, Invitation) and link.batch.revoked):
        raise LinkProblem("revoked", survey)
    return Admission(token, survey, link.id)


def batch_counts(session: Session, batch_id: int) -> tuple[int, int]:
    """Issued and used counts of one batch (never which link gave which answers)."""
    issued, used = session.execute(
        select(func.count(), func.count().filter(Invitation.used)).where(
            Invitation.batch_id == batch_id
        )
    ).one()
    return int(issued), int(used)
