"""Logs are JSON lines by route pattern: no token, address, user agent or answer reaches them."""

import io
import json
import logging
from collections.abc import Iterator

import pytest

from app.logs import GUNICORN_LOGGING, JsonFormatter, NoUrls, json_handler
from tests.app.auth_steps import PASSWORD, at, sign_in
from tests.helpers import hidden_fields

ADDRESS = "198.51.100.77"
AGENT = "Quokka-Browser/7.3 (distinctive)"
TEXT = "Zebra crossing near Quillfield Primary 5821"
EMAIL = "manager@riverton.example"
PAGE_ONE = {"safe_school": "4", "adults_listen": "5", "know_who": "yes"}


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """Everything logged at INFO and above, as production writes it."""
    stream, root = io.StringIO(), logging.getLogger()
    handler, level = json_handler(stream), root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


def lines(stream: io.StringIO) -> list[dict]:
    found = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert found, "nothing was logged"
    return found


def answer(client, token: str) -> None:  # type: ignore[no-untyped-def]
    for page, given in ((1, PAGE_ONE), (2, {"safer": TEXT, "nickname": TEXT})):
        fields = hidden_fields(client.get(f"/r/{token}?page={page}").data)
        client.post(f"/r/{token}?page={page}", data={**fields, **given})


def test_respondents_and_staff_leave_no_token_address_agent_or_text(
    app, captured, make_survey, make_links, make_user, make_board, monkeypatch
):
    board = make_board("riverton")
    survey = make_survey(board=board)
    token, spent, failing = make_links(survey, 3)
    make_user(EMAIL, "manager", board)
    client = at(app.test_client(), ADDRESS)
    client.environ_base["HTTP_USER_AGENT"] = AGENT
    answer(client, token)
    answer(client, token)  # the spent link's page
    client.get(f"/r/{token[:-3]}xyz")  # tampered
    answer(client, spent)
    client.get(f"/r/{spent}")
    monkeypatch.setattr("app.respond.routes.submit", _failing_submit)
    answer(client, failing)  # an unexpected failure while storing
    assert sign_in(client, EMAIL, "not the password").status_code == 422
    assert sign_in(client, EMAIL).status_code == 302
    for page in (f"/boards/{board.slug}", f"/surveys/{survey.slug}", "/no/such/page"):
        client.get(page)

    logged = captured.getvalue()
    for secret in (token, spent, failing, ADDRESS, AGENT, "Quokka", TEXT, "Quillfield", PASSWORD,
                   EMAIL):  # fmt: skip
        assert secret not in logged
    entries = lines(captured)
    requests = [e for e in entries if e["logger"] == "chorus.access" and "route" in e]
    routes = {(e["method"], e["route"], e["status"]) for e in requests}
    expected = {("GET", "/r/<token>", 200), ("POST", "/r/<token>", 200), ("POST", "/login", 302),
                ("GET", "/boards/<board_slug>", 200), ("GET", "<unmatched>", 404)}  # fmt: skip
    assert expected <= routes
    assert {"GET /r/<token> 200", "POST /login 302"} <= {e["message"] for e in requests}
    assert all(isinstance(e["duration_ms"], float) for e in requests)
    failure = next(e for e in entries if e["logger"] == "chorus.errors")
    assert failure["message"] == "unhandled ValueError"
    assert failure["exception"].endswith("ValueError") and "_failing_submit" in failure["exception"]


def _failing_submit(*args: object) -> bool:
    raise ValueError(f"could not store {TEXT}")


def test_flask_and_gunicorn_messages_with_a_path_keep_only_the_route(app):
    stream = io.StringIO()
    logger = logging.getLogger("tests.logs")
    logger.addHandler(handler := json_handler(stream))
    try:
        with app.test_request_context("/r/secret-token-value", method="POST"):
            app.url_map.bind("localhost").match("/r/x", method="POST")
            from flask import request

            request.url_rule = app.url_map._rules_by_endpoint["respond.answer"][0]
            logger.error("Exception on /r/secret-token-value [POST]")
        uri = ("/r/secret-token-value",)
        gunicorn = logging.LogRecord(
            "gunicorn.error", logging.ERROR, "", 0, "Error handling request %s", uri, None
        )
        NoUrls().filter(gunicorn)
        handler.handle(gunicorn)
    finally:
        logger.removeHandler(handler)
    first, second = lines(stream)
    assert first["message"] == "Exception on /r/<token> [POST]"
    assert second["message"] == "Error handling request"
    assert "secret-token-value" not in stream.getvalue()


def test_extra_fields_and_exceptions_are_json_without_the_exception_text():
    try:
        written = "an answer someone wrote"
        raise KeyError(written)
    except KeyError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, "f", 1, "failed %s", ("once",), __import__("sys").exc_info(),
            extra={"route": "/r/<token>", "status": 500},
        )  # fmt: skip
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "failed once" and entry["route"] == "/r/<token>"
    assert entry["status"] == 500 and entry["level"] == "error"
    assert entry["exception"].endswith("KeyError") and "someone wrote" not in entry["exception"]


def test_gunicorn_logs_the_same_way_with_its_access_log_off():
    assert GUNICORN_LOGGING["formatters"]["json"]["()"] == "app.logs.JsonFormatter"
    assert GUNICORN_LOGGING["loggers"]["gunicorn.access"]["level"] == "WARNING"
    assert GUNICORN_LOGGING["loggers"]["gunicorn.access"]["propagate"] is False
