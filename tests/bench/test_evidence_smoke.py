"""A tiny evidence benchmark on SQLite: it builds the board-year and prints every figure."""

import pytest

from bench import board_year, evidence

FIGURES = (
    "SQLite: 300 responses over 9 surveys",
    "read the answers, read_sql (the loader's way)",
    "evidence pack, financial year",
    "evidence pack, peak memory",
    "results page, 100 responses, cold",
    "results page, 100 responses, warm",
    "without sentiment",
    "with sentiment",
    "extra for sentiment",
)


def test_it_prints_every_figure_with_its_target(capsys) -> None:
    argv = ["--responses", "300", "--survey-responses", "100", "--engines", "sqlite",
            "--runs", "1", "--answer-sets", "50"]  # fmt: skip
    assert evidence.main(argv) == 0
    printed = capsys.readouterr().out
    for figure in FIGURES:
        assert figure in printed
    assert printed.count("[target ") == 4
    assert "HTTP" not in printed


def test_the_responses_add_up_and_a_third_write_something() -> None:
    counts = board_year._counts(1000, 300)
    assert sum(counts.values()) == 1000
    assert counts[board_year.BIG] == 300
    sets = list(board_year.answer_sets(900, seed=1))
    writers = sum(any(q.type.endswith("_text") and q.key in a for q in qs) for a, qs in sets)
    assert 240 < writers < 360


def test_an_unknown_engine_is_refused(capsys) -> None:
    with pytest.raises(SystemExit):
        evidence.parse_args(["--engines", "sqlite,oracle"])
    assert "--engines takes postgresql and sqlite" in capsys.readouterr().err
