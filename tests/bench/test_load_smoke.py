"""A few seconds of the load benchmark: every thank-you page is exactly one stored response."""

import pytest

pytest.importorskip("gunicorn", reason="gunicorn is not installed: load benchmark skipped")

from bench import load, seed


def test_every_accepted_response_is_stored_once(tmp_path) -> None:
    args = load.parse_args(
        ["--clients", "4", "--seconds", "2", "--warmup", "0.5", "--workers", "2",
         "--client-processes", "1", "--max-rate", "150", "--engines", "sqlite"]
    )  # fmt: skip
    with load.chorus_on("sqlite", args, tmp_path) as running:
        outcome = load.answer_links(running, args)
    tally, stored = outcome.tally, outcome.stored
    assert tally.errors == {}
    assert tally.unconfirmed == 0
    assert tally.accepted["touchstones-quick-check"] > 0
    assert tally.accepted["feeling-safe-8-12"] > 0
    assert stored.responses == tally.accepted.total()
    assert stored.used_links == tally.accepted.total()
    assert stored.answers == tally.answers
    assert len(tally.latencies["send"]) == tally.accepted.total()


def test_the_one_page_run_hands_out_only_one_page_links() -> None:
    single, multi = seed.QUESTIONNAIRES
    tokens = {single: [f"s{n}" for n in range(50)], multi: [f"m{n}" for n in range(50)]}
    assert {slug for _, slug in load.mix(tokens, 0.0)} == {single}
    mixed = [slug for _, slug in load.mix(tokens, 0.5)]
    assert 10 < mixed.count(multi) < 40


def test_an_unknown_shape_is_refused() -> None:
    with pytest.raises(SystemExit, match="one-page and mixed"):
        load._shapes(load.parse_args(["--shapes", "one-page,huge"]))
