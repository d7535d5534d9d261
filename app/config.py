"""Configuration: defaults, then the environment, then test overrides."""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask

from app.metrics.access import LOCAL_ONLY, networks
from app.security.startup import check_production

# Above the longest questionnaire with every box full, so an over-long answer meets its
# field's own limit (with the other answers kept) rather than a bare 413.
MAX_CONTENT_LENGTH = 2 * 1024 * 1024


def defaults(instance: Path) -> dict[str, Any]:
    """Settings that hold unless the environment or a test says otherwise."""
    env_name = os.environ.get("CHORUS_ENV", "development")
    return {
        "ENV_NAME": env_name,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'chorus.sqlite'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {"hide_parameters": True},
        "SECRET_KEY_FALLBACKS": [],
        # Production must say where respondents reach it; development serves this machine.
        "CHORUS_BASE_URL": "" if env_name == "production" else "http://127.0.0.1:5000",
        # Where "Exit this page" takes a respondent: a neutral site, as GOV.UK services do.
        "EXIT_URL": "https://www.bbc.co.uk/weather",
        "MAIL_URL": "",
        "MAIL_FROM": "chorus@localhost",
        "OUTBOX": str(instance / "outbox"),
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_KEY_PREFIX": "chorus",
        # Redis down: each process counts on its own until it is back, rather than failing.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "LINK_FAILURE_LIMIT": "20 per minute",
        "METRICS_FROM": networks(LOCAL_ONLY),
        "MAX_CONTENT_LENGTH": MAX_CONTENT_LENGTH,
        "MAX_FORM_PARTS": 300,
        "MAX_FORM_MEMORY_SIZE": MAX_CONTENT_LENGTH,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),
        "WTF_CSRF_TIME_LIMIT": 4 * 3600,
        "COMPRESS_MIMETYPES": ["text/html", "application/json"],
        "COMPRESS_ALGORITHM": ["gzip"],
        "COMPRESS_LEVEL": 5,
        "COMPRESS_MIN_SIZE": 600,
    }


MAIL_VARIABLES = {
    "CHORUS_MAIL_URL": "MAIL_URL",
    "CHORUS_MAIL_FROM": "MAIL_FROM",
    "CHORUS_OUTBOX": "OUTBOX",
}


def from_environment() -> dict[str, Any]:
    """The variables of CONTRACT.md that are set."""
    env = os.environ
    found: dict[str, Any] = {}
    if env.get("DATABASE_URL"):
        found["SQLALCHEMY_DATABASE_URI"] = normalise_db_url(env["DATABASE_URL"])
    if env.get("SECRET_KEY"):
        found["SECRET_KEY"] = env["SECRET_KEY"]
    if env.get("SECRET_KEY_FALLBACKS"):
        found["SECRET_KEY_FALLBACKS"] = [
            k.strip() for k in env["SECRET_KEY_FALLBACKS"].split(",") if k.strip()
        ]
    if env.get("REDIS_URL"):
        found["RATELIMIT_STORAGE_URI"] = env["REDIS_URL"]
    if env.get("CHORUS_TRUSTED_PROXIES", "").isdigit():
        found["TRUSTED_PROXIES"] = int(env["CHORUS_TRUSTED_PROXIES"])
    if env.get("CHORUS_PROCESSES", "").isdigit():
        found["PROCESSES"] = int(env["CHORUS_PROCESSES"])
    if env.get("CHORUS_BASE_URL"):
        found["CHORUS_BASE_URL"] = env["CHORUS_BASE_URL"].rstrip("/")
    for variable, name in MAIL_VARIABLES.items():
        if env.get(variable):
            found[name] = env[variable]
    if env.get("CHORUS_EXIT_URL"):
        found["EXIT_URL"] = exit_url(env["CHORUS_EXIT_URL"])
    if env.get("CHORUS_METRICS_FROM"):
        found["METRICS_FROM"] = networks(env["CHORUS_METRICS_FROM"])
    if env.get("CHORUS_DATA_KEYS"):
        found["DATA_KEYS"] = [k.strip() for k in env["CHORUS_DATA_KEYS"].split(",") if k.strip()]
    return found


def exit_url(url: str) -> str:
    """The exit address as given; ValueError unless it is an absolute http(s) URL."""
    url = url.strip()
    if not url.startswith(("https://", "http://")) or not url.split("/")[2]:
        raise ValueError(
            "CHORUS_EXIT_URL must be a full address, like https://www.bbc.co.uk/weather"
        )
    return url


def normalise_db_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgres:// and postgresql:// URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def development_key(instance: Path) -> str:
    """A key generated once per checkout and kept in instance/, for development only."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def configure(app: Flask, overrides: dict[str, Any] | None) -> None:
    """Load defaults, environment and overrides, then check production is safe."""
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(defaults(instance))
    app.config.from_mapping(from_environment())
    app.config.from_mapping(overrides or {})
    production = app.config["ENV_NAME"] == "production"
    if not production and not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = development_key(instance)
    secure = production or app.config["CHORUS_BASE_URL"].startswith("https://")
    if secure and "SESSION_COOKIE_SECURE" not in (overrides or {}):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["SESSION_COOKIE_NAME"] = "__Host-chorus"
    if production:
        check_production(app.config)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            "connect_args": {"timeout": 30},
            "hide_parameters": True,
        }
