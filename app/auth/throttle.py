"""Flask-side throttling of staff sign-in and password resets: limits per client and per
account.

Its scopes are its own: they never share counters with the respondents' link-guess
throttle, so a valid sign-in cannot reset link-guess failures or the other way round.
Requests for a reset link count per client and per address typed (a keyed hash, known
account or not), so the page can neither flood someone's inbox nor tell which addresses
have accounts; with memory storage each worker counts alone, so production uses Redis.
"""

import secrets
from dataclasses import dataclass

from flask import current_app, request, session
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.wrappers import Response

from app.extensions import limiter
from app.security.clients import client_key, keyed_hash

CLIENT_SCOPE = "staff-sign-in"
ACCOUNT_SCOPE = "staff-sign-in-account"
RESET_CLIENT_SCOPE = "staff-password-reset"
RESET_ACCOUNT_SCOPE = "staff-password-reset-account"
LINK_SCOPE = "staff-password-link"
PENDING = "pending_sign_in"
DEVICE_SALT = "chorus.staff-device"
DEVICE_MAX_AGE = 90 * 24 * 3600


@dataclass(frozen=True)
class AccountKeys:
    """``audit`` names the address typed in the audit log; ``lock`` and ``client`` are the
    lockout buckets of the account and of the client ("" for a browser known to the account).
    """

    audit: str
    lock: str
    client: str = ""


def account_key(email: str, device: str = "") -> str:
    """A keyed hash of the normalised email (and a known device), never the email itself."""
    return keyed_hash(f"{email.strip().lower()}|{device}")


def keys_for(email: str) -> AccountKeys:
    device = known_device(email)
    return AccountKeys(
        audit=account_key(email),
        lock=account_key(email, device),
        client="" if device else "client:" + client_key(),
    )


def _attempt_limit() -> str:
    return str(current_app.config.get("SIGN_IN_LIMIT", "10 per minute"))


def _account_bucket() -> str:
    """The account being tried: the email posted, the half-finished sign-in, or the user."""
    if "email" in request.form:
        return "account:" + account_key(request.form["email"])
    pending = session.get(PENDING)
    if isinstance(pending, dict) and pending.get("key"):
        return "account:" + str(pending["key"])
    if current_user.is_authenticated:
        return "account:" + account_key(current_user.email)
    return "account:none"


def _device_known() -> bool:
    return bool(known_device(request.form.get("email", "")))


per_client = limiter.limit(_attempt_limit, scope=CLIENT_SCOPE, methods=["POST"])
per_account = limiter.limit(
    _attempt_limit,
    key_func=_account_bucket,
    scope=ACCOUNT_SCOPE,
    methods=["POST"],
    exempt_when=_device_known,
)


def _reset_limit() -> str:
    return str(current_app.config.get("PASSWORD_RESET_LIMIT", "5 per minute; 20 per hour"))


def _reset_account_limit() -> str:
    """A few links an hour for one address: enough for a slow inbox, too few to flood it."""
    return str(current_app.config.get("PASSWORD_RESET_ACCOUNT_LIMIT", "3 per hour"))


def _address_asked() -> str:
    return "reset:" + account_key(request.form.get("email", ""))


resets_per_client = limiter.limit(_reset_limit, scope=RESET_CLIENT_SCOPE, methods=["POST"])
resets_per_account = limiter.limit(
    _reset_account_limit, key_func=_address_asked, scope=RESET_ACCOUNT_SCOPE, methods=["POST"]
)
# Choosing a password through a link hashes it: bound the work one client can ask for.
links_per_client = limiter.limit(_attempt_limit, scope=LINK_SCOPE, methods=["POST"])


def _device_cookie_name() -> str:
    secure = current_app.config.get("SESSION_COOKIE_SECURE")
    return "__Host-chorus-device" if secure else "chorus-device"


def _serializer() -> URLSafeTimedSerializer:
    keys = [*current_app.config.get("SECRET_KEY_FALLBACKS", []), current_app.config["SECRET_KEY"]]
    return URLSafeTimedSerializer(keys, salt=DEVICE_SALT)


def known_device(email: str) -> str:
    """The device id if this browser has signed in to this account before, else ""."""
    raw = request.cookies.get(_device_cookie_name())
    if not raw or not email:
        return ""
    try:
        data = _serializer().loads(raw, max_age=DEVICE_MAX_AGE)
    except BadSignature:
        return ""
    if not isinstance(data, dict) or data.get("a") != account_key(email):
        return ""
    return str(data.get("d", ""))


def remember_device(response: Response, email: str) -> None:
    """Mark this browser as one the account has signed in from, for the lockout bucket."""
    value = _serializer().dumps({"a": account_key(email), "d": secrets.token_hex(16)})
    response.set_cookie(
        _device_cookie_name(),
        value,
        max_age=DEVICE_MAX_AGE,
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        httponly=True,
        samesite="Lax",
    )
