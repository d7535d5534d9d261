"""The servers under test: Chorus under gunicorn, and nginx serving a saved page as a file."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from app import ROOT
from bench.wire import Wire, WireError

NGINX = Path("/usr/sbin/nginx")
GUNICORN = Path(sys.executable).parent / "gunicorn"
# Headers Chorus sends with a page that the ceilings are asked to send too, so the bytes match.
COPIED_HEADERS = (
    "content-security-policy",
    "x-content-type-options",
    "referrer-policy",
    "x-frame-options",
    "permissions-policy",
    "cross-origin-opener-policy",
    "cross-origin-resource-policy",
    "cache-control",
)


def copied_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """The page's own headers, without those of one response (cookie, date, length)."""
    return {name: value for name, value in headers.items() if name in COPIED_HEADERS}


@dataclass(frozen=True)
class Gunicorn:
    """How gunicorn runs Chorus: sync workers by default, gthread when threads > 1."""

    workers: int
    threads: int = 1
    backlog: int = 2048
    app: str = "wsgi:app"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(port: int, path: str, seconds: float = 30.0) -> None:
    """Poll until the path answers 200; raise RuntimeError if it never does."""
    wire = Wire("127.0.0.1", port, timeout=2.0)
    give_up = time.monotonic() + seconds
    while time.monotonic() < give_up:
        try:
            if wire.request("GET", path).status == 200:
                return
        except (OSError, WireError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"nothing answered 200 on 127.0.0.1:{port}{path}")


@contextmanager
def chorus(
    settings: Gunicorn, database_url: str, key: str, extra_env: Mapping[str, str], log: Path
) -> Iterator[tuple[int, int]]:
    """Chorus under gunicorn with the production settings; yields (port, master pid)."""
    port = free_port()
    env = {
        **os.environ,
        **extra_env,
        "CHORUS_ENV": "production",
        "SECRET_KEY": key,
        "DATABASE_URL": database_url,
        "CHORUS_BASE_URL": f"http://127.0.0.1:{port}",
    }
    with _running(gunicorn_command(settings, port, log), env, port, "/healthz") as pid:
        yield port, pid


@contextmanager
def saved_page(settings: Gunicorn, root: Path, log: Path) -> Iterator[tuple[int, int]]:
    """gunicorn, set up as for Chorus, serving the page saved in `root` and nothing else."""
    port = free_port()
    bare = replace(settings, app="bench.saved_page:create()")
    env = {**os.environ, "BENCH_PAGE_DIR": str(root)}
    with _running(gunicorn_command(bare, port, log), env, port, "/page.html") as pid:
        yield port, pid


def gunicorn_command(settings: Gunicorn, port: int, log: Path) -> list[str]:
    return [
        str(GUNICORN),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(settings.workers),
        "--threads",
        str(settings.threads),
        "--backlog",
        str(settings.backlog),
        "--log-level",
        "warning",
        "--error-logfile",
        str(log),
        "--capture-output",  # Chorus's JSON log lines go to the same file, not the terminal
        settings.app,
    ]


@contextmanager
def nginx(
    root: Path, page_headers: Mapping[str, str], keepalive: bool
) -> Iterator[tuple[int, int]]:
    """nginx serving `root` (page.html and page.html.gz) on two workers; yields (port, pid)."""
    port = free_port()
    conf = root / "nginx.conf"
    conf.write_text(nginx_conf(root, port, page_headers, keepalive))
    root.chmod(0o755)  # the workers run as nobody
    with _running([str(NGINX), "-c", str(conf), "-e", "stderr"], None, port, "/page.html") as pid:
        yield port, pid


def nginx_conf(root: Path, port: int, page_headers: Mapping[str, str], keepalive: bool) -> str:
    added = "".join(
        f'    add_header {name} "{value}" always;\n' for name, value in page_headers.items()
    )
    temp = "".join(
        f"  {kind}_temp_path {root}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""daemon off;
worker_processes 2;
pid {root}/nginx.pid;
error_log stderr crit;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  keepalive_timeout {"65" if keepalive else "0"};
  keepalive_requests 100000;
  gzip_static on;
  types {{ text/html html; }}
{temp}  server {{
    listen 127.0.0.1:{port} backlog=2048;
    root {root};
    location / {{
{added}    }}
  }}
}}
"""


@contextmanager
def _running(
    command: list[str], env: Mapping[str, str] | None, port: int, health: str
) -> Iterator[int]:
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    try:
        wait_until_up(port, health)
        yield process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
