"""An attendee's side of a phase: their code before the questions, and an optional reminder.

The code is hashed part by part under the course's secret as soon as it is given
(``analysis.training.codes.hash_parts``); only the hashes go into the attempt's draft and,
with the response, into its ``CodeRecord``. A reminder address is sealed and stored on its
own, in its own transaction, with the session it is for and the day it is due: no response,
no time, nothing that could join it to answers.
"""

from collections.abc import Mapping
from datetime import date

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from analysis.training.codes import hash_parts
from app.models import Reminder, SessionPhase
from app.models.training import Phase
from app.respond.service import save_draft
from app.respond.visit import Visit
from app.security.personal import Sealer
from app.training.courses import code_secret
from app.training.phases import (
    CODE_KEY,
    WITH_MANAGER_KEY,
    CodeTaken,
    PhaseKey,
    code_taken,
)


def take_code(
    connection: Connection,
    sealer: Sealer,
    visit: Visit,
    values: Mapping[str, str],
    with_manager: str | None,
) -> None:
    """Hash the code and keep the hashes in the attempt's draft; CodeTaken if the same code
    was already stored in this phase."""
    phase = visit.phase
    assert phase is not None  # the view admits only phases
    parts = hash_parts(code_secret(sealer, phase.sealed_secret), values)
    if code_taken(connection, phase.id, parts):
        raise CodeTaken(phase.id)
    given: dict[str, str | list[str]] = {CODE_KEY: list(parts)}
    if phase.asks_about_manager and with_manager in ("yes", "no"):
        given[WITH_MANAGER_KEY] = with_manager
    save_draft(connection, visit.attempt, visit.found, given, visit.draft.reached)


def follow_up_opens(session: Session, phase: PhaseKey) -> date | None:
    """When the follow-up of the phase's session opens; None if the phase is not the end."""
    if phase.phase != Phase.END:
        return None
    query = select(SessionPhase.opens_on).where(
        SessionPhase.session_id == phase.session_id, SessionPhase.phase == Phase.FOLLOW_UP
    )
    return session.scalar(query)


def leave_reminder(session: Session, sealer: Sealer, phase: PhaseKey, email: str) -> date:
    """Keep a sealed address to send the follow-up link to; commits; the day it is due.

    Raises ValueError when the phase offers no reminder.
    """
    due_on = follow_up_opens(session, phase)
    if due_on is None:
        raise ValueError("only the end of a course offers a follow-up reminder")
    session.add(Reminder(session_id=phase.session_id, email=sealer.seal(email), due_on=due_on))
    session.commit()
    return due_on
