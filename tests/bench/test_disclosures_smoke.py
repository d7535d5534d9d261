"""The disclosure benchmark, run once with the fewest runs: every figure is printed."""

from analysis.safeguarding import scan
from bench import disclosures

FIGURES = (
    "Part by part: recall (lexicon alone)",
    "  held_out_6 ",
    "Held-out part (held_out_6), written after the detector was last frozen: 126 texts",
    "Earlier parts (dev, dev2, dev3, dev4, dev5, dev6, dev7, dev8, dev9, held_out, held_out_5),",
    "Whole set: 1816 texts",
    "recall on clear disclosures",
    "by the lexicon alone",
    "Exploitation and grooming, including online",
    "false alarms on reassurances",
    "false alarms on ordinary complaints",
    "false alarms on idioms",
    "Misses, clear disclosures not flagged in their category",
    "False alarms (",
    "building the detector",
    "texts a second",
    "one 10,000-character text, written normally",
    "one 10,000-character text, run together, capitals",
)


def test_it_prints_every_figure_with_its_target(capsys) -> None:
    assert disclosures.main(["--runs", "1", "--repeat", "1"]) == 0
    printed = capsys.readouterr().out
    for figure in FIGURES:
        assert figure in printed
    assert printed.count("[target 95%]") == 3
    assert printed.count("[target 50 ms]") == 2


def test_the_long_texts_are_ten_thousand_characters_and_hold_a_disclosure() -> None:
    spaced, run_together = disclosures.long_texts()

    assert len(spaced) == len(run_together) == 10_000
    assert " " not in run_together and run_together.isupper()
    assert scan(spaced).categories == scan(run_together).categories == ("physical",)
