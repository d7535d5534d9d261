"""What `flask purge` removes, in order: one line a kind (see ``app.retention.purge``)."""

from app.panel.members import purge_unconfirmed
from app.panel.sending import close_due
from app.respond.retention import purge_drafts
from app.retention.answers import purge_responses, purge_text
from app.retention.purge import Step
from app.safeguarding.retention import purge_contact_requests

STEPS: tuple[tuple[str, Step], ...] = (
    ("responses", purge_responses),
    ("free-text answers", purge_text),
    ("drafts", purge_drafts),
    ("panel quick checks closed", close_due),
    ("unconfirmed panel sign-ups", purge_unconfirmed),
    ("contact requests past their time", purge_contact_requests),
)
