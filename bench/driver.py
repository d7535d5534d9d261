"""Many clients at once: several processes, each with many threads, started together.

Several processes because one Python process cannot keep 64 sockets busy on its own: the
GIL would make the client, not the server, the thing being measured.
"""

import multiprocessing
import os
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.synchronize import Event

from bench.respondent import BROWSER, Respondent
from bench.stats import Tally, merged
from bench.wire import Wire, WireError

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Plan:
    """What every client does for `seconds`: answer links, or fetch one path over and over."""

    port: int
    clients: int
    seconds: float
    processes: int
    links: Sequence[tuple[str, str]] = ()  # (token, questionnaire slug)
    fetch: str = ""
    keepalive: bool = False
    timeout: float = 30.0
    retries: int = 3


def run(plan: Plan) -> Tally:
    """Run the plan in `processes` client processes and return their combined tally."""
    context = multiprocessing.get_context("spawn")
    ready, go, results = context.Queue(), context.Event(), context.Queue()
    start_at = context.Value("d", 0.0)
    workers = [
        context.Process(target=_process, args=(plan, n, ready, go, start_at, results), daemon=True)
        for n in range(plan.processes)
    ]
    for worker in workers:
        worker.start()
    for _ in workers:
        ready.get(timeout=60)
    start_at.value = time.monotonic() + 0.2
    go.set()
    tallies = [
        results.get(timeout=plan.seconds + plan.timeout * (plan.retries + 2) + 60) for _ in workers
    ]
    for worker in workers:
        worker.join()
    return merged(tallies)


def _process(plan: Plan, number: int, ready, go: Event, start_at, results) -> None:  # type: ignore[no-untyped-def]
    share = range(number, plan.clients, plan.processes)
    links = iter(plan.links[number :: plan.processes])
    lock = threading.Lock()
    tallies = [Tally() for _ in share]
    ready.put(number)
    go.wait()
    began, cpu = start_at.value, os.times()
    while time.monotonic() < began:
        time.sleep(0.001)
    threads = [
        threading.Thread(target=_client, args=(plan, tally, links, lock, began, seed))
        for tally, seed in zip(tallies, share, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = merged(tallies)
    now = os.times()
    total.client_cpu = now.user + now.system - cpu.user - cpu.system
    results.put(total)


def _client(
    plan: Plan,
    tally: Tally,
    links: Iterator[tuple[str, str]],
    lock: threading.Lock,
    began: float,
    seed: int,
) -> None:
    wire = Wire(HOST, plan.port, plan.timeout, plan.keepalive)
    deadline = began + plan.seconds
    if plan.fetch:
        _fetch(wire, plan.fetch, tally, deadline)
    else:
        respondent = Respondent(wire, tally, deadline, plan.retries, seed)
        while time.monotonic() < deadline:
            with lock:
                link = next(links, None)
            if link is None:
                tally.out_of_links = True
                break
            respondent.answer(*link)
    wire.close()
    tally.elapsed = time.monotonic() - began


def _fetch(wire: Wire, path: str, tally: Tally, deadline: float) -> None:
    """GET one path until the deadline, as a first-time visitor each time (no cookie)."""
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            reply = wire.request("GET", path, BROWSER)
        except (OSError, WireError) as error:
            tally.errors[f"page {type(error).__name__}"] += 1
            continue
        if reply.status == 200:
            tally.record("page", time.perf_counter() - started)
        else:
            tally.errors[f"page {reply.status}"] += 1
