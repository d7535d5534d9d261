"""Safeguarding: the board's review queue of possible disclosures, and children's requests
to be contacted."""

from app.safeguarding.routes import bp

__all__ = ["bp"]
