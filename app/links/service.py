"""Issuing links and finding what a presented token admits."""

import base64
import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Flask
from sqlalchemy import Connection, Row, Select, String, and_, bindparam, func, or_, select
from sqlalchemy.orm import Session

from app.links.tokens import BadToken, LinkKind, LinkToken, make_token, new_nonce, read_token
from app.models import Board, Invitation, LinkBatch, OpenLink, Survey
from app.models.surveys import survey_state

MAX_BATCH = 2000


class LinkProblem(Exception):
    """The link cannot admit a respondent now; ``reason`` names the page to show."""

    def __init__(self, reason: str, survey: "PublicSurvey | None" = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.survey = survey


@dataclass(frozen=True, slots=True)
class PublicBoard:
    name: str
    help_contact: str
    slug: str  # for the link to the privacy notice with the board's own retention
    id: int = 0
    # Part of every cache key of a respondent page that shows the board's actions.
    actions_version: int = 0
    # The board's own safeguarding phrases, read with the link so a submission needs no query.
    lexicon: str = ""


@dataclass(frozen=True, slots=True)
class PublicSurvey:
    """What a respondent's pages need of a survey and its board, read in one query."""

    id: int
    title: str
    audience: str
    status: str
    opens_on: date
    closes_on: date
    cap: int | None
    distribution: str
    version_id: int
    outcomes: tuple[str, ...]
    board: PublicBoard

    def state_on(self, today: date) -> str:
        return survey_state(self.status, self.opens_on, self.closes_on, today)


@dataclass(frozen=True, slots=True)
class Admission:
    """What a valid token admits: a survey, through one invitation or open link.

    ``spent`` is true for a used invitation or an open link at its cap, as read; the
    conditional update at submission is what really guards it.
    """

    token: LinkToken
    survey: PublicSurvey
    link_id: int
    spent: bool


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


def admit(connection: Connection, keys: Sequence[str], raw: str) -> Admission:
    """Check a presented token and its link; raise LinkProblem naming what is wrong."""
    token = read_link(keys, raw)
    row = connection.execute(LINK_LOOKUP[token.kind], {"nonce_hash": token.nonce_hash}).first()
    return admission_of(token, row)


def read_link(keys: Sequence[str], raw: str) -> LinkToken:
    try:
        return read_token(keys, raw)
    except BadToken as error:
        raise LinkProblem("invalid") from error


def admission_of(token: LinkToken, row: Row[Any] | None) -> Admission:
    """The admission a row of a LINK_LOOKUP query (or one extending it) describes."""
    if row is None:
        raise LinkProblem("unknown")
    survey = PublicSurvey(
        row.survey_id, row.title, row.audience, row.status, row.opens_on, row.closes_on,
        row.survey_cap, row.distribution, row.version_id, tuple(row.outcomes or ()),
        PublicBoard(row.board_name, row.help_contact, row.board_slug, row.board_id,
                    row.actions_version, row.lexicon),
    )  # fmt: skip
    if row.revoked:
        raise LinkProblem("revoked", survey)
    return Admission(token, survey, row.link_id, bool(row.spent))


def _link_lookups() -> dict[LinkKind, Select[Any]]:
    """One statement per kind of link: the link, its survey and board in one round trip.

    Built once: respondent requests run these constantly, and a prebuilt statement skips
    SQLAlchemy's construction work as well as its compilation (which it caches anyway).
    """
    survey, board = Survey.__table__, Board.__table__
    invitation, batch, open_link = Invitation.__table__, LinkBatch.__table__, OpenLink.__table__
    common = (
        survey.c.id.label("survey_id"), survey.c.title, survey.c.audience, survey.c.status,
        survey.c.opens_on, survey.c.closes_on, survey.c.cap.label("survey_cap"),
        survey.c.distribution, survey.c.version_id, survey.c.outcomes,
        board.c.name.label("board_name"), board.c.help_contact, board.c.slug.label("board_slug"),
        survey.c.board_id, board.c.actions_version, board.c.lexicon,
    )  # fmt: skip
    nonce_hash = bindparam("nonce_hash", type_=String)
    by_invitation = (
        select(
            invitation.c.id.label("link_id"),
            or_(invitation.c.revoked, batch.c.revoked).label("revoked"),
            invitation.c.used.label("spent"),
            *common,
        )
        .join(batch, batch.c.id == invitation.c.batch_id)
        .join(survey, survey.c.id == invitation.c.survey_id)
        .join(board, board.c.id == survey.c.board_id)
        .where(invitation.c.nonce_hash == nonce_hash)
    )
    by_open_link = (
        select(
            open_link.c.id.label("link_id"),
            open_link.c.revoked,
            and_(open_link.c.cap.is_not(None), open_link.c.uses >= open_link.c.cap).label("spent"),
            *common,
        )
        .join(survey, survey.c.id == open_link.c.survey_id)
        .join(board, board.c.id == survey.c.board_id)
        .where(open_link.c.nonce_hash == nonce_hash)
    )
    return {"invitation": by_invitation, "open": by_open_link}


LINK_LOOKUP = _link_lookups()


def batch_counts(session: Session, batch_id: int) -> tuple[int, int]:
    """Issued and used counts of one batch (never which link gave which answers)."""
    issued, used = session.execute(
        select(func.count(), func.count().filter(Invitation.used)).where(
            Invitation.batch_id == batch_id
        )
    ).one()
    return int(issued), int(used)
