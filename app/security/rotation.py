"""Re-sealing personal data under the newest key, after ``CHORUS_DATA_KEYS`` gained one.

Everything sealed is opened with whichever key fits and sealed again with the first; keyed
hashes are worked out again under it. Once this has run, the old keys can be dropped.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import ContactRequest, Course, OutboxMessage, PanelMember, Reminder
from app.security.personal import Sealer

# Every model that holds sealed values, with those columns; a feature that seals adds a line.
SEALED: tuple[tuple[type[Any], tuple[str, ...]], ...] = (
    (PanelMember, ("email",)),
    (OutboxMessage, ("recipient", "reply_to", "unsubscribe")),
    (Course, ("secret",)),
    (Reminder, ("email",)),
    (ContactRequest, ("story", "reach_at", "safe_time")),
)


def rotate(session: Session, sealer: Sealer) -> int:
    """Re-seal every sealed value in ``SEALED`` and re-hash panel emails; commits once; how
    many rows held something sealed."""
    rows = 0
    for model, columns in SEALED:
        for row in session.scalars(select(model)):
            sealed = {column: getattr(row, column) for column in columns}
            for column, value in sealed.items():
                if value:  # sent mail keeps no address
                    setattr(row, column, sealer.reseal(value))
            if isinstance(row, PanelMember):
                row.email_hash = sealer.lookup(sealer.unseal(row.email))
            rows += any(sealed.values())
    session.commit()
    return rows
