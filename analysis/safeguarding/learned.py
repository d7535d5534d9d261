"""The learned tier: a small classifier trained on the labelled set, for wording no rule knows.

The lexicon and the concept tier need words someone wrote down; this tier learns from
``labelled.csv`` what a disclosure reads like. Each text is read as the detector reads it
(keys: spelling forgiven, text-speak spelled out, words run together split; see reading)
and described by TF-IDF weights of its character n-grams (2 to 5, within words) and its word
n-grams (1 and 2); one multinomial logistic regression, with classes weighted by their
size, gives the chance of each category and of "none". A text is flagged when the chance it
is a disclosure (1 - chance of "none") reaches THRESHOLD, in its likeliest category; the
reviewer is shown the clause that reads most like it and the chance. Training takes a few
hundred milliseconds and is deterministic (a fixed solver and seed), so the same labelled
set always gives the same model. The detector builds it lazily, once, and asks it only
about texts in which the lexicon and the concept tier found nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, make_pipeline

from analysis.safeguarding.lexicon import CATEGORIES

NONE = "none"  # the class of every text that is not a clear disclosure
THRESHOLD = 0.6  # chance of a disclosure at which a text is flagged (chosen by the benchmark's
# leave-one-part-out cross-validation, never on the fresh part)
PREFIX = "learned: "  # how a learned match's phrase starts ("learned: neglect (p=0.83)")
SEED = 0
C = 10.0  # inverse regularisation strength (chosen by the cross-validation too)


@dataclass(frozen=True)
class Verdict:
    """What the model makes of a text: its likeliest category and the chance of a disclosure."""

    category: str
    chance: float

    @property
    def phrase(self) -> str:
        """How the verdict is named to the reviewer."""
        return f"{PREFIX}{self.category} (p={self.chance:.2f})"


class Learned:
    """A classifier trained on (read text, category or "") examples; "" is no disclosure."""

    def __init__(self, examples: Iterable[tuple[str, str]], threshold: float = THRESHOLD) -> None:
        texts, labels = zip(*((text, category or NONE) for text, category in examples), strict=True)
        self.threshold = threshold
        self._model = make_pipeline(
            FeatureUnion(
                [
                    ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
                    ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+")),
                ]
            ),
            LogisticRegression(
                C=C, class_weight="balanced", solver="newton-cg", max_iter=1000, random_state=SEED
            ),
        )
        self._model.fit(list(texts), list(labels))
        classes = list(self._model.classes_)
        self._none = classes.index(NONE)
        self._categories = [c for c in classes if c != NONE]
        self._columns = [classes.index(c) for c in self._categories]
        if set(self._categories) - set(CATEGORIES):
            raise ValueError(f"unknown categories in the examples: {self._categories}")

    def verdicts(self, texts: Sequence[str]) -> list[Verdict]:
        """Each read text's likeliest category and chance of a disclosure."""
        if not texts:
            return []
        chances = self._model.predict_proba(list(texts))
        best = chances[:, self._columns].argmax(axis=1)
        return [
            Verdict(str(self._categories[int(b)]), float(1.0 - row[self._none]))
            for row, b in zip(chances, best, strict=True)
        ]

    def flags(self, verdict: Verdict) -> bool:
        """Whether a verdict's chance reaches the threshold."""
        return verdict.chance >= self.threshold

    def weights(self) -> np.ndarray:
        """The model's coefficients (one row per class), to compare two trainings."""
        return np.asarray(self._model[-1].coef_)
