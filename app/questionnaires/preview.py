"""Previewing a questionnaire as a respondent on a phone sees it; nothing is ever saved."""

from dataclasses import dataclass

from app.models import Board
from app.questionnaires.definition import Definition

# Questions asked once per learning outcome show these until a survey names real ones.
EXAMPLE_OUTCOMES = ("the first learning outcome", "the second learning outcome")


@dataclass(frozen=True)
class PreviewSurvey:
    """Stands in for a Survey in the respondent templates: a title, an audience, a board."""

    title: str
    audience: str
    board: Board
    distribution: str = ""


def preview_survey(definition: Definition, board: Board) -> PreviewSurvey:
    return PreviewSurvey(definition.title, definition.audience, board)


def preview_definition(definition: Definition) -> Definition:
    """The definition with any per-outcome questions written out for the example outcomes."""
    return definition.expand_outcomes(EXAMPLE_OUTCOMES)


def page_index(raw: str | None, total: int) -> int:
    """Zero-based page from a 1-based ?page= value; the first page for anything unusable."""
    try:
        asked = int(raw or "1") - 1
    except ValueError:
        return 0
    return max(0, min(asked, total - 1))
