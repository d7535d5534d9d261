"""Processor time used by the server processes during a run, read from /proc (Linux only)."""

import os
from collections.abc import Iterable
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[str, int, float] | None:
    """(command name, parent pid, user + system seconds) of a live process."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = raw[raw.index("(") + 1 : raw.rindex(")")]
    fields = raw[raw.rindex(")") + 2 :].split()
    return name, int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


def _processes() -> dict[int, tuple[str, int, float]]:
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
            found[int(entry.name)] = stat
    return found


def children(parent: int) -> list[int]:
    """The live child processes of a process (a gunicorn master's workers)."""
    return [pid for pid, (_, ppid, _) in _processes().items() if ppid == parent]


def snapshot(roots: Iterable[int], database: str) -> dict[str, float]:
    """Seconds used so far by each root with its children, by `database`'s backends, by all."""
    processes = _processes()
    used: dict[str, float] = {}
    for root in roots:
        family = {root} | {pid for pid, (_, parent, _) in processes.items() if parent == root}
        name = processes[root][0] if root in processes else str(root)
        used[name] = sum(processes[pid][2] for pid in family if pid in processes)
    used["postgres"] = sum(
        seconds
        for pid, (name, _, seconds) in processes.items()
        if name == "postgres" and _serves(pid, database)
    )
    used["machine"] = machine_busy()
    return used


def _serves(pid: int, database: str) -> bool:
    """True for a PostgreSQL backend connected to `database` (its title names it)."""
    try:
        title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return False
    return f" {database} ".encode() in title


def machine_busy() -> float:
    """Seconds every core has spent busy since boot (all processes and the kernel)."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return (sum(fields[:8]) - idle) / TICKS


def used_between(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    return {name: after[name] - before.get(name, 0.0) for name in after}
