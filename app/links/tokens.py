"""Signed, URL-safe link tokens.

A token is a kind letter, a random 128-bit nonce and an HMAC signature, with one salt
per kind. It carries nothing else: no survey, no board, no time. The database keeps only
the SHA-256 of the nonce, so a stolen table cannot be turned back into links.
"""

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from itsdangerous import BadSignature, Signer
from itsdangerous.encoding import base64_decode, base64_encode
from itsdangerous.signer import HMACAlgorithm

LinkKind = Literal["invitation", "open"]

KIND_LETTERS: dict[LinkKind, str] = {"invitation": "i", "open": "o"}
SALTS: dict[LinkKind, str] = {
    "invitation": "chorus.link.invitation.v1",
    "open": "chorus.link.open.v1",
}
NONCE_BYTES = 16
NONCE_LENGTH = 22  # base64url of 16 bytes, unpadded
SIGNATURE_BYTES = 16


class BadToken(Exception):
    """The token was not made by this service (tampered, truncated or forged)."""


@dataclass(frozen=True)
class LinkToken:
    kind: LinkKind
    nonce: str

    @property
    def nonce_hash(self) -> str:
        return hash_secret(self.nonce)


def hash_secret(value: str, purpose: str = "link") -> str:
    """SHA-256 of a random secret, namespaced by purpose so hashes never coincide."""
    return hashlib.sha256(f"{purpose}:{value}".encode()).hexdigest()


def new_nonce() -> str:
    return secrets.token_urlsafe(NONCE_BYTES)


class TruncatedHMAC(HMACAlgorithm):
    """HMAC-SHA-256 cut to 128 bits (RFC 2104 allows it): a shorter link on a printed slip."""

    def get_signature(self, key: bytes, value: bytes) -> bytes:
        return super().get_signature(key, value)[:SIGNATURE_BYTES]


def _signer(keys: Sequence[str], kind: LinkKind) -> Signer:
    # itsdangerous signs with the last key and verifies with any: oldest first.
    return Signer(
        list(keys),
        salt=SALTS[kind],
        digest_method=hashlib.sha256,
        algorithm=TruncatedHMAC(hashlib.sha256),
    )


def make_token(keys: Sequence[str], kind: LinkKind, nonce: str) -> str:
    """Sign kind and nonce with the newest key."""
    return _signer(keys, kind).sign(KIND_LETTERS[kind] + nonce).decode()


def read_token(keys: Sequence[str], token: str) -> LinkToken:
    """Verify a token against every key still accepted; raise BadToken otherwise."""
    kind = next((k for k, letter in KIND_LETTERS.items() if token.startswith(letter)), None)
    if kind is None or len(token) > 200:
        raise BadToken(token[:1])
    try:
        value = _signer(keys, kind).unsign(token).decode()
    except (BadSignature, UnicodeDecodeError) as error:
        raise BadToken("signature") from error
    nonce = value[1:]
    if len(nonce) != NONCE_LENGTH or not _canonical(token):
        raise BadToken("nonce")
    return LinkToken(kind, nonce)


def _canonical(token: str) -> bool:
    """Base64 ignores the spare bits of a final character, so several spellings of one
    signature decode alike; accept only the one we issue, so any changed character fails."""
    signature = token.rsplit(".", 1)[-1]
    return base64_encode(base64_decode(signature)).decode() == signature
