"""Chorus as a region runs it, on one machine: app nodes under gunicorn behind Debian's nginx.

Each node is a gunicorn started with ``deploy/gunicorn.conf.py`` in its own process group,
on its own port, as two machines would be; nginx runs the site of ``deploy/nginx/chorus.conf``
itself, rewritten only for addresses, ports and paths (and, without TLS, its ``ssl`` lines),
so what is tested is what an operator installs. Used by the two-node tests, ``bench.chaos``
and ``bench.capacity``.
"""

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from app import ROOT
from bench.servers import NGINX, free_port, wait_until_up

GUNICORN = Path(sys.executable).parent / "gunicorn"
SITE = ROOT / "deploy" / "nginx" / "chorus.conf"


@dataclass
class Node:
    """One app node: gunicorn with the deployment's settings, restartable."""

    name: str
    env: dict[str, str]
    log: Path
    workers: int = 2
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    def start(self, wait: float = 60.0) -> None:
        """Start gunicorn and wait until /healthz answers."""
        self.launch()
        wait_until_up(self.port, "/healthz", wait)

    def launch(self) -> None:
        """Start gunicorn without waiting for it."""
        metrics = self.log.parent / f"metrics-{self.name}"
        env = {**self.env, "GUNICORN_BIND": f"127.0.0.1:{self.port}",
               "GUNICORN_WORKERS": str(self.workers),
               "PROMETHEUS_MULTIPROC_DIR": str(metrics)}  # fmt: skip
        command = [str(GUNICORN), "--config", "deploy/gunicorn.conf.py", "wsgi:app"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
            )

    def kill(self) -> None:
        """SIGKILL the master and every worker at once, as a machine that dies."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self.process = None

    def stop(self) -> None:
        """Stop gracefully (SIGTERM), as systemctl stop does."""
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
            self.process = None


def node_env(database_url: str, redis_url: str, key: str, base_url: str) -> dict[str, str]:
    """The environment file of every node: production, shared database and Redis."""
    return {
        **os.environ,
        "CHORUS_ENV": "production",
        "SECRET_KEY": key,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CHORUS_BASE_URL": base_url,
        "CHORUS_TRUSTED_PROXIES": "1",
    }


@contextmanager
def nodes(
    count: int, env: Mapping[str, str], folder: Path, workers: int = 2
) -> Iterator[list[Node]]:
    """`count` nodes started together; all stopped on the way out."""
    started = [Node(f"node{n}", dict(env), folder / f"node{n}.log", workers) for n in range(count)]
    try:
        for node in started:
            node.launch()
        for node in started:
            wait_until_up(node.port, "/healthz", 60.0)
        yield started
    finally:
        for node in started:
            node.stop()


def site(
    upstreams: list[int], port: int, tls: tuple[Path, Path] | None, max_conns: int = 24
) -> str:
    """deploy/nginx/chorus.conf for this machine: loopback ports, this checkout, tls or not."""
    text = SITE.read_text().replace("/srv/chorus", str(ROOT))
    text = re.sub(r"\n\s*listen \[::\][^\n]*", "", text)
    servers = "".join(
        f"    server 127.0.0.1:{p} max_conns={max_conns} max_fails=3 fail_timeout=5s;\n"
        for p in upstreams
    )
    text = re.sub(r"(    server 10\.[^\n]*\n)+", servers, text)
    text = text.replace("listen 80;", f"listen 127.0.0.1:{free_port()};")
    if tls is None:
        text = text.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port};")
        return re.sub(r"\n\s*ssl_[^\n]*", "", text)
    certificate, key = tls
    text = text.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port} ssl http2;")
    text = re.sub(r"ssl_certificate [^;]*;", f"ssl_certificate {certificate};", text)
    return re.sub(r"ssl_certificate_key [^;]*;", f"ssl_certificate_key {key};", text)


def nginx_conf(folder: Path, site_text: str) -> str:
    """A whole nginx.conf around the site: in the foreground, unprivileged paths, one worker."""
    temp = "".join(
        f"  {kind}_temp_path {folder}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
{temp}{site_text}
}}
"""


@contextmanager
def front(
    upstreams: list[int],
    folder: Path,
    tls: tuple[Path, Path] | None = None,
    port: int = 0,
    max_conns: int = 24,
) -> Iterator[int]:
    """Debian's nginx with the deployment's site in front of the upstream ports; yields its port."""
    port = port or free_port()
    conf = folder / "nginx.conf"
    conf.write_text(nginx_conf(folder, site(upstreams, port, tls, max_conns)))
    folder.chmod(0o755)  # its workers run as nobody
    process = subprocess.Popen([str(NGINX), "-c", str(conf), "-e", str(folder / "nginx-error.log")])
    try:
        _wait_for_port(port)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for_port(port: int, seconds: float = 15.0) -> None:
    import socket

    give_up = time.monotonic() + seconds
    while time.monotonic() < give_up:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nginx did not listen on {port}")


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A throw-away certificate for 127.0.0.1, made with openssl."""
    certificate, key = folder / "tls.crt", folder / "tls.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    key.chmod(0o644)  # nginx reads it as root, but keep the workers' view simple
    return certificate, key
