"""Access log by route pattern: never the URL (it holds link tokens), never the address."""

import logging
import time

from flask import Flask, Response, g, request

access_log = logging.getLogger("chorus.access")


def register_access_log(app: Flask) -> None:
    @app.before_request
    def _start_timer() -> None:
        g.request_started = time.perf_counter()

    @app.after_request
    def _log_request(response: Response) -> Response:
        started = g.get("request_started", time.perf_counter())
        rule = request.url_rule.rule if request.url_rule else "<unmatched>"
        access_log.info(
            "%s %s %s %.1fms",
            request.method,
            rule,
            response.status_code,
            (time.perf_counter() - started) * 1000,
        )
        return response
