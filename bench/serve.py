"""Chorus as wsgi.py builds it, but with a connection pool sized for overload experiments.

gunicorn loads it as ``bench.serve:create()`` when ``--pool-size`` is given; the pool size
and the wait for a free connection come from BENCH_POOL_SIZE and BENCH_POOL_TIMEOUT.
"""

import os

from flask import Flask

from app import create_app


def create() -> Flask:
    """The production app with pool_size, no overflow and a short wait for a connection."""
    options = {
        "pool_pre_ping": True,
        "hide_parameters": True,
        "pool_size": int(os.environ["BENCH_POOL_SIZE"]),
        "max_overflow": 0,
        "pool_timeout": float(os.environ.get("BENCH_POOL_TIMEOUT", "30")),
    }
    return create_app({"SQLALCHEMY_ENGINE_OPTIONS": options})
