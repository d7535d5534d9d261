"""Production start-up checks: refuse a weak key, insecure cookies, plain-http links, and
rate limits kept per process when several processes serve Chorus."""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

WEAK_KEYS = frozenset(
    {
        "secret", "secret_key", "secretkey", "changeme", "change-me", "dev", "development",
        "default", "password", "supersecret", "super-secret", "flask", "key", "test",
        "your-secret-key", "mysecretkey", "s3cr3t", "chorus",
    }
)  # fmt: skip
MIN_KEY_LENGTH = 32


class InsecureConfig(RuntimeError):
    """The configuration is not safe to serve real respondents with."""


def check_secret_key(key: object) -> None:
    """Raise InsecureConfig unless the key is long and not a known default."""
    if not isinstance(key, str) or not key:
        raise InsecureConfig("SECRET_KEY is not set; production needs a random key.")
    if key.lower() in WEAK_KEYS or len(key) < MIN_KEY_LENGTH:
        raise InsecureConfig(f"SECRET_KEY is too weak; use at least {MIN_KEY_LENGTH} random chars.")


LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def check_base_url(url: str) -> None:
    """Printed links must be https, but for this machine's own address (benchmarks, tests)."""
    if not url:
        raise InsecureConfig("CHORUS_BASE_URL is not set: the https:// origin respondents use.")
    parts = urlsplit(url)
    if parts.scheme != "https" and parts.hostname not in LOOPBACK:
        raise InsecureConfig(f"CHORUS_BASE_URL is {url}; production links need https://.")


def check_shared_limits(storage: str, processes: int) -> None:
    """Rate limits kept in memory are per process: several processes need Redis."""
    if storage.startswith("memory://") and processes > 1:
        raise InsecureConfig(
            f"REDIS_URL is not set, but Chorus runs in {processes} processes "
            "(CHORUS_PROCESSES): each would keep its own rate limits, multiplying every limit. "
            "Set REDIS_URL to the Redis all processes and nodes share."
        )


def check_production(config: Mapping[str, Any]) -> None:
    """Raise InsecureConfig, saying what to fix, for anything unsafe to serve respondents with."""
    check_secret_key(config.get("SECRET_KEY"))
    for fallback in config.get("SECRET_KEY_FALLBACKS") or ():
        check_secret_key(fallback)
    if not config.get("SESSION_COOKIE_SECURE"):
        raise InsecureConfig("Session cookies must be Secure in production (HTTPS only).")
    check_base_url(config["CHORUS_BASE_URL"])
    check_shared_limits(config["RATELIMIT_STORAGE_URI"], int(config.get("PROCESSES", 1)))
