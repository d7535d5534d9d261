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
        if access_log.isEnabledFor(logging.INFO):
            took = round((time.perf_counter() - started) * 1000, 1)
            method, status = request.method, response.status_code
            fields = {"method": method, "route": rule, "status": status, "duration_ms": took}
            access_log.info("%s %s %s", method, rule, status, extra=fields)
        return response
