"""The evidence benchmark: `python -m bench.evidence` (or `make bench-evidence`).

For each database (a fresh PostgreSQL database, dropped afterwards, and a fresh SQLite file)
it writes one synthetic board-year with Chorus's own code (see ``bench.board_year``) and
times what staff wait for: reading the year's answers (on PostgreSQL both ``read_sql`` and
the loader's ``COPY``), building the board's evidence pack for the financial year (in a
fresh process, so that its growth in resident memory is the pack's own), and the results
page of the survey holding the most responses, cold and warm. It then times what sentiment
adds to storing one response, which needs no database. Each figure is printed beside its
target.
"""

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import partial
from multiprocessing import forkserver, get_context
from pathlib import Path
from typing import Any
from unittest import mock

import pandas as pd
import psycopg
from psycopg import sql
from sqlalchemy import Connection, select, text

from app.auth.sessions import session_marks
from app.extensions import db
from app.models import Board
from app.questionnaires.definition import TEXT_TYPES
from app.respond import submission
from app.results.loader import ANSWERS, read_answers, surveys_for
from app.results.service import board_pack
from bench import seed
from bench.board_year import BoardYear, answer_sets, app_for, build, this_year
from bench.stats import median, percentile

ENGINES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
PACK_SECONDS, PACK_MB, PAGE_SECONDS, SENTIMENT_MS = 5.0, 1536, 1.0, 5.0  # the targets


@dataclass(frozen=True)
class PackFigures:
    seconds: float  # median
    traced_mb: float  # tracemalloc's peak during one more build
    rss_mb: float  # the fresh process's high-water resident memory, less what it had before


@dataclass(frozen=True)
class PageFigures:
    status: int
    cold: float
    warm: float  # median


# (flag, type, default, help)
OPTIONS: tuple[tuple[str, type, object, str], ...] = (
    ("--responses", int, 100_000, "responses in the board-year (100000)"),
    ("--survey-responses", int, 20_000, "of which to the survey whose page is timed (20000)"),
    ("--engines", str, "postgresql,sqlite", "databases, in the order run (both)"),
    ("--runs", int, 3, "runs of each read, pack and warm page; medians are shown (3)"),
    ("--answer-sets", int, 2000, "answer sets stored with and without sentiment (2000)"),
    ("--seed", int, 2026, "seed of the synthetic answers (2026)"),
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.evidence", description=__doc__)
    for flag, kind, default, help_text in OPTIONS:
        parser.add_argument(flag, type=kind, default=default, help=help_text)
    args = parser.parse_args(argv)
    args.engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    if not args.engines or set(args.engines) - set(ENGINES):
        parser.error(f"--engines takes {' and '.join(ENGINES)}")
    return args


def main(argv: list[str] | None = None) -> int:
    """Print every engine's table and the storing cost; non-zero if a results page failed."""
    args = parse_args(argv)
    forkserver.ensure_running()  # now, while this process is small: see pack_figures
    period, today = this_year()
    print(
        f"Chorus evidence benchmark: a board-year of {args.responses:,} responses (financial "
        f"year {period.label}, to {today}); medians of {args.runs} runs.\n",
        flush=True,
    )
    failed = False
    with tempfile.TemporaryDirectory(prefix="chorus-evidence-") as temp:
        for engine in args.engines:
            with scratch_database(engine, Path(temp)) as url:
                year = build(url, args.responses, args.survey_responses, args.seed)
                failed |= not run_engine(engine, year, args)
    storing(args)
    return 1 if failed else 0


@contextmanager
def scratch_database(engine: str, folder: Path) -> Iterator[str]:
    """A fresh database's URL: a new SQLite file, or a PostgreSQL database dropped afterwards."""
    if engine == "sqlite":
        yield seed.database_url("sqlite", folder)
        return
    name = f"chorus_evidence_{time.time_ns()}"
    _postgres("CREATE DATABASE {}", name)
    try:
        yield f"{seed.POSTGRES_SERVER}/{name}"
    finally:
        _postgres("DROP DATABASE IF EXISTS {} WITH (FORCE)", name)


def _postgres(statement: str, name: str) -> None:
    with psycopg.connect(f"{seed.POSTGRES_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL(statement).format(sql.Identifier(name)))  # type: ignore[arg-type]


def run_engine(engine: str, year: BoardYear, args: argparse.Namespace) -> bool:
    """Measure and print one engine's table; False if the results page did not answer 200."""
    print(f"{ENGINES[engine]}: {year.responses:,} responses over {year.surveys} surveys, "
          f"{year.answers:,} answers ({year.answers / max(year.responses, 1):.1f} a response), "
          f"{year.with_text:,} with free text; written in {year.seconds:.1f} s")  # fmt: skip
    for way, (seconds, rows) in read_times(year, args.runs).items():
        row(f"read the answers, {way}", f"{seconds:6.2f} s", f"({rows:,} rows)")
    print_pack(pack_figures(year, args.runs))
    good = print_page(results_page(year, args.runs), min(args.survey_responses, args.responses))
    print(flush=True)
    return good


def print_pack(pack: PackFigures) -> None:
    fast, small = pack.seconds < PACK_SECONDS, max(pack.traced_mb, pack.rss_mb) < PACK_MB
    row("evidence pack, financial year", f"{pack.seconds:6.2f} s",
        verdict(fast, f"< {PACK_SECONDS:g} s"))  # fmt: skip
    row("evidence pack, peak memory",
        f"{pack.traced_mb:6.0f} MB traced, {pack.rss_mb:.0f} MB RSS growth",
        verdict(small, f"< {PACK_MB / 1024:g} GB"))  # fmt: skip


def print_page(page: PageFigures, responses: int) -> bool:
    """Print the cold and warm page; False if it did not answer 200."""
    label, good = f"results page, {responses:,} responses", page.status == 200
    note = verdict(good and page.cold < PAGE_SECONDS, f"< {PAGE_SECONDS:g} s")
    row(f"{label}, cold", f"{page.cold:6.2f} s", note if good else f"HTTP {page.status}  {note}")
    row(f"{label}, warm", f"{page.warm:6.2f} s")
    return good


def row(label: str, figure: str, note: str = "") -> None:
    print(f"  {label:<46} {figure}{'   ' + note if note else ''}")


def verdict(met: bool, target: str) -> str:
    return f"[target {target}: {'met' if met else 'NOT MET'}]"


def read_times(year: BoardYear, runs: int) -> dict[str, tuple[float, int]]:
    """Median seconds and rows of reading the year's answers each way the engine has."""
    period, _ = this_year()
    with app_for(year.url, year.key).app_context():
        board = db.session.scalars(select(Board).where(Board.slug == year.board)).one()
        ids = [s.id for s in surveys_for(db.session, [board.id])]
        connection = db.session.connection()
        loader = partial(read_answers, connection, ids, period.start, period.end)
        ways = {"read_sql (the loader's way)": loader}
        if connection.dialect.name == "postgresql":
            ways = {"read_sql": partial(_read_sql, connection, ids, period.start, period.end),
                    "COPY (the loader's way)": loader}  # fmt: skip
        found = {way: _timed_rows(read, runs) for way, read in ways.items()}
        db.session.remove()
        db.engine.dispose()
    return found


def _read_sql(connection: Connection, ids: list[int], start: date, end: date) -> pd.DataFrame:
    """The loader's query through pandas.read_sql, as the loader reads SQLite."""
    query = ANSWERS.format(surveys=",".join(map(str, ids)), start=":start", end=":end")
    found = pd.read_sql(text(query), connection, params={"start": start, "end": end})
    found["day"] = pd.to_datetime(found["day"])
    return found


def _timed_rows(read: Callable[[], pd.DataFrame], runs: int) -> tuple[float, int]:
    seconds, rows = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = len(read())
        seconds.append(time.perf_counter() - started)
    return median(seconds), rows


def pack_figures(year: BoardYear, runs: int) -> PackFigures:
    """The pack built `runs` times, then once traced, in a fresh process.

    The process is forked from the server that ``main`` started while this one was small: a
    spawned child would start with this process's peak resident size as its own (Linux keeps
    ``ru_maxrss`` across exec), hiding the pack's growth behind the reads before it.
    """
    with ProcessPoolExecutor(1, mp_context=get_context("forkserver")) as pool:
        return pool.submit(_packs, year, runs).result()


def _packs(year: BoardYear, runs: int) -> PackFigures:
    with app_for(year.url, year.key).app_context():
        before = _max_rss_mb()
        seconds = [_one_pack(year.board) for _ in range(runs)]
        grown = _max_rss_mb() - before
        tracemalloc.start()
        _one_pack(year.board)
        traced = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        db.engine.dispose()
    return PackFigures(median(seconds), traced, grown)


def _one_pack(board_slug: str) -> float:
    """Seconds to build the board's pack for the financial year, from a new session."""
    period, today = this_year()
    db.session.remove()
    started = time.perf_counter()
    board = db.session.scalars(select(Board).where(Board.slug == board_slug)).one()
    pack = board_pack(db.session, board, period, today)
    seconds = time.perf_counter() - started
    if not pack.sections:
        raise RuntimeError("the evidence pack came out empty")
    return seconds


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def results_page(year: BoardYear, runs: int) -> PageFigures:
    """GET the survey's results page as its board's manager: once on a new app, then again."""
    app = app_for(year.url, year.key)
    client = app.test_client()
    with client.session_transaction() as session:
        session.update({"_user_id": year.manager_id, "_fresh": True})
        session.update(session_marks(time.time(), second_factor=True))
    path = f"/boards/{year.board}/surveys/{year.survey}/results"
    timings, statuses = [], []
    for _ in range(1 + runs):
        started = time.perf_counter()
        statuses.append(client.get(path, headers={"Accept-Encoding": "gzip"}).status_code)
        timings.append(time.perf_counter() - started)
    with app.app_context():
        db.engine.dispose()
    status = next((s for s in statuses if s != 200), 200)
    return PageFigures(status, timings[0], median(timings[1:]))


def storing(args: argparse.Namespace) -> None:
    """What sentiment adds to storing one response: answer_values with and without it."""
    sets = list(answer_sets(args.answer_sets, args.seed))
    _storing_ms(list(answer_sets(200, args.seed + 1)))  # warm: the lexicon, caches
    without, with_it = _storing_ms(sets)
    extra = [w - wo for w, wo in zip(with_it, without, strict=True)]
    texts = sum(any(q.type in TEXT_TYPES and q.key in a for q in qs) for a, qs in sets)
    print(f"Storing one response (answer_values, {len(sets):,} answer sets, {texts:,} with "
          "free text; the same on every engine)")  # fmt: skip
    row("without sentiment", _p50_p95(without))
    row("with sentiment", _p50_p95(with_it))
    met = percentile(extra, 0.95) <= SENTIMENT_MS
    row("extra for sentiment", _p50_p95(extra), verdict(met, f"<= {SENTIMENT_MS:g} ms at p95"))


def _p50_p95(values: list[float]) -> str:
    return f"p50 {percentile(values, 0.5):6.3f} ms, p95 {percentile(values, 0.95):6.3f} ms"


def _storing_ms(sets: list[tuple[dict[str, Any], list[Any]]]) -> tuple[list[float], list[float]]:
    """Per answer set, milliseconds without and with sentiment, taken in turn."""
    without, with_it = [], []
    for answers, questions in sets:
        with mock.patch.object(submission, "polarity", lambda _text: None):
            without.append(_fastest_ms(answers, questions))
        with_it.append(_fastest_ms(answers, questions))
    return without, with_it


def _fastest_ms(answers: dict[str, Any], questions: list[Any], tries: int = 3) -> float:
    """The best of a few tries, so that a scheduler hiccup is not taken for the cost."""
    best = float("inf")
    for _ in range(tries):
        started = time.perf_counter()
        list(submission.answer_values(answers, questions))
        best = min(best, time.perf_counter() - started)
    return best * 1000


if __name__ == "__main__":
    sys.exit(main())
