"""The link-guess throttle: badly signed tokens count against the client, valid ones never.

Counting happens only once a token has failed its signature check, so the respondent path
itself never touches the rate limiter's storage.
"""

from flask import current_app
from limits import parse

from app.extensions import limiter
from app.security.clients import client_key

SCOPE = "link-guess"


def guess_allowed() -> bool:
    """Count one bad token from this client; False once the client is over its limit."""
    limit = parse(str(current_app.config["LINK_FAILURE_LIMIT"]))
    prefix = str(current_app.config.get("RATELIMIT_KEY_PREFIX", ""))
    return limiter.limiter.hit(limit, prefix, SCOPE, client_key())
