"""What the respondent path needs to know of a training phase, in prebuilt Core statements.

Only surveys for training attendees pay for the lookup (``phase_of``); every other survey
meets none of this. A phase's code is kept in the attempt's draft under ``CODE_KEY`` as
the keyed hashes of its parts (never the parts themselves) until the response is stored
with its ``CodeRecord`` in the same statement or transaction (``app.respond.submission``).
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Integer, bindparam, select

from app.models import CodeRecord, Course, CourseSession, SessionPhase
from app.models.training import Phase

CODE_KEY = "_code"
WITH_MANAGER_KEY = "_with_manager"


@dataclass(frozen=True, slots=True)
class PhaseKey:
    """A training survey's phase, its session and its course's sealed code secret."""

    id: int
    phase: str
    opens_on: date
    closes_on: date
    session_id: int
    held_on: date
    course_title: str
    follow_up_weeks: int
    sealed_secret: str

    @property
    def asks_about_manager(self) -> bool:
        return self.phase == Phase.FOLLOW_UP

    @property
    def offers_reminder(self) -> bool:
        return self.phase == Phase.END

    @property
    def follow_up_on(self) -> date:
        """The day the session's follow-up opens."""
        return self.held_on + timedelta(weeks=self.follow_up_weeks)


@dataclass(frozen=True, slots=True)
class CodeRow:
    """The record stored beside a training response: hashes only, and the manager flag."""

    phase_id: int
    parts: tuple[str, ...]
    with_manager: bool | None

    @property
    def code_hash(self) -> str:
        """One hash of the whole code, so the same code twice in a phase is refused."""
        return whole_code_hash(self.parts)

    def values(self, response_id: Any) -> dict[str, Any]:
        return {"phase_id": self.phase_id, "response_id": response_id,
                "parts": list(self.parts), "code_hash": self.code_hash,
                "with_manager": self.with_manager}  # fmt: skip


def whole_code_hash(parts: Sequence[str]) -> str:
    """SHA-256 of the parts' keyed hashes: as keyed as they are, and one value to compare."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


PHASE_LOOKUP = (
    select(
        SessionPhase.id, SessionPhase.phase, SessionPhase.opens_on, SessionPhase.closes_on,
        SessionPhase.session_id, CourseSession.held_on, Course.title.label("course_title"),
        Course.follow_up_weeks, Course.secret.label("sealed_secret"),
    )
    .join(CourseSession, CourseSession.id == SessionPhase.session_id)
    .join(Course, Course.id == CourseSession.course_id)
    .where(SessionPhase.survey_id == bindparam("survey_id", type_=Integer))
)  # fmt: skip
CODE_TAKEN = select(CodeRecord.response_id).where(
    CodeRecord.phase_id == bindparam("phase_id"), CodeRecord.code_hash == bindparam("code_hash")
)


def phase_of(connection: Connection, survey_id: int) -> PhaseKey | None:
    """The phase a survey runs, or None for a survey that is not part of a course."""
    row = connection.execute(PHASE_LOOKUP, {"survey_id": survey_id}).first()
    return None if row is None else PhaseKey(*row)


def code_taken(connection: Connection, phase_id: int, parts: Sequence[str]) -> bool:
    """True when a response in this phase was already stored with exactly this code."""
    found = connection.execute(
        CODE_TAKEN, {"phase_id": phase_id, "code_hash": whole_code_hash(parts)}
    ).first()
    return found is not None


def code_row(phase: PhaseKey | None, answers: dict[str, Any]) -> CodeRow | None:
    """The code the attempt's draft holds for its phase, or None when there is none."""
    parts = answers.get(CODE_KEY)
    if phase is None or not isinstance(parts, list) or not parts:
        return None
    manager = answers.get(WITH_MANAGER_KEY)
    with_manager = None if not phase.asks_about_manager or manager is None else manager == "yes"
    return CodeRow(phase.id, tuple(str(part) for part in parts), with_manager)


class CodeTaken(Exception):
    """The same code was already used in this phase: refused, nothing stored."""

    def __init__(self, phase_id: int) -> None:
        super().__init__("code already used in this phase")
        self.phase_id = phase_id
