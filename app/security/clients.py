"""Throttling keys: a keyed hash of the client address, never the address itself."""

import hashlib
import hmac

from flask import current_app, request


def client_key() -> str:
    """A stable, non-reversible key for the client address, for rate-limit buckets only."""
    address = (request.remote_addr or "unknown").encode()
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, address, hashlib.sha256).hexdigest()[:24]
