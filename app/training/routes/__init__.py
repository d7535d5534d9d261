"""Training pages: courses and sessions (the board's trainers and managers), and the
attendee's code and reminder pages beside the questionnaire."""

from app.training.routes import attendee, staff  # noqa: F401  (each adds its views to bp)
from app.training.routes.common import bp

__all__ = ["bp"]
