import nltk
import pytest

from analysis.text.corpora import CORPORA_NOTE, corpora_available


def test_available_when_nltk_finds_both_resources(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(nltk.data, "find", lambda name: asked.append(name) or name)

    assert corpora_available() is True
    assert asked == ["tokenizers/punkt_tab", "corpora/brown"]


@pytest.mark.parametrize("missing", ["tokenizers/punkt_tab", "corpora/brown"])
def test_not_available_when_either_is_missing(
    monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    def find(name: str) -> str:
        if name == missing:
            raise LookupError(name)
        return name

    monkeypatch.setattr(nltk.data, "find", find)

    assert corpora_available() is False


def test_the_note_says_what_is_used_instead_and_how_to_add_the_data() -> None:
    assert "word counter" in CORPORA_NOTE
    assert "noun-phrase" in CORPORA_NOTE
    assert "`.venv/bin/python -m textblob.download_corpora`" in CORPORA_NOTE
