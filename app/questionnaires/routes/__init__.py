"""Questionnaire pages under /boards/<board_slug>/questionnaires: the library and the editor."""

from app.questionnaires.routes import editor, library  # noqa: F401  (each adds its views to bp)
from app.questionnaires.routes.common import bp

__all__ = ["bp"]
