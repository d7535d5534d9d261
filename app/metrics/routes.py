"""The ``/metrics`` endpoint: 404 to anyone outside CHORUS_METRICS_FROM."""

import os

from flask import Blueprint, Response, abort, current_app, request
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from app.extensions import csrf, db
from app.metrics.access import allowed
from app.metrics.queues import QueueCollector

bp = Blueprint("metrics", __name__)
csrf.exempt(bp)


@bp.get("/metrics")
def metrics() -> Response:
    """Every metric in Prometheus's text format, for the permitted addresses only."""
    if not allowed(request.remote_addr, current_app.config["METRICS_FROM"]):
        abort(404)
    queues = CollectorRegistry()
    queues.register(QueueCollector(db.session))
    body = generate_latest(process_registry()) + generate_latest(queues)
    return Response(body, mimetype=None, content_type=CONTENT_TYPE_LATEST)


def process_registry() -> CollectorRegistry:
    """Every worker's counters summed in multiprocess mode; this process's otherwise."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    MultiProcessCollector(registry)
    return registry
