"""Configuration: production refuses unsafe keys; cookies and limits are set safely."""

import os
import subprocess
import sys

import pytest

from app import ROOT, create_app
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
    monkeypatch.setenv("CHORUS_BASE_URL", "https://chorus.example")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "r" * 48})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-chorus"
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.debug is False


PRODUCTION = {"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "r" * 48,
              "CHORUS_BASE_URL": "https://chorus.example"}  # fmt: skip


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ({"CHORUS_BASE_URL": ""}, "CHORUS_BASE_URL is not set"),
        ({"CHORUS_BASE_URL": "http://chorus.example"}, "production links need https://"),
        ({"SECRET_KEY_FALLBACKS": ["changeme"]}, "SECRET_KEY is too weak"),
        ({"SESSION_COOKIE_SECURE": False}, "must be Secure"),
        ({"PROCESSES": 3}, "REDIS_URL is not set, but Chorus runs in 3 processes"),
    ],
)
def test_production_refuses_each_misconfiguration_saying_what_to_fix(monkeypatch, setting, message):
    monkeypatch.setenv("CHORUS_ENV", "production")
    with pytest.raises(InsecureConfig, match=message):
        create_app({**PRODUCTION, **setting})


def test_production_accepts_several_processes_sharing_redis_and_a_local_benchmark(monkeypatch):
    monkeypatch.setenv("CHORUS_ENV", "production")
    monkeypatch.setenv("CHORUS_PROCESSES", "6")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/10")
    assert create_app(PRODUCTION).config["PROCESSES"] == 6
    monkeypatch.delenv("REDIS_URL")
    monkeypatch.setenv("CHORUS_PROCESSES", "1")
    for local in ("http://127.0.0.1:8123", "http://localhost:80", "http://[::1]:9000"):
        create_app({**PRODUCTION, "CHORUS_BASE_URL": local})


def test_the_command_line_refuses_the_same_misconfiguration_with_a_clear_message(tmp_path):
    env = {"PATH": os.environ["PATH"], "CHORUS_ENV": "production", "SECRET_KEY": "r" * 48,
           "CHORUS_BASE_URL": "https://chorus.example", "CHORUS_PROCESSES": "4",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite'}"}  # fmt: skip
    flask = [sys.executable, "-m", "flask", "--app", "wsgi", "surveys", "--json"]
    done = subprocess.run(flask, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert "REDIS_URL is not set, but Chorus runs in 4 processes" in done.stderr


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
