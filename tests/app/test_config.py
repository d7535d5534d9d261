"""Configuration: production refuses unsafe keys; cookies and limits are set safely."""

import pytest

from app import create_app
from app.security.startup import InsecureConfig


@pytest.mark.parametrize("key", [None, "", "secret", "changeme", "short-key-123"])
def test_production_refuses_missing_or_weak_keys(monkeypatch, key):
    monkeypatch.setenv("CHORUS_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    overrides = {} if key is None else {"SECRET_KEY": key}
    with pytest.raises(InsecureConfig):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", **overrides})


def test_production_with_a_real_key_uses_secure_host_cookies(monkeypatch):
    monkeypatch.setenv("CHORUS_ENV", "production")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "r" * 48})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-chorus"
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.debug is False


def test_environment_variables_are_read(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u@127.0.0.1/db")
    monkeypatch.setenv("SECRET_KEY_FALLBACKS", "old-one, older-one")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    monkeypatch.setenv("CHORUS_BASE_URL", "https://chorus.example/")
    app = create_app({"SECRET_KEY": "r" * 48})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@127.0.0.1/db"
    assert app.config["SECRET_KEY_FALLBACKS"] == ["old-one", "older-one"]
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/3"
    assert app.config["CHORUS_BASE_URL"] == "https://chorus.example"
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_development_key_is_generated_once_and_kept(monkeypatch, tmp_path):
    from app.config import development_key

    first = development_key(tmp_path)
    assert len(first) >= 48
    assert development_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
