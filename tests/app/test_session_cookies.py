"""Session cookies: signed as Flask signs them, the signer reused, key rotation honoured."""

from flask import session
from flask.sessions import SecureCookieSessionInterface

from app import create_app
from app.security.cookies import SessionCookies

KEY, NEXT_KEY = "k" * 48, "n" * 48


def _app():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": KEY})

    @app.get("/set")
    def set_value() -> str:
        session["value"] = "kept"
        return "set"

    @app.get("/get")
    def get_value() -> str:
        return str(session.get("value", "none"))

    return app


def test_cookies_read_and_write_like_flasks_own() -> None:
    app = _app()
    assert isinstance(app.session_interface, SessionCookies)
    ours = app.session_interface.get_signing_serializer(app)
    stock = SecureCookieSessionInterface().get_signing_serializer(app)
    assert ours is not None and stock is not None
    assert ours.loads(stock.dumps({"value": "kept"})) == {"value": "kept"}
    assert stock.loads(ours.dumps({"value": "kept"})) == {"value": "kept"}


def test_the_signer_is_reused_until_the_keys_change() -> None:
    app = _app()
    cookies = app.session_interface
    first = cookies.get_signing_serializer(app)
    assert cookies.get_signing_serializer(app) is first
    app.config["SECRET_KEY"] = NEXT_KEY
    assert cookies.get_signing_serializer(app) is not first


def test_rotating_the_key_keeps_sessions_signed_with_a_fallback() -> None:
    app = _app()
    client = app.test_client()
    client.get("/set")
    assert client.get("/get").text == "kept"

    app.config["SECRET_KEY"], app.config["SECRET_KEY_FALLBACKS"] = NEXT_KEY, [KEY]
    assert client.get("/get").text == "kept"

    app.config["SECRET_KEY_FALLBACKS"] = []  # the old key retired: its cookies mean nothing
    assert client.get("/get").text == "none"
