"""Safeguarding pages: the review queue (the board's reviewers) and the contact form (public)."""

from app.safeguarding.routes import contact, review  # noqa: F401  (each adds its views to bp)
from app.safeguarding.routes.common import bp

__all__ = ["bp"]
