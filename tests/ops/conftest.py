"""Two app nodes behind Debian's nginx on one PostgreSQL database and one Redis.

Runs when nginx, PostgreSQL (TEST_DATABASE_URL) and redis-server are all on the machine; the
skip says which is missing. Redis is a private redis-server on its own port; the database is
TEST_DATABASE_URL's name with ``_nodes`` added, emptied and migrated for each run.
"""

import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.engine import make_url

from app import create_app
from app.accounts.service import grant
from app.extensions import db
from bench import cluster, seed
from bench.private import REDIS, Redis
from bench.servers import NGINX
from bench.wire import Wire
from tests.conftest import POSTGRES_URL

PASSWORD = "correct horse battery staple"
STAFF = "manager@bench.example"


def missing() -> str:
    """Why the two-node tests cannot run here, or '' when they can."""
    if not NGINX.exists():
        return "nginx is not installed (apt-get install nginx)"
    if not POSTGRES_URL:
        return "TEST_DATABASE_URL is not set"
    if not Path(REDIS).exists():
        return "redis-server is not installed"
    return ""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    reason = missing()
    for item in items:
        if "tests/ops/" in str(item.fspath):
            item.add_marker(pytest.mark.ops)
            if reason:
                item.add_marker(pytest.mark.skip(reason=f"two-node tests: {reason}"))


def fresh_database() -> str:
    """TEST_DATABASE_URL's server, database <name>_nodes, empty (made once, emptied after)."""
    url = make_url(POSTGRES_URL)
    name = f"{url.database}_nodes"
    server = url.set(drivername="postgresql", database="postgres").render_as_string(False)
    with psycopg.connect(server, autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.set(drivername="postgresql", database=name).render_as_string(False)


@dataclass
class Region:
    """What the tests reach: nginx's port, the nodes, the shared database and its tokens."""

    port: int
    nodes: list[cluster.Node]
    database_url: str
    key: str
    redis: Redis
    tokens: dict[str, list[str]]
    folder: Path

    def wire(self) -> Wire:
        return Wire("127.0.0.1", self.port, timeout=30)

    def metric(self, node: cluster.Node, name: str, **labels: str) -> float:
        """A node's own /metrics: the sum of the samples of that name with these labels."""
        reply = Wire("127.0.0.1", node.port, timeout=10).request("GET", "/metrics")
        assert reply.status == 200
        families = text_string_to_metric_families(reply.text().decode())
        return sum(s.value for f in families for s in f.samples
                   if s.name == name and labels.items() <= s.labels.items())  # fmt: skip

    def app(self):  # type: ignore[no-untyped-def]
        return create_app({"SQLALCHEMY_DATABASE_URI": self.database_url, "SECRET_KEY": self.key})


@pytest.fixture(scope="session")
def region(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Region]:
    folder = tmp_path_factory.mktemp("region")
    key = secrets.token_urlsafe(36)
    url = fresh_database()
    seed.migrate(url, key)
    tokens = seed.seed(url, key, 120)
    _add_staff(url, key)
    redis = Redis(folder)
    redis.start()
    port_holder = cluster.free_port()
    env = cluster.node_env(url, redis.url, key, f"http://127.0.0.1:{port_holder}")
    try:
        with (
            cluster.nodes(2, env, folder) as started,
            cluster.front([n.port for n in started], folder, port=port_holder) as port,
        ):
            yield Region(port, started, url, key, redis, tokens, folder)
    finally:
        redis.stop()
        shutil.rmtree(folder / "client_body", ignore_errors=True)


def _add_staff(url: str, key: str) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": key})
    with app.app_context():
        grant(db.session, STAFF, PASSWORD, "manager", "bench")
        db.session.commit()
        db.engine.dispose()
