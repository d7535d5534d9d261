"""The disclosure benchmark: `python -m bench.disclosures` (or `make bench-disclosures`).

It scans Chorus's labelled set (``analysis/safeguarding/labelled.csv``) with the maintained
lexicon and its concept tier and prints, part by part, recall and false alarms; then, for the
held-out part (the last part, written after the detector was last frozen and never used to
change it), for the earlier parts (most used to shape it) and for the whole set: recall on
clear disclosures, overall, by the lexicon alone and per category, beside the 95% target,
and the false-alarm rate on reassurances, ordinary complaints and idioms, each apart. Then
every miss and false alarm, and speed: building the detector, texts scanned a second, and
one 10,000-character text, written normally and run together without spaces.
Building is timed in a fresh process too, as a worker's first scan pays for it.
"""

import argparse
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

from analysis.safeguarding import Detector, Finding, scan
from analysis.safeguarding.concepts import PREFIX
from analysis.safeguarding.evaluation import PARTS, Evaluation, Labelled, Rate, evaluate, load
from analysis.safeguarding.lexicon import CATEGORIES, default_entries
from bench.stats import median

RECALL, LONG_MS = 0.95, 50.0  # the targets
LONG = 10_000
HELD_OUT, DEVELOPMENT = PARTS[-1], PARTS[:-1]
LABEL_NAMES = {"reassurance": "reassurances", "complaint": "ordinary complaints", "idiom": "idioms"}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.disclosures", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="timed runs; medians shown (5)")
    parser.add_argument("--repeat", type=int, default=10, help="scans of the set a run (10)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Print accuracy on each part of the labelled set, the misses and false alarms, and speed."""
    args = parse_args(argv)
    rows = load()
    disclosures = sum(row.label == "disclosure" for row in rows)
    print(
        f"Chorus disclosure benchmark: {len(rows)} labelled texts ({disclosures} clear "
        f"disclosures), a lexicon of {len(default_entries())} entries and its concept tier.\n"
    )
    print_parts(rows)
    held_out = [row for row in rows if row.part == HELD_OUT]
    development = [row for row in rows if row.part in DEVELOPMENT]
    parts = (
        (f"Held-out part ({HELD_OUT}), written after the detector was last frozen", held_out),
        (f"Earlier parts ({', '.join(DEVELOPMENT)}), most used to shape it", development),
        ("Whole set", rows),
    )
    for title, part in parts:
        print_accuracy(title, part, evaluate(part, scan))
    print_texts(evaluate(rows, scan))
    print_speed(rows, args.runs, args.repeat)
    return 0


def print_parts(rows: Sequence[Labelled]) -> None:
    print("Part by part: recall (lexicon alone), false alarms on reassurances, complaints, idioms")
    for part in PARTS:
        found = evaluate([row for row in rows if row.part == part], scan)
        alone = evaluate([row for row in rows if row.part == part], lexicon_alone)
        alarms = "  ".join(_rate(rate) for rate in found.false_alarms_by_label.values())
        print(f"  {part:<11} {_rate(found.recall)} ({_rate(alone.recall)})   {alarms}")
    print()


def _rate(rate: Rate) -> str:
    return f"{rate.count:>3}/{rate.total:<3} {rate.share:6.1%}"


def lexicon_alone(text: str) -> Finding:
    """What the lexicon finds without the concept tier."""
    return Finding(tuple(m for m in scan(text).matches if not m.phrase.startswith(PREFIX)))


def print_accuracy(title: str, rows: Sequence[Labelled], found: Evaluation) -> None:
    print(f"{title}: {len(rows)} texts")
    print(_line("recall on clear disclosures", found.recall, f"  [target {RECALL:.0%}]"))
    print(_line("  by the lexicon alone", evaluate(rows, lexicon_alone).recall))
    for category, rate in found.recall_by_category.items():
        print(_line(f"  {CATEGORIES[category]}", rate))
    for label, rate in found.false_alarms_by_label.items():
        print(_line(f"false alarms on {LABEL_NAMES[label]}", rate))
    print()


def _line(name: str, rate: Rate, target: str = "") -> str:
    return f"  {name:<46} {rate.count:>3}/{rate.total:<3} {rate.share:6.1%}{target}"


def print_texts(found: Evaluation) -> None:
    print(f"Misses, clear disclosures not flagged in their category ({len(found.misses)}):")
    for row in found.misses:
        flagged = ", ".join(scan(row.text).categories) or "nothing"
        print(f"  [{row.part}] {row.category}: {row.text!r} (flagged: {flagged})")
    print(f"\nFalse alarms ({len(found.false_alarms)}):")
    for row, finding in found.false_alarms:
        words = "; ".join(f"{m.category}: {m.words!r}" for m in finding.matches)
        print(f"  [{row.part}] {row.label}: {row.text!r} ({words})")
    print()


def print_speed(rows: Sequence[Labelled], runs: int, repeat: int) -> None:
    texts = [row.text for row in rows] * repeat
    first = median([first_build() for _ in range(runs)]) * 1000
    build = median([_seconds(Detector) for _ in range(runs)]) * 1000
    detector = Detector()
    per_set = median([_seconds(lambda: [detector.scan(t) for t in texts]) for _ in range(runs)])
    print(f"Speed, medians of {runs} runs:")
    print(f"  building the detector: first in a fresh process {first:.0f} ms, then {build:.0f} ms")
    print(f"  scanning the labelled set: {len(texts) / per_set:,.0f} texts a second")
    for name, text in zip(
        ("written normally", "run together, capitals"), long_texts(), strict=True
    ):
        cold = median([_seconds(lambda t=text: _cold(detector, t)) for _ in range(runs)]) * 1000
        warm = median([_seconds(lambda t=text: detector.scan(t)) for _ in range(runs)]) * 1000
        print(
            f"  one {LONG:,}-character text, {name:<23} {cold:5.1f} ms with no word yet read, "
            f"{warm:5.1f} ms after  [target {LONG_MS:.0f} ms]"
        )


def first_build() -> float:
    """Seconds to import the detector and build it in a fresh process (files read, nothing kept)."""
    code = (
        "import time; start = time.perf_counter(); "
        "from analysis.safeguarding import Detector; Detector(); "
        "print(time.perf_counter() - start)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout)


def _cold(detector: Detector, text: str) -> None:
    detector.forget()
    detector.scan(text)


def long_texts() -> tuple[str, str]:
    """A 10,000-character answer of ordinary sentences ending in a disclosure, and the same run
    together in capitals."""
    filler = "the bus was late again and school dinners were cold but my friends are kind. "
    ending = " my step dad hits me when he drinks"
    spaced = (filler * (LONG // len(filler) + 1))[: LONG - len(ending)] + ending
    return spaced, spaced.replace(" ", "").upper().ljust(LONG, "X")[:LONG]


def _seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


if __name__ == "__main__":
    raise SystemExit(main())
