"""The load benchmark: `python -m bench.load` (or `make bench`); `--help` lists the knobs.

Each round runs Chorus under gunicorn with the production settings on a fresh PostgreSQL
database and then on a fresh SQLite file, drives simulated respondents at it for a bounded
time, and checks that every thank-you page the clients saw is one stored response. Each
database gets two runs: "one-page", where every respondent opens a link, answers one page
and sends it, and "mixed", where some of them answer a four-page questionnaire instead. When
nginx is installed the same page bytes are also served as a file, for the machine's
ceiling, and by a bare WSGI app under the same gunicorn, for gunicorn's own; both are
fetched with the same clients. Everything listens on 127.0.0.1 only, and stops by itself.
"""

import argparse
import math
import random
import secrets
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from bench import cpu, driver, profile, report, seed, servers, wrk
from bench.stats import Tally
from bench.wire import Wire

ENGINES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
SHAPES = ("one-page", "mixed")


# (flag, type, default, help); a bool default makes a switch.
OPTIONS: tuple[tuple[str, type, object, str], ...] = (
    ("--clients", int, 64, "concurrent respondents (64)"),
    ("--seconds", float, 20, "length of each timed run (20)"),
    ("--warmup", float, 5, "untimed run before each timed one, to boot and fill caches (5)"),
    ("--rounds", int, 3, "rounds of every run; medians are shown (3)"),
    ("--engines", str, "postgresql,sqlite", "databases, in the order run (both)"),
    ("--workers", int, 3, "gunicorn sync workers: 3 did best on 2 cores (3)"),
    ("--threads", int, 1, "threads per worker; more than 1 means gthread workers (1)"),
    ("--client-processes", int, 2, "processes the clients are spread over (2)"),
    ("--shapes", str, "one-page,mixed", "respondent runs per database, in the order run (both)"),
    ("--multipage", float, 0.5, "share of the mixed run given the 4-page questionnaire (0.5)"),
    ("--max-rate", float, 600, "complete responses per second to make links for (600)"),
    ("--timeout", float, 30, "client socket timeout in seconds (30)"),
    ("--retries", int, 3, "tries again after a busy or error page, as a person would (3)"),
    ("--pool-size", int, 0, "PostgreSQL pool per worker, no overflow (0: the app's own)"),
    ("--pool-timeout", float, 30, "seconds to wait for a pooled connection (30)"),
    ("--profile", Path, None, "folder for py-spy samples of the first timed run (off)"),
    ("--keepalive", bool, False, "reuse connections (off: a new one per request)"),
    ("--no-compare", bool, False, "skip the page-only runs against nginx and bare gunicorn"),
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    for flag, kind, default, text in OPTIONS:
        if kind is bool:
            parser.add_argument(flag, action="store_true", help=text)
        else:
            parser.add_argument(flag, type=kind, default=default, help=text)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run every round, print each and the medians; non-zero if any answer was lost or doubled."""
    args = parse_args(argv)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    shapes = _shapes(args)
    compare = not args.no_compare and servers.NGINX.exists()
    report.header(args, engines, compare, wrk.available())
    rounds = []
    with tempfile.TemporaryDirectory(prefix="chorus-bench-") as temp:
        for number in range(1, args.rounds + 1):
            figures: dict[str, float] = {}
            for engine in engines:
                compare_here = compare and engine == engines[0]
                figures |= run_engine(engine, args, Path(temp), number, compare_here)
            if compare:
                figures |= run_ceilings(args, Path(temp))
                report.comparison(number, figures)
            rounds.append(figures)
    return report.summary(rounds, engines, shapes, args)


@dataclass(frozen=True)
class Running:
    """Chorus serving a freshly seeded database."""

    port: int
    pid: int
    url: str
    key: str
    links: list[tuple[str, str]]
    page_token: str  # never answered, so it stays a valid page for the page-only runs


@dataclass(frozen=True)
class Outcome:
    tally: Tally
    stored: seed.Stored  # what the run added to the database
    used: dict[str, float]


@contextmanager
def chorus_on(
    engine: str, args: argparse.Namespace, temp: Path, shape: str = "mixed"
) -> Iterator[Running]:
    """A fresh, migrated, seeded database and gunicorn serving Chorus on it."""
    key = secrets.token_urlsafe(36)  # 48 characters
    url = seed.database_url(engine, temp)
    seed.migrate(url, key)
    tokens = seed.seed(url, key, math.ceil(args.max_rate * (args.seconds + args.warmup)) + 1)
    page_token = tokens[seed.QUESTIONNAIRES[0]].pop()
    settings = servers.Gunicorn(args.workers, args.threads, app=_app(args))
    log = temp / "gunicorn.log"
    with servers.chorus(settings, url, key, _pool_env(args), log) as (port, pid):
        multipage = args.multipage if shape == "mixed" else 0.0
        yield Running(port, pid, url, key, mix(tokens, multipage), page_token)


def answer_links(running: Running, args: argparse.Namespace) -> Outcome:
    """An untimed warm-up, then the timed run; counts what the timed run stored."""
    warm = min(len(running.links) // 4, math.ceil(args.max_rate * args.warmup))
    plan = driver.Plan(
        running.port,
        args.clients,
        args.warmup,
        args.client_processes,
        links=running.links[:warm],
        keepalive=args.keepalive,
        timeout=args.timeout,
        retries=args.retries,
    )
    if warm:
        driver.run(plan)  # every worker booted, every template compiled, every cache filled
    before = seed.count_stored(running.url, running.key)
    timed = replace(plan, seconds=args.seconds, links=running.links[warm:])
    if args.profile is None or any(args.profile.glob("worker-*.txt")):
        tally, used = measured(timed, running.pid)
    else:
        with profile.sampling(running.pid, args.seconds, args.profile):
            tally, used = measured(timed, running.pid)
        print(profile.summary(args.profile))
        print("  (py-spy shared the cores during this run: its figures are lower than usual)")
    return Outcome(tally, seed.count_stored(running.url, running.key) - before, used)


def run_engine(
    engine: str, args: argparse.Namespace, temp: Path, number: int, compare: bool
) -> dict[str, float]:
    """Each respondent run on a fresh database; after the first, the page-only runs if asked."""
    figures = {}
    for shape in _shapes(args):
        with chorus_on(engine, args, temp, shape) as running:
            outcome = answer_links(running, args)
            found = report.respondent_run(
                f"{ENGINES[engine]}, {shape}", number, outcome.tally, outcome.stored, outcome.used
            )
            figures |= {f"{engine}.{shape}.{name}": value for name, value in found.items()}
            if compare:
                compare = False
                save_page(running.port, running.page_token, temp / "static")
                page = f"/r/{running.page_token}"
                figures |= page_runs("chorus", running.port, page, running.pid, args)
    return figures


def _shapes(args: argparse.Namespace) -> list[str]:
    shapes = [shape.strip() for shape in args.shapes.split(",") if shape.strip()]
    unknown = set(shapes) - set(SHAPES)
    if unknown or not shapes:
        raise SystemExit(f"--shapes takes {' and '.join(SHAPES)}, not {args.shapes!r}")
    return shapes


def run_ceilings(args: argparse.Namespace, temp: Path) -> dict[str, float]:
    """The saved page served by nginx as a file, then by gunicorn from a bare WSGI app."""
    root = temp / "static"
    temp.chmod(0o755)  # nginx's workers run as nobody and must reach the page
    headers = report.read_headers(root / "headers.txt")
    with servers.nginx(root, headers, args.keepalive) as (port, pid):
        figures = page_runs("nginx", port, "/page.html", pid, args)
    settings = servers.Gunicorn(args.workers, args.threads)
    with servers.saved_page(settings, root, temp / "gunicorn.log") as (port, pid):
        figures |= page_runs("gunicorn", port, "/page.html", pid, args)
    return figures


def page_runs(
    server: str, port: int, path: str, pid: int, args: argparse.Namespace
) -> dict[str, float]:
    """The same page fetched over and over by the Python client, and by wrk when installed."""
    plan = driver.Plan(
        port,
        args.clients,
        args.seconds,
        args.client_processes,
        fetch=path,
        keepalive=args.keepalive,
        timeout=args.timeout,
    )
    tally, used = measured(plan, pid)
    figures = report.page_figures(f"compare.{server}.python", tally, used, args.seconds)
    if wrk.available():
        result = wrk.run(
            f"http://127.0.0.1:{port}{path}", args.clients, args.seconds, args.keepalive
        )
        figures |= {
            f"compare.{server}.wrk": result.rate,
            f"compare.{server}.wrk_p99": result.p99,
            f"compare.{server}.wrk_bad": float(result.bad),
        }
    return figures


def measured(plan: driver.Plan, server_pid: int) -> tuple[Tally, dict[str, float]]:
    """Run a plan and return its tally with the processor seconds each party used."""
    before = cpu.snapshot([server_pid], seed.POSTGRES_DATABASE)
    started = time.monotonic()
    tally = driver.run(plan)
    used = cpu.used_between(before, cpu.snapshot([server_pid], seed.POSTGRES_DATABASE))
    used["wall"] = time.monotonic() - started
    used["client"] = tally.client_cpu
    return tally, used


def mix(tokens: dict[str, list[str]], multipage: float) -> list[tuple[str, str]]:
    """Links in the order respondents take them: the 4-page questionnaire with this share."""
    single, multi = seed.QUESTIONNAIRES
    rng = random.Random(5)
    pools = {single: iter(tokens[single]), multi: iter(tokens[multi])}
    links = []
    for _ in range(min(len(tokens[single]), len(tokens[multi]))):
        slug = multi if rng.random() < multipage else single
        links.append((next(pools[slug]), slug))
    return links


def save_page(port: int, token: str, root: Path) -> None:
    """The page as Chorus sent it (gzip and plain), with its own headers, for the ceilings."""
    root.mkdir(exist_ok=True)
    reply = Wire("127.0.0.1", port, timeout=10).request(
        "GET", f"/r/{token}", {"Accept-Encoding": "gzip"}
    )
    (root / "page.html").write_bytes(reply.text())
    if reply.headers.get("content-encoding") == "gzip":
        (root / "page.html.gz").write_bytes(reply.body)
    report.write_headers(root / "headers.txt", servers.copied_headers(reply.headers))


def _app(args: argparse.Namespace) -> str:
    return "bench.serve:create()" if args.pool_size else "wsgi:app"


def _pool_env(args: argparse.Namespace) -> dict[str, str]:
    if not args.pool_size:
        return {}
    return {"BENCH_POOL_SIZE": str(args.pool_size), "BENCH_POOL_TIMEOUT": str(args.pool_timeout)}


if __name__ == "__main__":
    sys.exit(main())
