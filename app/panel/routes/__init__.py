"""Panel pages: joining, confirming and leaving (public), and the board's own (managers)."""

from app.panel.routes import manage, public  # noqa: F401  (each adds its views to bp)
from app.panel.routes.common import bp

__all__ = ["bp"]
