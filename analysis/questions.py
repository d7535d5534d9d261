"""What analysis needs to know about a question, as plain values (no app import)."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.frame import PRIVATE_VALUES

RATING_TOP = frozenset({"9", "10"})


@dataclass(frozen=True)
class QuestionInfo:
    """A question as asked: its key, type, wording, options (value, label) and tags."""

    key: str
    type: str
    text: str
    options: tuple[tuple[str, str], ...] = ()
    framework: str = ""
    level: str = ""
    kirkpatrick: str = ""
    about_you: bool = False

    def label(self, value: str) -> str:
        """The option's label for a stored value, or the value itself."""
        return dict(self.options).get(value, value)

    @property
    def positive(self) -> frozenset[str]:
        """The values that count as positive: a scale's top two points, or "yes"."""
        if self.type == "yes_no":
            return frozenset({"yes"})
        if self.type == "rating":
            return RATING_TOP
        if self.type in ("agree", "faces"):
            scored = sorted((o for o, _ in self.options if o not in PRIVATE_VALUES), key=float)
            return frozenset(scored[-2:])
        return frozenset()

    @property
    def positive_words(self) -> str:
        """The positive answers as people read them: '"Agree" or "Strongly agree"'."""
        values = [v for v, _ in self.options if v in self.positive] or sorted(self.positive)
        return " or ".join(f'"{self.label(v)}"' for v in values)

    @property
    def has_mean(self) -> bool:
        """True where an average means something: agree, faces and 0-10 ratings."""
        return self.type in ("agree", "faces", "rating")
