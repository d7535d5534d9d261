"""Personal data at rest (panel emails, contact requests, reminder addresses, mail recipients).

Values are sealed with Fernet (AES-128-CBC with HMAC-SHA256) under keys derived by HKDF from
``CHORUS_DATA_KEYS`` (comma-separated, newest first), or from ``SECRET_KEY`` and its
fallbacks when that is unset, and found again by a keyed hash (HMAC-SHA256), never by the
value itself. Rotating: put the new key first and keep the old ones after it; everything
sealed under an old key still opens, ``lookups`` gives the hash under every key, and
``flask rotate-data-keys`` re-seals and re-hashes what is stored under the newest one.
"""

from __future__ import annotations

import hashlib
import hmac
from base64 import urlsafe_b64encode
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import Flask

SALT = b"chorus personal data"


class SealError(ValueError):
    """A sealed value that no configured key opens (wrong keys, or tampered with)."""


def _derive(secret: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=SALT, info=purpose).derive(
        secret.encode()
    )


def normalised(value: str) -> str:
    """The form a value is hashed in: trimmed, case folded (emails differ only in case)."""
    return value.strip().casefold()


class Sealer:
    """Seals and opens personal data and hashes it for lookup, under the configured keys."""

    def __init__(self, secrets: Sequence[str]) -> None:
        if not secrets:
            raise ValueError("personal data needs at least one key")
        self._fernet = MultiFernet(
            [Fernet(urlsafe_b64encode(_derive(s, b"seal"))) for s in secrets]
        )
        self._lookup_keys = [_derive(s, b"lookup") for s in secrets]

    def seal(self, value: str) -> str:
        return self._fernet.encrypt(value.encode()).decode()

    def unseal(self, sealed: str) -> str:
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken as error:
            raise SealError("this value cannot be opened with the configured keys") from error

    def reseal(self, sealed: str) -> str:
        """The same value sealed under the newest key."""
        return self._fernet.rotate(sealed.encode()).decode()

    def lookup(self, value: str) -> str:
        """The keyed hash under the newest key: what is stored beside the sealed value."""
        return self._hash(self._lookup_keys[0], value)

    def lookups(self, value: str) -> list[str]:
        """The keyed hash under every key, newest first, to find rows not yet re-hashed."""
        return [self._hash(key, value) for key in self._lookup_keys]

    @staticmethod
    def _hash(key: bytes, value: str) -> str:
        return hmac.new(key, normalised(value).encode(), hashlib.sha256).hexdigest()


def data_keys(app: Flask) -> list[str]:
    """CHORUS_DATA_KEYS, or the signing keys when it is unset (development)."""
    keys = app.config.get("DATA_KEYS") or [
        app.config["SECRET_KEY"],
        *app.config.get("SECRET_KEY_FALLBACKS", []),
    ]
    return [str(k) for k in keys]


def sealer(app: Flask) -> Sealer:
    """The app's sealer, made once."""
    found = app.extensions.get("chorus_sealer")
    if found is None:
        found = app.extensions["chorus_sealer"] = Sealer(data_keys(app))
    return found  # type: ignore[no-any-return]
