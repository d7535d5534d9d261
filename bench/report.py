"""What the benchmark prints: each run as it ends, then medians and the targets."""

import argparse
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from bench.seed import Stored
from bench.stats import KINDS, Tally, median, percentile

# The same-page runs: Chorus, then gunicorn's and the machine's ceilings.
SERVERS = ("chorus", "gunicorn", "nginx")
SERVER_NAMES = {"chorus": "Chorus", "gunicorn": "bare gunicorn", "nginx": "nginx"}
LABELS = {"page": "questionnaire page", "save": "page saved (303)", "send": "answers sent"}
CORES = os.cpu_count() or 1


def header(args: argparse.Namespace, engines: Sequence[str], compare: bool, has_wrk: bool) -> None:
    kind = f"gthread x{args.threads}" if args.threads > 1 else "sync"
    print(
        f"Chorus load benchmark on {CORES} cores: {args.clients} respondents for "
        f"{args.seconds:g} s, {args.rounds} rounds of {', '.join(engines)} ({args.shapes}); "
        f"gunicorn {args.workers} {kind} workers; {args.client_processes} client processes; "
        f"{'keep-alive' if args.keepalive else 'a new connection per request'}."
    )
    if not compare:
        print("No nginx comparison (skipped, or /usr/sbin/nginx is missing).")
    elif not has_wrk:
        print("wrk is not installed: the page comparison uses the Python client only.")
    print(flush=True)


def respondent_run(
    label: str,
    number: int,
    tally: Tally,
    stored: Stored,
    used: Mapping[str, float],
) -> dict[str, float]:
    """Print one respondent run and return its figures by name."""
    print(f"Round {number} · {label}: respondents")
    figures: dict[str, float] = {}
    for kind in KINDS:
        if tally.latencies[kind]:  # a one-page run saves no pages
            figures |= _latency_line(kind, tally)
    figures["complete"] = tally.complete_per_second()
    mix = ", ".join(f"{slug} {count}" for slug, count in sorted(tally.accepted.items()))
    print(f"  {'complete responses':<20} {figures['complete']:8.1f}/s  ({mix or 'none'})")
    figures |= _check_counts(tally, stored)
    figures |= _errors(tally)
    figures |= _processor(used)
    figures |= _cost(tally, used)
    print(flush=True)
    return figures


def _latency_line(kind: str, tally: Tally) -> dict[str, float]:
    values = tally.latencies[kind]
    found = {f"{kind}.rate": tally.rate(kind)}
    found |= {f"{kind}.p{p}": percentile(values, p / 100) for p in (50, 95, 99)}
    print(
        f"  {LABELS[kind]:<20} {found[f'{kind}.rate']:8.1f}/s  p50 {found[f'{kind}.p50']:7.1f} "
        f"ms  p95 {found[f'{kind}.p95']:7.1f} ms  p99 {found[f'{kind}.p99']:7.1f} ms"
    )
    return found


def _check_counts(tally: Tally, stored: Stored) -> dict[str, float]:
    """Compare what the clients were thanked for with what the database holds."""
    accepted = tally.accepted.total()
    print(
        f"  accepted {accepted}, stored {stored.responses}, links spent {stored.used_links}, "
        f"answer values sent {tally.answers}, answer rows stored {stored.answers}"
    )
    problems = [
        *_compare("responses", accepted, tally.unconfirmed, stored.responses),
        *_compare("links spent", accepted, tally.unconfirmed, stored.used_links),
        *_compare("answer rows", tally.answers, tally.unconfirmed_answers, stored.answers),
    ]
    for problem in problems:
        print(f"  !!!!!!!! {problem} !!!!!!!!")
    if tally.unconfirmed:
        print(
            f"  !! {tally.unconfirmed} respondents sent their last page and never saw the "
            f"thank-you page; {stored.responses - accepted} of them were stored anyway"
        )
    if tally.out_of_links:
        print("  !! the clients ran out of links: rates are low; raise --max-rate")
    return {"mismatch": float(len(problems)), "accepted": float(accepted)}


def _compare(what: str, thanked: int, unsure: int, stored: int) -> list[str]:
    """LOST below what was thanked for; DUPLICATED above it plus every unconfirmed send."""
    if stored < thanked:
        return [f"LOST: {thanked - stored} {what} thanked for but not stored"]
    if stored > thanked + unsure:
        return [f"DUPLICATED: {stored - thanked - unsure} more {what} than were sent"]
    return []


def _errors(tally: Tally) -> dict[str, float]:
    listed = ", ".join(f"{kind} x{count}" for kind, count in tally.errors.most_common())
    retried = f"; {tally.retries} retries" if tally.retries else ""
    print(f"  errors: {listed or 'none'}{retried}")
    return {"errors": float(tally.errors.total()), "retries": float(tally.retries)}


def _processor(used: Mapping[str, float]) -> dict[str, float]:
    """Cores used by each party; 'other' is everything else on the machine meanwhile."""
    wall = used["wall"] or 1.0
    cores = {name: seconds / wall for name, seconds in used.items() if name != "wall"}
    machine = cores.pop("machine", 0.0)
    cores["other"] = max(0.0, machine - sum(cores.values()))
    shown = ", ".join(f"{name} {value:.2f}" for name, value in cores.items())
    print(f"  processor use in cores (of {CORES}): {shown}")
    if cores["other"] > 0.2:
        print("  !! other processes were busy during this run: its figures understate Chorus")
    return {f"cores.{name}": value for name, value in cores.items()}


def _cost(tally: Tally, used: Mapping[str, float]) -> dict[str, float]:
    """Processor time per request: steadier than rates when the machine is shared."""
    requests = sum(len(v) for v in tally.latencies.values()) + tally.errors.total()
    if not requests:
        return {}
    app, database = used.get("gunicorn", 0.0), used.get("postgres", 0.0)
    found = {"ms.app": 1000 * app / requests, "ms.postgres": 1000 * database / requests}
    print(
        f"  processor time per request: gunicorn {found['ms.app']:.2f} ms, postgres "
        f"{found['ms.postgres']:.2f} ms ({requests} requests)"
    )
    return found


def page_figures(
    prefix: str, tally: Tally, used: Mapping[str, float], seconds: float
) -> dict[str, float]:
    values = tally.latencies["page"]
    wall = used["wall"] or seconds
    return {
        prefix: tally.rate("page"),
        f"{prefix}_p95": percentile(values, 0.95),
        f"{prefix}_errors": float(tally.errors.total()),
        f"{prefix}_client_cores": tally.client_cpu / wall,
    }


def comparison(number: int, figures: Mapping[str, float]) -> None:
    """Print the same-page runs of one round: Chorus, bare gunicorn and nginx, for each client."""
    print(f"Round {number} · the same page from Chorus, from bare gunicorn and from nginx")
    for client in ("python", "wrk"):
        names = [f"compare.{server}.{client}" for server in SERVERS]
        if not all(name in figures for name in names):
            continue
        chorus, bare, nginx = (figures[name] for name in names)
        print(
            f"  {client + ' client':<14} Chorus {chorus:8.1f}/s, bare gunicorn {bare:8.1f}/s, "
            f"nginx {nginx:8.1f}/s: Chorus = {_share(chorus, nginx)} of nginx, "
            f"{_share(chorus, bare)} of bare gunicorn"
        )
        if client == "python":
            print(
                "    the client used "
                + ", ".join(
                    f"{figures[f'compare.{server}.python_client_cores']:.2f} cores against "
                    f"{SERVER_NAMES[server]}"
                    for server in SERVERS
                )
            )
    print(flush=True)


def _share(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def write_headers(path: Path, headers: Mapping[str, str]) -> None:
    path.write_text("".join(f"{name}\t{value}\n" for name, value in headers.items()))


def read_headers(path: Path) -> dict[str, str]:
    lines = path.read_text().splitlines()
    return dict(line.split("\t", 1) for line in lines if "\t" in line)


Median = Callable[[str], float]
# The targets: (what, figure, unit, limit, met when below the limit).
TARGETS = (
    ("page p95 under 150 ms", "page.p95", " ms", 150, True),
    ("answers sent p95 under 250 ms", "send.p95", " ms", 250, True),
    ("300 complete responses/s", "complete", "/s", 300, False),
)


def summary(
    rounds: Sequence[Mapping[str, float]],
    engines: Sequence[str],
    shapes: Sequence[str],
    args: argparse.Namespace,
) -> int:
    """Print medians over the rounds and the targets; 1 if any round lost or doubled answers."""

    def mid(name: str) -> float:
        return median(r[name] for r in rounds if name in r)

    print(f"Medians of {len(rounds)} rounds")
    for engine in engines:
        for shape in shapes:
            _run_medians(f"{engine}.{shape}", mid)
    for client in ("python", "wrk"):
        if shares := _shares(rounds, client):
            rates = ", ".join(
                f"{SERVER_NAMES[server]} {mid(f'compare.{server}.{client}'):.1f}/s"
                for server in SERVERS
            )
            print(f"  same page, {client} client: {rates}")
            print(
                f"    Chorus = {median(shares):.1f}% of nginx, "
                f"{median(_shares(rounds, client, 'gunicorn')):.1f}% of bare gunicorn; bare "
                f"gunicorn = {median(_shares(rounds, client, 'nginx', 'gunicorn')):.1f}% of nginx"
            )
    if "postgresql" in engines:
        _targets(rounds, shapes, args, mid)
    failed = sum(r[name] for r in rounds for name in r if name.endswith(".mismatch"))
    if failed:
        print("\n!!!!!!!! ANSWERS WERE LOST OR DUPLICATED: see the rounds above !!!!!!!!")
    return 1 if failed else 0


def _run_medians(run: str, mid: Median) -> None:
    rates = ", ".join(
        f"{LABELS[kind]} {mid(f'{run}.{kind}.rate'):.1f}/s (p95 {mid(f'{run}.{kind}.p95'):.1f} ms)"
        for kind in KINDS
        if mid(f"{run}.{kind}.rate")
    )
    print(f"  {run}: {rates}")
    print(
        f"    complete responses {mid(f'{run}.complete'):.1f}/s, errors "
        f"{mid(f'{run}.errors'):g}; per request gunicorn {mid(f'{run}.ms.app'):.2f} ms, "
        f"postgres {mid(f'{run}.ms.postgres'):.2f} ms; other processes "
        f"{mid(f'{run}.cores.other'):.2f} cores"
    )


def _targets(
    rounds: Sequence[Mapping[str, float]],
    shapes: Sequence[str],
    args: argparse.Namespace,
    mid: Median,
) -> None:
    print(f"\nTargets (PostgreSQL, {args.clients} respondents, medians)")
    lost = sum(r[name] for r in rounds for name in r if name.endswith(".mismatch"))
    rows = [("nothing lost or doubled", "none" if not lost else f"{lost:g} runs", not lost)]
    for shape in shapes:
        for name, figure, unit, limit, below in TARGETS:
            found = mid(f"postgresql.{shape}.{figure}")
            met = found < limit if below else found >= limit
            rows.append((f"{name}, {shape}", f"{found:.1f}{unit}", met))
    for client in ("wrk", "python"):
        if shares := _shares(rounds, client):
            share = median(shares)
            rows.append((f"page 10% of nginx ({client} client)", f"{share:.1f}%", share >= 10))
    for name, shown, met in rows:
        print(f"  {name:<42} {shown:>12}  {'met' if met else 'MISSED'}")


def _shares(
    rounds: Sequence[Mapping[str, float]], client: str, of: str = "nginx", server: str = "chorus"
) -> list[float]:
    """One server's page rate as a percentage of another's, in each round that measured both."""
    part, whole = f"compare.{server}.{client}", f"compare.{of}.{client}"
    return [100 * r[part] / r[whole] for r in rounds if r.get(whole) and part in r]
