"""wrk, when installed: a load generator in C, to see how far the Python client is the limit."""

import re
import shutil
import subprocess
from dataclasses import dataclass

RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
PERCENTILE = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
ERRORS = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")


@dataclass(frozen=True)
class WrkResult:
    rate: float
    p50: float
    p99: float
    bad: int


def available() -> bool:
    return shutil.which("wrk") is not None


def run(url: str, clients: int, seconds: float, keepalive: bool) -> WrkResult:
    """GET the URL from `clients` connections on two threads, gzip accepted, like the client."""
    command = [
        "wrk",
        "--threads",
        "2",
        "--connections",
        str(max(2, clients)),
        "--duration",
        f"{max(1, round(seconds))}s",
        "--latency",
        "--header",
        "Accept-Encoding: gzip",
        url,
    ]
    if not keepalive:
        command[-1:-1] = ["--header", "Connection: close"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse(output)


def parse(output: str) -> WrkResult:
    rate = RATE.search(output)
    found = {p: float(v) * UNITS[u] for p, v, u in PERCENTILE.findall(output)}
    bad = ERRORS.search(output)
    return WrkResult(
        rate=float(rate.group(1)) if rate else 0.0,
        p50=found.get("50", 0.0),
        p99=found.get("99", 0.0),
        bad=int(bad.group(1)) if bad else 0,
    )
