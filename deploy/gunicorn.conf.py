"""gunicorn settings for Chorus: ``gunicorn --config deploy/gunicorn.conf.py wsgi:app``.

Bind address and workers come from the environment (``GUNICORN_BIND``, ``GUNICORN_WORKERS``)
so the same file serves every node. Logs are JSON lines on stderr (the journal); gunicorn's
own access log is off, because Chorus logs each request by route pattern, never by URL.
When ``PROMETHEUS_MULTIPROC_DIR`` is set, the folder is emptied as gunicorn starts (counts
start from zero with the service) and a dead worker's live gauges are dropped.
"""

import os
import shutil
from pathlib import Path

from app.logs import GUNICORN_LOGGING

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
# Chorus's start-up checks refuse rate limits kept in memory when several processes serve it.
os.environ.setdefault("CHORUS_PROCESSES", str(workers))
backlog = 2048
timeout = 30
graceful_timeout = 20
# Forwarded headers are trusted from these addresses only (nginx); Chorus itself reads
# X-Forwarded-For through CHORUS_TRUSTED_PROXIES.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = None
# systemctl controls the service; the socket's default path would be shared by two nodes.
control_socket_disable = True
logconfig_dict = GUNICORN_LOGGING


def on_starting(server: object) -> None:
    """Start the multiprocess metrics from an empty folder."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        Path(folder).mkdir(parents=True, exist_ok=True)


def child_exit(server: object, worker: object) -> None:
    """Drop the live gauges of a worker that has gone."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined]
