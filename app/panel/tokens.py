"""Signed links in every message to a panel member: confirm joining, and leave.

One salt per purpose. A confirm token carries the board, the member and a fingerprint and
is refused after 7 days; a leave token carries the member and the fingerprint and never
expires, because a leave link must work for as long as the message that carried it.

The fingerprint is the keyed hash (``app.security.personal``) of the member's address and
the day they joined, cut to 16 characters. A member who leaves and joins again gets new
links, an id that SQLite hands out again after a deletion never matches anyone else, and a
data-key rotation breaks no link while the old key is still listed. The payload is
readable, so it holds no address: only ids and that keyed hash.
"""

import hashlib
import hmac
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from flask import Flask
from itsdangerous import BadData, SignatureExpired, URLSafeSerializer, URLSafeTimedSerializer
from itsdangerous.encoding import base64_decode, base64_encode

from app.links.service import signing_keys
from app.models import PanelMember
from app.security.personal import Sealer, SealError, sealer

CONFIRM_SALT = "chorus.panel.confirm.v1"
LEAVE_SALT = "chorus.panel.leave.v1"
CONFIRM_DAYS = 7
CONFIRM_MAX_AGE = CONFIRM_DAYS * 24 * 3600
FINGERPRINT_LENGTH = 16
LONGEST_TOKEN = 300
SIGNER = {"digest_method": hashlib.sha256}


class BadLink(Exception):
    """A token that cannot be used: ``reason`` is 'invalid' (not ours) or 'expired'."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Claim:
    """What a verified token says: a member, its fingerprint, and (to confirm) its board."""

    member_id: int
    fingerprint: str
    board_id: int | None = None


class PanelLinks:
    """Makes and reads the panel's links under the app's signing keys (oldest first)."""

    def __init__(self, keys: Sequence[str], personal: Sealer, base_url: str) -> None:
        self.sealer = personal
        self._base = base_url.rstrip("/")
        self._confirm = URLSafeTimedSerializer(list(keys), CONFIRM_SALT, signer_kwargs=SIGNER)
        self._leave = URLSafeSerializer(list(keys), LEAVE_SALT, signer_kwargs=SIGNER)

    def confirm_url(self, member: PanelMember) -> str:
        token = self._confirm.dumps([member.board_id, member.id, self.fingerprint(member)])
        return f"{self._base}/panel/confirm/{token}"

    def leave_url(self, member: PanelMember) -> str:
        token = self._leave.dumps([member.id, self.fingerprint(member)])
        return f"{self._base}/panel/leave/{token}"

    def read_confirm(self, token: str) -> Claim:
        board_id, member_id, fingerprint = _fields(
            _loads(lambda: self._confirm.loads(token, max_age=CONFIRM_MAX_AGE), token), 3
        )
        return Claim(member_id, fingerprint, board_id)

    def read_leave(self, token: str) -> Claim:
        member_id, fingerprint = _fields(_loads(lambda: self._leave.loads(token), token), 2)
        return Claim(member_id, fingerprint)

    def fingerprint(self, member: PanelMember) -> str:
        return self._fingerprints(member)[0]

    def matches(self, member: PanelMember, fingerprint: str) -> bool:
        """True when the fingerprint is this member's, under any listed data key."""
        try:
            found = self._fingerprints(member)
        except SealError:
            return False
        return any(hmac.compare_digest(f, fingerprint) for f in found)

    def _fingerprints(self, member: PanelMember) -> list[str]:
        value = f"{self.sealer.unseal(member.email)}|{member.joined_on.isoformat()}"
        return [found[:FINGERPRINT_LENGTH] for found in self.sealer.lookups(value)]


def _loads(load: Callable[[], Any], token: str) -> Any:
    if len(token) > LONGEST_TOKEN or not _canonical(token):
        raise BadLink("invalid")
    try:
        return load()
    except SignatureExpired as error:
        raise BadLink("expired") from error
    except (BadData, UnicodeDecodeError) as error:
        raise BadLink("invalid") from error


def _fields(data: Any, count: int) -> list[Any]:
    """The payload's ints then the fingerprint, or BadLink for any other shape."""
    if not isinstance(data, list) or len(data) != count:
        raise BadLink("invalid")
    *ids, fingerprint = data
    if not all(type(i) is int for i in ids) or not isinstance(fingerprint, str):
        raise BadLink("invalid")
    return data


def _canonical(token: str) -> bool:
    """Base64 ignores the spare bits of a final character, so several spellings of one
    signature decode alike; accept only the one we issue, so any changed character fails."""
    signature = token.rsplit(".", 1)[-1]
    try:
        return base64_encode(base64_decode(signature)).decode() == signature
    except BadData:
        return False


def panel_links(app: Flask) -> PanelLinks:
    """The app's panel links: its signing keys, its sealer and its public origin."""
    return PanelLinks(signing_keys(app), sealer(app), app.config["CHORUS_BASE_URL"])


def leave_url(app: Flask, member: PanelMember) -> str:
    """The one-click leave URL every message to this member carries (List-Unsubscribe)."""
    return panel_links(app).leave_url(member)
