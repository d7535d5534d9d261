"""Links that let a person choose their own password: for a new account, or to reset one.

A token is itsdangerous' URL-safe timed signature of ``[user id, fingerprint]`` under the
app's signing keys (oldest first: the newest signs, every one verifies), with one salt per
purpose, so a reset link never passes as a new-account link nor as any other signed value.
A new-account link lasts 7 days, a reset link 1 hour.

The fingerprint is a hash of the account's password hash and session version. Setting a
password changes both, disabling the account or signing out everywhere moves the version
on, so a link works once and dies with the account's sessions; the store keeps no token.
The payload is readable, not secret: it holds an id and a hash that tells nothing about
the password. A token is spent only by a POST, so mail scanners that open links use up
nothing.
"""

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer

from app.models import User

Purpose = Literal["set-password", "reset-password"]
PURPOSES: tuple[Purpose, ...] = ("set-password", "reset-password")
MAX_AGE: dict[Purpose, timedelta] = {
    "set-password": timedelta(days=7),
    "reset-password": timedelta(hours=1),
}
LONGEST_TOKEN = 300
FINGERPRINT_LENGTH = 24


class LinkRefused(Exception):
    """The link cannot be used; ``reason`` is "invalid", "expired" or "used"."""

    def __init__(self, reason: Literal["invalid", "expired", "used"]) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class PasswordLink:
    """What a verified token says: the purpose, the account and its state when signed."""

    purpose: Purpose
    user_id: int
    fingerprint: str


def fingerprint(user: User) -> str:
    """Changes whenever the password or the session version does."""
    state = f"chorus.password-link|{user.password_hash}|{user.session_version}"
    return hashlib.sha256(state.encode()).hexdigest()[:FINGERPRINT_LENGTH]


def _serializer(keys: Sequence[str], purpose: Purpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(list(keys), salt=f"chorus.{purpose}")


def make_token(keys: Sequence[str], purpose: Purpose, user: User) -> str:
    """A signed link token for the account as it is now."""
    return str(_serializer(keys, purpose).dumps([user.id, fingerprint(user)]))


def read_token(keys: Sequence[str], token: str) -> PasswordLink:
    """The link a token carries, if signed here and still in date; LinkRefused otherwise."""
    if len(token) > LONGEST_TOKEN:
        raise LinkRefused("invalid")
    for purpose in PURPOSES:
        max_age = int(MAX_AGE[purpose].total_seconds())
        try:
            payload = _serializer(keys, purpose).loads(token, max_age=max_age)
        except SignatureExpired as error:
            raise LinkRefused("expired") from error
        except BadData:  # not signed for this purpose: try the next
            continue
        return _link(purpose, payload)
    raise LinkRefused("invalid")


def _link(purpose: Purpose, payload: object) -> PasswordLink:
    if not isinstance(payload, list) or len(payload) != 2:
        raise LinkRefused("invalid")
    user_id, print_ = payload
    if type(user_id) is not int or not isinstance(print_, str):
        raise LinkRefused("invalid")
    return PasswordLink(purpose, user_id, print_)


def still_valid(link: PasswordLink, user: User | None) -> bool:
    """True while the account is active and unchanged since the link was made."""
    if user is None or not user.active:
        return False
    return hmac.compare_digest(link.fingerprint, fingerprint(user))


def link_url(base_url: str, token: str) -> str:
    """The full address of the set-password page for a token (the route auth.set_password)."""
    return f"{base_url}/password/set/{token}"
