"""Sentiment of a comment, worked out once when it is stored.

TextBlob's pattern-based analyser needs none of its downloadable corpora. Only the first
``SENTIMENT_CHARS`` characters are read, so a 10,000-character answer costs what a
short one does on the respondent path.
"""

from textblob.en.sentiments import PatternAnalyzer

SENTIMENT_CHARS = 1000
_ANALYSER = PatternAnalyzer()


def polarity(text: str) -> float | None:
    """Polarity from -1 (negative) to 1 (positive), or None for text with no words."""
    cut = text[:SENTIMENT_CHARS]
    if not any(ch.isalpha() for ch in cut):
        return None
    return round(float(_ANALYSER.analyze(cut).polarity), 3)
