"""The two emails that carry a password link: set your password, and reset it.

Both are queued in the caller's transaction (``app.mail.queue``), so a link goes out only
if the change that caused it is committed. Their words are in ``templates/auth/mail``.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from flask import Flask, render_template
from sqlalchemy.orm import Session

from app.accounts.password_links import Purpose, link_url, make_token
from app.links.service import signing_keys
from app.mail import Mail, queue
from app.models import User
from app.security.personal import Sealer, sealer

KINDS: dict[Purpose, str] = {"set-password": "set-password", "reset-password": "password-reset"}
SUBJECTS: dict[Purpose, str] = {
    "set-password": "Set your password for Chorus",
    "reset-password": "Reset your Chorus password",
}


@dataclass(frozen=True)
class LinkMailer:
    """What it takes to email a password link: signing keys, sealer and the site's address."""

    keys: Sequence[str]
    sealer: Sealer
    base_url: str

    @classmethod
    def for_app(cls, app: Flask) -> "LinkMailer":
        return cls(signing_keys(app), sealer(app), str(app.config["CHORUS_BASE_URL"]))

    def send(self, session: Session, user: User, purpose: Purpose) -> None:
        """Queue a link for the account as it is now; the caller commits."""
        url = link_url(self.base_url, make_token(self.keys, purpose, user))
        queue(session, self.sealer, link_mail(purpose, user.email, url))


def link_mail(purpose: Purpose, email: str, url: str) -> Mail:
    """The message for one purpose, as plain text and HTML, in Chorus's name."""
    name = purpose.replace("-", "_")
    return Mail(
        kind=KINDS[purpose],
        to=email,
        subject=SUBJECTS[purpose],
        text=render_template(f"auth/mail/{name}.txt", email=email, url=url),
        html=render_template(f"auth/mail/{name}.html", email=email, url=url),
        sender_name="Chorus",
    )
