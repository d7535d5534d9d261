"""The board's own lists surveys are grouped by, and its settings for results.

Sections start as the regional framework's (A to E); a board can edit them, add its
priorities and name the schools and places to take out of quotes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from analysis.suppression import Thresholds
from analysis.text.codebook import format_codebook, parse_codebook
from app.audit import record
from app.models import Board, User
from app.results.service import codebook_of

STARTING_SECTIONS = (
    ("A", "Building blocks"),
    ("B", "Quantitative information"),
    ("C", "Qualitative audits"),
    ("D", "Involvement of children and young people"),
    ("E", "Involving front line staff"),
)
MAX_CODE = 40
DEFAULT_RETENTION = 24  # months, as the board's columns default
MIN_RETENTION, MAX_RETENTION = 1, 120


class ListError(ValueError):
    """A setting that cannot be saved; the message says which line and why."""


def sections_of(board: Board) -> list[tuple[str, str]]:
    """(code, name) of the board's framework sections."""
    if board.qa_sections is None:
        return list(STARTING_SECTIONS)
    return [(s["code"], s["name"]) for s in board.qa_sections]


def section_choices(board: Board) -> list[tuple[str, str]]:
    return [("", "Not given")] + [(c, f"Section {c}: {n}") for c, n in sections_of(board)]


def priority_choices(board: Board) -> list[tuple[str, str]]:
    return [("", "Not given")] + [(p, p) for p in board.priorities]


def parse_sections(text: str) -> list[dict[str, str]]:
    """Lines of "D: Involvement of children and young people" as the board's sections."""
    found: list[dict[str, str]] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        code, colon, name = line.partition(":")
        if not colon or not code.strip() or not name.strip() or len(code.strip()) > MAX_CODE:
            raise ListError(
                f"Line {n}: write a short code, a colon and the name, like 'D: Children'"
            )
        if code.strip() in {s["code"] for s in found}:
            raise ListError(f"Line {n}: section {code.strip()} is listed twice")
        found.append({"code": code.strip(), "name": " ".join(name.split())})
    if not found:
        raise ListError("List at least one section")
    return found


def lines(text: str) -> list[str]:
    """Non-empty lines, spaces tidied, each once, in the order given."""
    seen: dict[str, str] = {}
    for line in text.splitlines():
        tidy = " ".join(line.split())
        if tidy:
            seen.setdefault(tidy.lower(), tidy)
    return list(seen.values())


@dataclass(frozen=True)
class Settings:
    sections: str
    priorities: str
    places: str
    count_threshold: int
    group_threshold: int
    shares_with_region: bool
    reply_to: str = ""
    text_retention_months: int = DEFAULT_RETENTION
    response_retention_months: int = DEFAULT_RETENTION


def settings_of(board: Board) -> Settings:
    return Settings(
        sections="\n".join(f"{c}: {n}" for c, n in sections_of(board)),
        priorities="\n".join(board.priorities), places="\n".join(board.place_names),
        count_threshold=board.count_threshold, group_threshold=board.group_threshold,
        shares_with_region=board.shares_with_region, reply_to=board.reply_to,
        text_retention_months=board.text_retention_months,
        response_retention_months=board.response_retention_months,
    )  # fmt: skip


def save_settings(session: Session, board: Board, user: User, settings: Settings) -> None:
    """Save the board's lists and thresholds; ListError if any is not allowed. Commits."""
    try:
        Thresholds(settings.count_threshold, settings.group_threshold)
    except ValueError as error:
        raise ListError(f"Small-number thresholds: {error}") from error
    board.qa_sections = parse_sections(settings.sections)
    board.priorities = lines(settings.priorities)
    board.place_names = lines(settings.places)
    board.count_threshold, board.group_threshold = (
        settings.count_threshold,
        settings.group_threshold,
    )
    board.shares_with_region = settings.shares_with_region
    board.reply_to = settings.reply_to.strip()
    _set_retention(session, board, user, settings)
    record(session, user, "results-settings-changed", board.slug, board.id)
    session.commit()


def _set_retention(session: Session, board: Board, user: User, settings: Settings) -> None:
    """The board's retention in months; ListError outside 1 to 120; audited when changed."""
    wanted = (settings.text_retention_months, settings.response_retention_months)
    if not all(MIN_RETENTION <= months <= MAX_RETENTION for months in wanted):
        raise ListError(f"Keep answers for {MIN_RETENTION} to {MAX_RETENTION} months")
    if wanted != (board.text_retention_months, board.response_retention_months):
        board.text_retention_months, board.response_retention_months = wanted
        record(session, user, "retention-changed",
               f"{board.slug}: text {wanted[0]} months, responses {wanted[1]} months",
               board.id)  # fmt: skip


def codebook_text(board: Board) -> str:
    return format_codebook(codebook_of(board))


def save_codebook(session: Session, board: Board, user: User, text: str) -> None:
    """Replace the board's codebook with the parsed text; ListError naming each problem."""
    codebook, problems = parse_codebook(text)
    if problems:
        raise ListError("; ".join(problems))
    if not codebook:
        raise ListError("Give at least one theme, like 'Bullying: bullied, picked on'")
    board.codebook = {theme: list(phrases) for theme, phrases in codebook.items()}
    record(session, user, "codebook-changed", board.slug, board.id)
    session.commit()
