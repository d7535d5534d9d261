"""Prometheus metrics at ``/metrics``, for the addresses in ``CHORUS_METRICS_FROM`` only.

Counters and the latency histogram are kept per process and, when gunicorn runs several
workers, summed at scrape time by prometheus_client's multiprocess mode: each worker writes
its values to memory-mapped files in ``PROMETHEUS_MULTIPROC_DIR`` (set by the service unit,
emptied by ``deploy/gunicorn.conf.py`` when gunicorn starts). Without that variable (one
process, as under ``flask run``) they live in the process. Queue gauges are never kept in a
process: they are read from the database when scraped (``app.metrics.queues``), so every
worker and every node answers the same.

Every label is a route pattern (``/r/<token>``), never a URL, so no token reaches a metric.
"""
