"""Capacity: `python -m bench.capacity` (or `make bench-capacity`); `--help` lists the knobs.

The load benchmark's respondents (one-page and mixed) through Debian's nginx with the
deployment's site, first against one app node and then against two, on a private PostgreSQL
cluster and redis-server. Prints, for each, complete responses a second, page and send p95,
accepted against stored, and the processor time per request of the app nodes and of
PostgreSQL: the per-node cost the README's capacity model is built from. On one machine the
two nodes share its cores, so the second node shows what a node costs, not more capacity.
nginx lets each node queue as many requests as there are clients (the shipped site stops
at 24 and shows the busy page beyond, which would measure the busy page instead).
"""

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path

from bench import cluster, cpu, driver, seed
from bench.chaos import check
from bench.load import mix
from bench.private import Postgres, Redis
from bench.stats import Tally, percentile

DATABASE = "chorus"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.capacity", description=__doc__)
    parser.add_argument("--clients", type=int, default=64, help="concurrent respondents (64)")
    parser.add_argument("--seconds", type=float, default=20, help="each timed run (20)")
    parser.add_argument("--warmup", type=float, default=5, help="untimed run before it (5)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers per node (3)")
    parser.add_argument("--nodes", default="1,2", help="node counts, in order (1,2)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    counts = [int(n) for n in args.nodes.split(",")]
    rows, bad = [], False
    with tempfile.TemporaryDirectory(prefix="chorus-capacity-") as temp:
        folder = Path(temp)
        folder.chmod(0o755)
        postgres = Postgres(folder / "postgres", max_connections=200)
        postgres.init()
        postgres.start()
        redis = Redis(folder)
        redis.start()
        try:
            for count in counts:
                for shape, multipage in (("one-page", 0.0), ("mixed", 0.5)):
                    row, problems = run(postgres, redis, folder, count, shape, multipage, args)
                    rows.append(row)
                    bad = bad or bool(problems)
        finally:
            redis.stop()
            postgres.stop("immediate")
    table(rows)
    return 1 if bad else 0


Row = dict[str, object]


def run(postgres: Postgres, redis: Redis, folder: Path, count: int, shape: str,
        multipage: float, args: argparse.Namespace) -> tuple[Row, list[str]]:  # fmt: skip
    """One fresh database, `count` nodes behind nginx, a warm-up and a timed run."""
    name = f"{DATABASE}_{count}_{shape.replace('-', '_')}"
    url, key = postgres.create(name), "c" * 48
    seed.migrate(url, key)
    tokens = seed.seed(url, key, math.ceil(400 * (args.seconds + args.warmup)))
    links = mix(tokens, multipage)
    here = folder / name
    here.mkdir(mode=0o755)
    port = cluster.free_port()
    env = cluster.node_env(url, redis.url, key, f"http://127.0.0.1:{port}")
    with (
        cluster.nodes(count, env, here, args.workers) as started,
        cluster.front([n.port for n in started], here, port=port, max_conns=args.clients),
    ):
        warm = math.ceil(len(links) * args.warmup / (args.seconds + args.warmup))
        plan = driver.Plan(port, args.clients, args.warmup, 2, links=links[:warm], retries=3)
        driver.run(plan)
        before, started_at = seed.count_stored(url, key), time.monotonic()
        used_before = _used(started, name)
        tally = driver.run(driver.Plan(port, args.clients, args.seconds, 2,
                                       links=links[warm:], retries=3))  # fmt: skip
        used = {k: v - used_before[k] for k, v in _used(started, name).items()}
        stored = seed.count_stored(url, key) - before
    problems = check(tally, stored)
    row = _row(count, shape, tally, stored, used, time.monotonic() - started_at)
    print(f"{count} node(s), {shape}: {row}", flush=True)
    for problem in problems:
        print(f"  !!!!!!!! {problem} !!!!!!!!")
    return row, problems


def _used(nodes: list[cluster.Node], database: str) -> dict[str, float]:
    """Processor seconds so far: every node's gunicorn and workers, the database's backends."""
    app = 0.0
    for node in nodes:
        assert node.process is not None
        found = cpu.snapshot([node.process.pid], database)
        app += sum(v for k, v in found.items() if k not in ("postgres", "machine"))
    last = cpu.snapshot([], database)
    return {"app": app, "postgres": last["postgres"], "machine": last["machine"]}


def _row(count: int, shape: str, tally: Tally, stored: seed.Stored, used: dict[str, float],
         wall: float) -> dict[str, object]:  # fmt: skip
    requests = sum(len(v) for v in tally.latencies.values())
    return {
        "nodes": count,
        "shape": shape,
        "complete/s": round(tally.complete_per_second(), 1),
        "requests/s": round(requests / tally.elapsed, 1) if tally.elapsed else 0.0,
        "p95 page ms": round(percentile(tally.latencies["page"], 0.95), 1),
        "p95 send ms": round(percentile(tally.latencies["send"], 0.95), 1),
        "accepted": tally.accepted.total(),
        "stored": stored.responses,
        "app ms/request": round(1000 * used["app"] / requests, 2) if requests else 0.0,
        "postgres ms/request": round(1000 * used["postgres"] / requests, 2) if requests else 0.0,
        "machine busy": f"{100 * used['machine'] / (wall * cpu_count()):.0f}%",
        "errors": ", ".join(f"{k} x{n}" for k, n in tally.errors.most_common(3)) or "none",
    }


def cpu_count() -> int:
    import os

    return os.cpu_count() or 1


def table(rows: list[dict[str, object]]) -> None:
    if not rows:
        return
    names = list(rows[0])
    print("| " + " | ".join(names) + " |")
    print("|" + " --- |" * len(names))
    for row in rows:
        print("| " + " | ".join(str(row[n]) for n in names) + " |")


if __name__ == "__main__":
    sys.exit(main())
