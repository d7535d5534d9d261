"""py-spy, when installed, sampling every gunicorn worker during a run, summarised per route.

py-spy is not a dependency: `.venv/bin/pip install py-spy` to use `--profile DIR`.
"""

import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.cpu import children

ROUTES = {
    "questionnaire page (GET)": "questionnaire (app/respond/routes.py",
    "answers posted (POST)": "answer (app/respond/routes.py",
}
LINE_NUMBER = re.compile(r":\d+\)$")
# Frames worth naming: Chorus's code and templates, and the library calls that cost most.
TELLING = (
    "(app/", "(forms/", ".html)", "Connection.wait (psycopg", "_do_ping", "_emit_lazyload",
    "Session.commit (sqlalchemy", "Session.close (sqlalchemy", "render_template (flask",
    "save_session (flask", "open_session (flask", "generate_csrf (flask_wtf", "compress (gzip",
    "handle_request (gunicorn", "close (gunicorn", "parse (gunicorn", "write (gunicorn",
    "_check_request_limit (flask_limiter",
)  # fmt: skip


def py_spy() -> str | None:
    local = Path(sys.executable).parent / "py-spy"
    return str(local) if local.exists() else shutil.which("py-spy")


@contextmanager
def sampling(master: int, seconds: float, out: Path) -> Iterator[None]:
    """Record every worker of a gunicorn master for `seconds` into raw stack files in `out`."""
    command = py_spy()
    if command is None:
        raise RuntimeError("py-spy is not installed: .venv/bin/pip install py-spy")
    out.mkdir(parents=True, exist_ok=True)
    spies = [_spy(command, worker, seconds, out) for worker in children(master)]
    try:
        yield
    finally:
        for spy in spies:
            spy.wait(timeout=seconds + 60)


def _spy(command: str, worker: int, seconds: float, out: Path) -> subprocess.Popen[bytes]:
    arguments = ["record", "--pid", str(worker), "--duration", str(round(seconds))]
    arguments += ["--rate", "200", "--format", "raw", "--nonblocking"]
    arguments += ["--output", str(out / f"worker-{worker}.txt")]
    quiet = subprocess.DEVNULL
    return subprocess.Popen([command, *arguments], stdout=quiet, stderr=quiet)


def summary(out: Path, count: int = 18) -> str:
    """Per route, and outside both: share of the workers' samples and where it goes."""
    stacks = _stacks(out)
    total = sum(stacks.values()) or 1
    lines = []
    for label, marker in ROUTES.items():
        inside = {s: n for s, n in stacks.items() if any(f.startswith(marker) for f in s)}
        lines += _section(label, inside, total, count)
    markers = tuple(ROUTES.values())
    rest = {s: n for s, n in stacks.items() if not any(f.startswith(markers) for f in s)}
    return "\n".join(lines + _section("outside the two views", rest, total, count))


def _section(label: str, stacks: dict[tuple[str, ...], int], total: int, count: int) -> list[str]:
    within = sum(stacks.values())
    lines = [f"{label}: {100 * within / total:.1f}% of worker samples, of which:"]
    for frame, share in _inclusive(stacks, within or 1).most_common(count):
        lines.append(f"  {share:5.1f}%  {frame}")
    return lines


def _stacks(out: Path) -> Counter[tuple[str, ...]]:
    stacks: Counter[tuple[str, ...]] = Counter()
    for path in out.glob("worker-*.txt"):
        for line in path.read_text().splitlines():
            stack, _, samples = line.rpartition(" ")
            if stack and samples.isdigit():
                frames = tuple(LINE_NUMBER.sub(")", f) for f in stack.split(";"))
                stacks[frames] += int(samples)
    return stacks


def _inclusive(stacks: dict[tuple[str, ...], int], total: int) -> Counter[str]:
    shares: Counter[str] = Counter()
    for frames, samples in stacks.items():
        for frame in set(frames):
            shares[frame] += samples
    return Counter({frame: 100 * n / total for frame, n in shares.items() if _telling(frame)})


def _telling(frame: str) -> bool:
    """Chorus's own code and templates, and the library calls that cost the most."""
    if frame.startswith(tuple(ROUTES.values())):
        return False
    return any(part in frame for part in TELLING)
