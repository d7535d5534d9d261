"""Administration: regions, boards, accounts and roles, and the audit log. Admins only."""

from app.admin.routes import bp

__all__ = ["bp"]
