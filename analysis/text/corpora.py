"""Whether TextBlob's downloadable language data is on this machine; nothing here needs it.

Chorus works without it: sentiment uses TextBlob's bundled pattern analyser and suggested
phrases come from ``analysis.text.phrases``, a plain word counter. The data is only what
TextBlob's noun-phrase extraction would need: NLTK's punkt tokenizer (``punkt_tab``, the
form NLTK 3.9 and later read) and the Brown corpus.
"""

from __future__ import annotations

CORPORA_NOTE = (
    "TextBlob's language data is not installed, so noun-phrase extraction is not used and "
    "suggested phrases come from a simple word counter instead; to add the data, run "
    "`.venv/bin/python -m textblob.download_corpora`."
)
_RESOURCES = ("tokenizers/punkt_tab", "corpora/brown")


def corpora_available() -> bool:
    """True only when NLTK can find both the punkt tokenizer data and the Brown corpus."""
    import nltk  # Imported here: loading NLTK takes time that most callers never need.

    try:
        for resource in _RESOURCES:
            nltk.data.find(resource)
    except LookupError:
        return False
    return True
