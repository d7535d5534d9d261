"""Faults under load: `python -m bench.chaos` (or `make bench-chaos`); `--help` lists the knobs.

A private PostgreSQL cluster and a private redis-server (their own folders and ports, so
nothing else on the machine is disturbed) serve two app nodes behind Debian's nginx with the
deployment's own site. The load benchmark's respondents answer through nginx while, one at a
time: an app node is killed with SIGKILL and restarted; PostgreSQL is restarted; Redis is
stopped and started; PostgreSQL runs out of connections. After each it prints the requests
refused during the fault, how long the service took to answer again, and the thank-you pages
the clients saw against what was stored: every thank-you page must be exactly one stored
response, nothing stored twice. Exit status 1 when anything was lost or doubled.
"""

import argparse
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from bench import cluster, driver, seed
from bench.private import Postgres, Redis
from bench.stats import Tally
from bench.wire import Wire, WireError

FAULTS = ("node-kill", "postgres-restart", "redis-stop", "postgres-connections")


@dataclass
class Stage:
    """Everything the faults are injected into."""

    postgres: Postgres
    redis: Redis
    nodes: list[cluster.Node]
    port: int
    url: str
    key: str
    links: list[tuple[str, str]]


@dataclass(frozen=True)
class Result:
    fault: str
    tally: Tally
    stored: seed.Stored
    refused: int
    outage: float  # seconds from the first failed health probe to the next success
    recovered: float  # seconds from the fault's end until the service answered again
    bad_links: Counter[int]
    problems: list[str] = field(default_factory=list)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.chaos", description=__doc__)
    parser.add_argument("--faults", default=",".join(FAULTS), help="faults, in order (all)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent respondents (16)")
    parser.add_argument("--seconds", type=float, default=20, help="load per fault (20)")
    parser.add_argument("--at", type=float, default=5, help="seconds of load before the fault (5)")
    parser.add_argument("--outage", type=float, default=5, help="seconds a part stays down (5)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per node (2)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run every fault in turn on one stage; non-zero if any answer was lost or doubled."""
    args = parse_args(argv)
    faults = [f.strip() for f in args.faults.split(",") if f.strip()]
    if unknown := set(faults) - set(FAULTS):
        raise SystemExit(f"unknown faults: {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory(prefix="chorus-chaos-") as temp, stage(Path(temp), args) as on:
        results = [run_fault(on, fault, args) for fault in faults]
    return summary(results)


@contextmanager
def stage(folder: Path, args: argparse.Namespace) -> Iterator[Stage]:
    """A private PostgreSQL and Redis, a seeded database, two nodes and nginx in front."""
    folder.chmod(0o755)
    postgres = Postgres(folder / "postgres", max_connections=60)
    postgres.init()
    postgres.start()
    redis = Redis(folder)
    redis.start()
    key, url = "k" * 8 + time.strftime("%H%M%S") + "x" * 30, postgres.create("chorus")
    try:
        seed.migrate(url, key)
        per_fault = int(args.clients * args.seconds * 6) + 50
        tokens = seed.seed(url, key, per_fault * len(FAULTS))
        links = [(t, seed.QUESTIONNAIRES[0]) for t in tokens[seed.QUESTIONNAIRES[0]]]
        port = cluster.free_port()
        env = cluster.node_env(url, redis.url, key, f"http://127.0.0.1:{port}")
        with (
            cluster.nodes(2, env, folder, args.workers) as started,
            cluster.front([n.port for n in started], folder, port=port),
        ):
            yield Stage(postgres, redis, started, port, url, key, links)
    finally:
        redis.stop()
        postgres.stop("immediate")


def run_fault(on: Stage, fault: str, args: argparse.Namespace) -> Result:
    """Load through nginx; the fault `args.at` seconds in; then count what was kept."""
    take = int(args.clients * args.seconds * 6) + 50
    links, on.links = on.links[:take], on.links[take:]
    before = seed.count_stored(on.url, on.key)
    plan = driver.Plan(on.port, args.clients, args.seconds, 2, links=links, retries=5, timeout=15)
    tallies: list[Tally] = []
    load = threading.Thread(target=lambda: tallies.append(driver.run(plan)))
    probe = Probe(on.port)
    load.start()
    probe.start()
    time.sleep(args.at + 2)  # the clients' processes take a moment to start
    began = time.monotonic()
    INJECT[fault](on, args.outage)
    ended = time.monotonic()
    load.join()
    probe.stop()
    tally = tallies[0]
    stored = seed.count_stored(on.url, on.key) - before
    outage, recovered = probe.outage(began, ended)
    refused = sum(tally.errors.values())
    problems = check(tally, stored)
    if failures := sum(n for status, n in probe.bad_links.items() if status >= 500):
        problems.append(f"a bad link failed {failures} times ({dict(probe.bad_links)})")
    result = Result(fault, tally, stored, refused, outage, recovered, probe.bad_links, problems)
    report(result)
    return result


def kill_node(on: Stage, outage: float) -> None:
    on.nodes[0].kill()
    time.sleep(outage)
    on.nodes[0].start()


def restart_postgres(on: Stage, outage: float) -> None:
    on.postgres.restart()


def stop_redis(on: Stage, outage: float) -> None:
    on.redis.stop()
    time.sleep(outage)
    on.redis.start()


HOG = "chorus-chaos-hog"
TERMINATE_OTHERS = (
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
    "WHERE backend_type = 'client backend' AND application_name <> %s AND pid <> pg_backend_pid()"
)


def exhaust_connections(on: Stage, outage: float) -> None:
    """Take every connection PostgreSQL gives and drop Chorus's own, for `outage` seconds."""
    held: list[psycopg.Connection] = []
    until = time.monotonic() + outage
    while time.monotonic() < until:
        try:
            while True:
                held.append(psycopg.connect(f"{on.postgres.server}/chorus",
                                            application_name=HOG, autocommit=True))  # fmt: skip
        except psycopg.OperationalError:
            pass
        if held:
            held[0].execute(TERMINATE_OTHERS, (HOG,))
        time.sleep(0.1)
    for connection in held:
        connection.close()


INJECT: dict[str, Callable[[Stage, float], None]] = {
    "node-kill": kill_node,
    "postgres-restart": restart_postgres,
    "redis-stop": stop_redis,
    "postgres-connections": exhaust_connections,
}


class Probe(threading.Thread):
    """GET /healthz through nginx every 50 ms, noting when it answered 200 and when not."""

    def __init__(self, port: int) -> None:
        super().__init__(daemon=True)
        self.port, self.running = port, True
        self.seen: list[tuple[float, bool]] = []
        self.bad_links: Counter[int] = Counter()  # statuses for a bad link: 404 or 429, never 5xx

    def run(self) -> None:
        wire = Wire("127.0.0.1", self.port, timeout=2)
        rounds = 0
        while self.running:
            self.seen.append((time.monotonic(), self._status(wire, "/healthz") == 200))
            if (rounds := rounds + 1) % 20 == 0:  # a bad link each second: the limiter's path
                self.bad_links[self._status(wire, "/r/not-a-real-link")] += 1
            time.sleep(0.05)

    @staticmethod
    def _status(wire: Wire, path: str) -> int:
        try:
            return wire.request("GET", path).status
        except (OSError, WireError):
            return 0

    def stop(self) -> None:
        self.running = False
        self.join()

    def outage(self, began: float, ended: float) -> tuple[float, float]:
        """(first failure to next success, fault's end to service answering), in seconds."""
        failed = [t for t, ok in self.seen if not ok and t >= began - 1]
        if not failed:
            return 0.0, 0.0
        back = next((t for t, ok in self.seen if ok and t > failed[-1]), self.seen[-1][0])
        return back - failed[0], max(0.0, back - ended)


def check(tally: Tally, stored: seed.Stored) -> list[str]:
    """Every thank-you page one stored response; nothing beyond what was sent."""
    accepted, unsure = tally.accepted.total(), tally.unconfirmed
    problems = []
    if stored.responses < accepted:
        problems.append(f"LOST {accepted - stored.responses} responses thanked for")
    if stored.responses > accepted + unsure:
        problems.append(f"DUPLICATED {stored.responses - accepted - unsure} responses")
    if stored.used_links != stored.responses:
        problems.append(f"{stored.responses} responses for {stored.used_links} spent links")
    if not accepted + unsure <= stored.responses + unsure:
        problems.append("more thanked than stored")
    return problems


def report(result: Result) -> None:
    tally = result.tally
    errors = ", ".join(f"{kind} x{n}" for kind, n in tally.errors.most_common(4)) or "none"
    print(f"{result.fault}:")
    print(f"  refused during the fault: {result.refused} ({errors}); retried {tally.retries}")
    print(f"  health through nginx: down {result.outage:.1f} s, answering again "
          f"{result.recovered:.1f} s after the fault ended")  # fmt: skip
    stored = result.stored
    print(f"  accepted {tally.accepted.total()}, stored {stored.responses}, "
          f"links spent {stored.used_links}, never confirmed {tally.unconfirmed}")  # fmt: skip
    bad = ", ".join(f"{status} x{n}" for status, n in sorted(result.bad_links.items()))
    print(f"  a bad link, once a second: {bad}")
    for problem in result.problems:
        print(f"  !!!!!!!! {problem} !!!!!!!!")
    print(flush=True)


def summary(results: list[Result]) -> int:
    print("| fault | refused during it | down / answering again after | accepted, stored |")
    print("| --- | --- | --- | --- |")
    for r in results:
        print(f"| {r.fault} | {r.refused} | {r.outage:.1f} s / {r.recovered:.1f} s | "
              f"{r.tally.accepted.total()}, {r.stored.responses} |")  # fmt: skip
    return 1 if any(r.problems for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
