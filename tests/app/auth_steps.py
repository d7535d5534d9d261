"""Steps shared by the sign-in, two-factor and admin tests: post forms as a browser does."""

import time
from urllib.parse import urlencode

import pyotp
from flask.testing import FlaskClient

from tests.helpers import hidden_fields

PASSWORD = "correct horse battery staple"


def at(client: FlaskClient, address: str) -> FlaskClient:
    """Make every request from this client come from the given address."""
    client.environ_base["REMOTE_ADDR"] = address
    return client


def post_form(client: FlaskClient, url: str, data: dict[str, str], page: str | None = None):  # type: ignore[no-untyped-def]
    """GET the page for its CSRF token, then POST the form to ``url``."""
    fields = hidden_fields(client.get(page or url).data)
    return client.post(url, data={**fields, **data})


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD, next_page: str = ""):  # type: ignore[no-untyped-def]
    url = "/login" + (f"?{urlencode({'next': next_page})}" if next_page else "")
    return post_form(client, url, {"email": email, "password": password}, page="/login")


def code_now(secret: str, steps_ago: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() - 30 * steps_ago)


def enter_code(client: FlaskClient, code: str):  # type: ignore[no-untyped-def]
    return post_form(client, "/login/code", {"code": code})
