"""How the pack is grouped: the framework's parts and who each one hears from."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.frame import AUDIENCE, QUESTIONNAIRE

TOUCHSTONES = "touchstones"


@dataclass(frozen=True)
class Spec:
    key: str
    title: str
    audience: str
    # Who answered, as a statement names them: "412 children and young people".
    people: str
    default_section: str

    def picks(self, surveys: pd.DataFrame) -> pd.Series:
        """Which rows of the survey frame belong to this part of the pack."""
        touchstones = surveys[QUESTIONNAIRE].astype(str).str.startswith(TOUCHSTONES)
        mine = surveys[AUDIENCE].astype(str) == self.audience
        if self.audience == "practitioner":
            return mine & (touchstones == (self.key == TOUCHSTONES))
        return mine


SPECS = (
    Spec("children", "Children and young people", "child", "children and young people", "D"),
    Spec("families", "Families", "family", "family members", "D"),
    Spec("frontline", "Frontline staff", "practitioner", "practitioners", "E"),
    Spec(TOUCHSTONES, "Touchstones quick checks", "practitioner", "Touchstones members", "E"),
    Spec("training", "Training", "training", "training attendees", "E"),
)
