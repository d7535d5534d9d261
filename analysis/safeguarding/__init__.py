"""Possible disclosures in free text: a safety net for a trained reader, not a diagnosis.

``scan(text)`` finds phrases of the maintained lexicon (``lexicon/*.txt``) that a text
holds, forgiving spelling, text-speak, capitals and missing spaces, and leaving out
phrases that are denied ("nobody hurts me") or part of an idiom ("die of boredom"). A
board extends the lexicon with ``parse_lexicon`` and ``detector(extra)``.
"""

from analysis.safeguarding.detector import Detector, Finding, Match, detector, scan
from analysis.safeguarding.lexicon import CATEGORIES, lexicon_text, parse_lexicon

__all__ = [
    "CATEGORIES",
    "Detector",
    "Finding",
    "Match",
    "detector",
    "lexicon_text",
    "parse_lexicon",
    "scan",
]
