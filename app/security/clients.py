"""Throttling keys: keyed hashes of client addresses and emails, never the values themselves."""

import hashlib
import hmac

from flask import current_app, request


def keyed_hash(value: str, length: int = 40) -> str:
    """HMAC-SHA-256 of a value under the app's key: stable, but useless without the key."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, value.encode(), hashlib.sha256).hexdigest()[:length]


def client_key() -> str:
    """A stable, non-reversible key for the client address, for rate-limit buckets only."""
    return keyed_hash(request.remote_addr or "unknown", 24)
