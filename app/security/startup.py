"""Refuse to start in production with a missing, short or well-known signing key."""

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
