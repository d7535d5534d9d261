"""Staff sessions: a fresh session at sign-in, idle and absolute timeouts, and the steps
(a new password, two-factor set-up) an account must finish before it may go anywhere else.

Timestamps live in the signed session cookie and are checked here on every request, so
an old cookie stops working on the server whatever the browser does with it.
"""

import time
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_user, logout_user

from app.auth.access import boards_for, needs_two_factor
from app.auth.throttle import PENDING, AccountKeys
from app.models import User

IDLE_SECONDS = 30 * 60
MAX_AGE_SECONDS = 12 * 3600
PENDING_SECONDS = 5 * 60
SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"
SECOND_FACTOR = "second_factor"
# Pages a signed-in account can reach before it has finished its required steps.
ALWAYS_OPEN = frozenset({"auth.logout", "auth.forgotten_password", "auth.set_password", "static"})
PUBLIC_BLUEPRINTS = frozenset({"pages", "respond", "errors"})


def session_marks(
    now: float, second_factor: bool, signed_in_at: float | None = None
) -> dict[str, Any]:
    """The keys, beside Flask-Login's, that a fully valid staff session holds."""
    started = int(signed_in_at if signed_in_at is not None else now)
    return {SIGNED_IN_AT: started, SEEN_AT: int(now), SECOND_FACTOR: second_factor}


def begin(user: User, second_factor: bool, signed_in_at: float | None = None) -> None:
    """Replace whatever session the browser brought with a new one for this user."""
    session.clear()
    login_user(user)
    session.update(session_marks(time.time(), second_factor, signed_in_at))


def renew(user: User) -> None:
    """A new session after a password change, keeping its second factor and its start."""
    second_factor = bool(session.get(SECOND_FACTOR))
    begin(user, second_factor, session.get(SIGNED_IN_AT))


def end() -> None:
    logout_user()
    session.clear()


def hold_pending(user: User, keys: AccountKeys, next_page: str | None) -> None:
    """Remember a correct password while the code is asked for; it grants nothing itself."""
    session.clear()
    session[PENDING] = {
        "user": user.get_id(),
        "key": keys.audit,
        "lock": keys.lock,
        "client": keys.client,
        "at": int(time.time()),
        "next": next_page,
    }


def pending() -> dict[str, Any] | None:
    """The half-finished sign-in, if it is recent enough to finish."""
    held = session.get(PENDING)
    if not isinstance(held, dict) or time.time() - held.get("at", 0) > PENDING_SECONDS:
        return None
    return held


def expiry_reason(now: float) -> str | None:
    """Why the signed-in session must end now, or None while it is still good."""
    seen, started = session.get(SEEN_AT), session.get(SIGNED_IN_AT)
    if not isinstance(seen, int) or not isinstance(started, int):
        return "Please sign in again."
    if now - started > MAX_AGE_SECONDS:
        return "You were signed out because you had been signed in for 12 hours."
    if now - seen > IDLE_SECONDS:
        return "You were signed out after 30 minutes without activity."
    return None


def guard_staff_session() -> ResponseReturnValue | None:
    """Before every request: end stale sessions, then hold the user to any unfinished step."""
    if request.blueprint == "respond" or not current_user.is_authenticated:
        return None
    now = time.time()
    reason = expiry_reason(now)
    if reason:
        end()
        if request.blueprint not in PUBLIC_BLUEPRINTS:
            flash(reason, "info")
        return None
    session[SEEN_AT] = int(now)
    return _unfinished_step(current_user)


def _unfinished_step(user: User) -> ResponseReturnValue | None:
    endpoint = request.endpoint or ""
    if endpoint in ALWAYS_OPEN or request.blueprint in PUBLIC_BLUEPRINTS or not endpoint:
        return None
    if user.must_change_password and endpoint != "auth.password":
        return redirect(url_for("auth.password"))
    if needs_two_factor(user) and not session.get(SECOND_FACTOR) and endpoint != "auth.two_factor":
        return redirect(url_for("auth.two_factor"))
    return None


def safe_next(target: str | None) -> str | None:
    """The target if it is a path on this site; None for anything that could leave it."""
    if not target or len(target) > 2000 or not target.startswith("/"):
        return None
    if target.startswith("//") or "\\" in target:
        return None
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target


def default_page(user: User) -> str:
    """Where a signed-in user lands: their boards, the admin pages, or their account."""
    if user.is_admin and not boards_for(user):
        return url_for("admin.index")
    if "boards.index" in current_app.view_functions:
        return url_for("boards.index")
    return url_for("auth.account")
