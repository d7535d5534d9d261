"""The link-guess throttle: badly signed tokens count against the client, valid ones never.

Counting happens only once a token has failed its signature check, so the respondent path
itself never touches the rate limiter's storage. While the shared store (Redis) is down, the
guesses are counted in this process instead, as flask-limiter's own in-memory fallback does
for the other limits, and in Redis again as soon as it answers: a bad link still gets its
friendly page, never a failure.
"""

import logging

from flask import current_app
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter
from redis.exceptions import RedisError

from app.extensions import limiter
from app.security.clients import client_key

SCOPE = "link-guess"
FALLBACK = FixedWindowRateLimiter(MemoryStorage())
log = logging.getLogger(__name__)


def guess_allowed() -> bool:
    """Count one bad token from this client; False once the client is over its limit."""
    limit = parse(str(current_app.config["LINK_FAILURE_LIMIT"]))
    prefix = str(current_app.config.get("RATELIMIT_KEY_PREFIX", ""))
    try:
        # The shared store itself, not limiter.limiter: that stays on flask-limiter's fallback
        # until one of its own limits finds Redis back, which respondent pages never do.
        return FixedWindowRateLimiter(limiter.storage).hit(limit, prefix, SCOPE, client_key())
    except (RedisError, OSError) as error:
        log.warning(
            "rate-limit store unavailable (%s); counting in this process", type(error).__name__
        )
        return FALLBACK.hit(limit, prefix, SCOPE, client_key())
