"""What a respondent sees: a questionnaire behind a link, page by page, then thanks."""

from app.respond.routes import bp

__all__ = ["bp"]
