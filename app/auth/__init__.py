"""Staff sign-in, sessions and who may see which board."""

from app.auth.routes import bp

__all__ = ["bp"]
