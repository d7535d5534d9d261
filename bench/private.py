"""A private redis-server and a private PostgreSQL cluster, each on its own port in a folder.

Faults are injected into these, never into the machine's shared services: stopping or
restarting them disturbs nobody else.
"""

import glob
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from bench.servers import free_port

REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"


def postgres_bin() -> Path | None:
    """The newest /usr/lib/postgresql/N/bin holding initdb, if any."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    return Path(found[-1]).parent if found else None


@dataclass
class Redis:
    """redis-server without persistence on a free port; stop() and start() it at will."""

    folder: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [REDIS, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                   "--appendonly", "no", "--dir", str(self.folder),
                   "--logfile", "redis.log"]  # fmt: skip
        self.process = subprocess.Popen(command)
        _wait(lambda: _redis_ping(self.port), "redis-server")

    def flush(self) -> None:
        """Forget every key (every rate-limit count)."""
        import socket

        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(b"FLUSHALL\r\n")
            assert sock.recv(16).startswith(b"+OK")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None


@dataclass
class Postgres:
    """A throw-away PostgreSQL cluster owned by the postgres user, on a free port."""

    folder: Path
    max_connections: int = 100
    port: int = field(default_factory=free_port)

    @property
    def server(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}"

    def init(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        shutil.chown(self.folder, "postgres", "postgres")
        self._as_postgres(
            "initdb", "-D", str(self.folder / "data"), "-A", "trust", "-U", "postgres"
        )
        settings = (f"port = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                    f"max_connections = {self.max_connections}\nfsync = off\n"
                    "unix_socket_directories = ''\nshared_buffers = 64MB\n")  # fmt: skip
        with (self.folder / "data" / "postgresql.conf").open("a") as conf:
            conf.write(settings)

    def start(self) -> None:
        self._as_postgres("pg_ctl", "-D", str(self.folder / "data"), "-l",
                          str(self.folder / "postgres.log"), "-w", "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._as_postgres("pg_ctl", "-D", str(self.folder / "data"), "-m", mode, "-w", "stop")

    def restart(self) -> None:
        self._as_postgres("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w",
                          "-l", str(self.folder / "postgres.log"), "restart")  # fmt: skip

    def create(self, name: str) -> str:
        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return f"{self.server}/{name}"

    def _as_postgres(self, tool: str, *args: str) -> None:
        binary = postgres_bin()
        if binary is None:
            raise RuntimeError("PostgreSQL's server programs are not installed")
        command = ["runuser", "-u", "postgres", "--", str(binary / tool), *args]
        subprocess.run(command, check=True, capture_output=True, cwd="/")


def _redis_ping(port: int) -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _wait(check, what: str, seconds: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    give_up = time.monotonic() + seconds
    while time.monotonic() < give_up:
        if check():
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not start")
