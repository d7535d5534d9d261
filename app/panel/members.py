"""Panel membership: each public function is one use case and commits once.

Nothing here reads the request; routes and the command line pass in the board, what was
typed and the links (``app.panel.tokens``). Joining ends the same way for every caller,
whether the address was new, waiting for confirmation or already a member, so the join
page cannot tell anyone who is on a panel. Addresses are sealed and found by keyed hash.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import IO

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from analysis.suppression import Thresholds
from app.audit import record
from app.mail import Mail, queue
from app.models import AGENCIES, LEVELS, Board, PanelMember, User
from app.panel.counts import PanelCounts, panel_counts
from app.panel.imports import ImportProblem, Row, read_rows
from app.panel.messages import already_mail, confirm_mail
from app.panel.tokens import CONFIRM_DAYS, BadLink, Claim, PanelLinks
from app.security.personal import Sealer, SealError, normalised

UNREADABLE = "(cannot be opened with the current keys)"


class PanelProblem(Exception):
    """A link that cannot be used: ``reason`` is 'invalid', 'expired' or 'gone'."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Joining:
    """What a practitioner gives to join: a checked address and agency and level codes."""

    email: str
    agency: str
    level: str


@dataclass(frozen=True)
class MemberLine:
    id: int
    email: str
    agency: str
    level: str
    confirmed: bool
    joined_on: date


@dataclass(frozen=True)
class Imported:
    added: int
    already: int
    repeated: int


def open_board(session: Session, slug: str) -> Board | None:
    """The board if its panel takes new members from the join page."""
    return session.scalar(select(Board).where(Board.slug == slug, Board.panel_open.is_(True)))


def find(session: Session, sealer: Sealer, board: Board, email: str) -> PanelMember | None:
    """The board's member with this address, under any listed data key."""
    hashes = sealer.lookups(email)
    query = select(PanelMember).where(PanelMember.board_id == board.id)
    return session.scalar(query.where(PanelMember.email_hash.in_(hashes)))


def _member(sealer: Sealer, board: Board, joining: Joining, today: date) -> PanelMember:
    member = PanelMember(board_id=board.id, confirmed=False)
    _fill(member, sealer, joining, today)
    return member


def _fill(member: PanelMember, sealer: Sealer, joining: Joining, today: date) -> None:
    member.email, member.email_hash = sealer.seal(joining.email), sealer.lookup(joining.email)
    member.agency, member.level, member.joined_on = joining.agency, joining.level, today


def join(session: Session, links: PanelLinks, board: Board, joining: Joining, today: date) -> None:
    """Add or refresh an unconfirmed member and send the confirmation link; a confirmed
    member only gets a note. The caller shows the same page either way."""
    try:
        queue(session, links.sealer, _joined(session, links, board, joining, today))
        session.commit()
    except IntegrityError:
        # The same address joined at the same moment; that request sent its own email.
        session.rollback()


def _joined(
    session: Session, links: PanelLinks, board: Board, joining: Joining, today: date
) -> Mail:
    member = find(session, links.sealer, board, joining.email)
    if member is not None and member.confirmed:
        return already_mail(board, joining.email, links.leave_url(member))
    if member is None:
        member = _member(links.sealer, board, joining, today)
        session.add(member)
    else:
        _fill(member, links.sealer, joining, today)
    session.flush()
    return confirm_mail(board, joining.email, links.confirm_url(member), links.leave_url(member))


def _claimed(session: Session, links: PanelLinks, claim: Claim) -> PanelMember:
    member = session.get(PanelMember, claim.member_id)
    if member is None or claim.board_id not in (None, member.board_id):
        raise PanelProblem("gone")
    if not links.matches(member, claim.fingerprint):
        raise PanelProblem("gone")
    return member


def _named(session: Session, links: PanelLinks, token: str, purpose: str) -> PanelMember:
    read = links.read_confirm if purpose == "confirm" else links.read_leave
    try:
        return _claimed(session, links, read(token))
    except BadLink as error:
        raise PanelProblem(error.reason) from error


def confirming(session: Session, links: PanelLinks, token: str) -> Board:
    """The board a confirm link is for, changing nothing (mail scanners follow links)."""
    return session.get_one(Board, _named(session, links, token, "confirm").board_id)


def confirm(session: Session, links: PanelLinks, token: str) -> Board:
    """Mark the member confirmed (idempotent) and return their board."""
    member = _named(session, links, token, "confirm")
    member.confirmed = True
    session.commit()
    return session.get_one(Board, member.board_id)


def leaving(session: Session, links: PanelLinks, token: str) -> Board:
    """The board a leave link is for, changing nothing."""
    return session.get_one(Board, _named(session, links, token, "leave").board_id)


def leave(session: Session, links: PanelLinks, token: str) -> Board:
    """Delete the member; a second use finds nobody and says so."""
    member = _named(session, links, token, "leave")
    board = session.get_one(Board, member.board_id)
    deleted = session.execute(delete(PanelMember).where(PanelMember.id == member.id))
    if not deleted.rowcount:  # type: ignore[attr-defined]
        session.rollback()
        raise PanelProblem("gone")
    session.commit()
    return board


def member_of(session: Session, board: Board, member_id: int) -> PanelMember | None:
    member = session.get(PanelMember, member_id)
    return member if member is not None and member.board_id == board.id else None


def remove(session: Session, board: Board, actor: User, member: PanelMember) -> None:
    """A manager takes a member off the panel; the audit log names the row, not the address."""
    session.execute(delete(PanelMember).where(PanelMember.id == member.id))
    record(session, actor, "panel.member-removed", f"member {member.id}", board.id)
    session.commit()


def set_open(session: Session, board: Board, actor: User, is_open: bool) -> None:
    """Open or close the join page."""
    board.panel_open = is_open
    record(session, actor, "panel.opened" if is_open else "panel.closed", board.slug, board.id)
    session.commit()


def add(session: Session, sealer: Sealer, board: Board, joining: Joining, today: date) -> bool:
    """Add a confirmed member (an administrator's import); False if already confirmed."""
    existing = find(session, sealer, board, joining.email)
    added = _confirmed(session, sealer, board, existing, joining, today)
    if added:
        record(session, None, "panel.member-added", "command line", board.id)
        session.commit()
    return added


def import_csv(
    session: Session, sealer: Sealer, board: Board, actor: User | None, raw: IO[bytes], today: date
) -> Imported:
    """Add every member of a CSV file as confirmed, or nothing: ImportProblem lists why.

    Repeats within the file and addresses already on the panel are skipped and counted;
    an address waiting for confirmation is confirmed.
    """
    rows = read_rows(raw)
    first: dict[str, Row] = {}
    for row in rows:
        first.setdefault(normalised(row.email), row)
    query = select(PanelMember).where(PanelMember.board_id == board.id)
    known = {member.email_hash: member for member in session.scalars(query)}
    added = sum(
        _confirmed(session, sealer, board, _known(known, sealer, row.email),
                   Joining(row.email, row.agency, row.level), today)
        for row in first.values()
    )  # fmt: skip
    record(session, actor, "panel.imported", f"{added} added", board.id)
    _commit_import(session)
    return Imported(added, len(first) - added, len(rows) - len(first))


def _known(known: dict[str, PanelMember], sealer: Sealer, email: str) -> PanelMember | None:
    return next((known[h] for h in sealer.lookups(email) if h in known), None)


def _confirmed(
    session: Session, sealer: Sealer, board: Board, existing: PanelMember | None,
    joining: Joining, today: date,
) -> bool:  # fmt: skip
    """Add the member, or confirm them if waiting; False if already a member."""
    if existing is not None and existing.confirmed:
        return False
    if existing is None:
        existing = _member(sealer, board, joining, today)
        session.add(existing)
    existing.confirmed = True
    return True


def _commit_import(session: Session) -> None:
    try:
        session.commit()
    except IntegrityError as error:
        session.rollback()
        raise ImportProblem(
            ["Someone joined the panel while the file was being imported. Import it again."]
        ) from error


def members(session: Session, sealer: Sealer, board: Board) -> list[MemberLine]:
    """Every member with their address opened, for the board's managers only."""
    found = session.scalars(select(PanelMember).where(PanelMember.board_id == board.id))
    lines = [MemberLine(m.id, _opened(sealer, m.email), AGENCIES[m.agency], LEVELS[m.level],
                        m.confirmed, m.joined_on) for m in found]  # fmt: skip
    return sorted(lines, key=lambda line: line.email.casefold())


def _opened(sealer: Sealer, sealed: str) -> str:
    try:
        return sealer.unseal(sealed)
    except SealError:
        return UNREADABLE


def counts(session: Session, board: Board) -> PanelCounts:
    """Confirmed members by agency and by level, suppressed as every result is."""
    query = select(PanelMember.agency, PanelMember.level, func.count()).where(
        PanelMember.board_id == board.id, PanelMember.confirmed.is_(True)
    ).group_by(PanelMember.agency, PanelMember.level)  # fmt: skip
    by_agency: dict[str, int] = {}
    by_level: dict[str, int] = {}
    for agency, level, number in session.execute(query):
        by_agency[agency] = by_agency.get(agency, 0) + number
        by_level[level] = by_level.get(level, 0) + number
    rule = Thresholds(board.count_threshold, board.group_threshold)
    return panel_counts(by_agency, by_level, rule)


def purge_unconfirmed(session: Session, today: date, dry_run: bool = False) -> int:
    """Delete requests to join that were not confirmed within 7 days (run daily); how many.

    With ``dry_run``, only counts them.
    """
    cutoff = today - timedelta(days=CONFIRM_DAYS)
    doomed = (PanelMember.confirmed.is_(False), PanelMember.joined_on < cutoff)
    if dry_run:
        return session.scalar(select(func.count()).select_from(PanelMember).where(*doomed)) or 0
    result = session.execute(delete(PanelMember).where(*doomed))
    session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
