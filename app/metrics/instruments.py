"""Per-request counters and latency, by route pattern; the response counter.

The cost per request is one dictionary lookup and two additions (to memory-mapped files in
multiprocess mode): the children of each label set are kept once made.
"""

import time
from functools import lru_cache

from flask import Flask, Response, g, request
from prometheus_client import Counter, Histogram
from prometheus_client.metrics import MetricWrapperBase

UNMATCHED = "<unmatched>"
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUESTS = Counter(
    "chorus_http_requests_total",
    "Requests answered, by route pattern",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "chorus_http_request_duration_seconds",
    "Time from the request reaching Chorus to its response, by route pattern",
    ["method", "route"],
    buckets=BUCKETS,
)
RESPONSES_STORED = Counter("chorus_responses_stored_total", "Questionnaire responses stored")


@lru_cache(maxsize=4096)
def _child(metric: MetricWrapperBase, *labels: str) -> MetricWrapperBase:
    return metric.labels(*labels)


def route_of_request() -> str:
    """The matched route's pattern, or one label for everything that matched none."""
    return request.url_rule.rule if request.url_rule is not None else UNMATCHED


def response_stored() -> None:
    """Count one stored questionnaire response."""
    RESPONSES_STORED.inc()


def register_instruments(app: Flask) -> None:
    @app.before_request
    def _start_clock() -> None:
        g.request_started = time.perf_counter()

    @app.after_request
    def _count(response: Response) -> Response:
        took = time.perf_counter() - g.get("request_started", time.perf_counter())
        route, method = route_of_request(), request.method
        _child(REQUESTS, method, route, str(response.status_code)).inc()  # type: ignore[attr-defined]
        _child(LATENCY, method, route).observe(took)  # type: ignore[attr-defined]
        return response
