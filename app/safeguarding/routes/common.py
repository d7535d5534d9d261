"""The safeguarding blueprint and what its pages share."""

from flask import Blueprint

from analysis.safeguarding import CATEGORIES
from app.models import CONTACT_OUTCOMES, FLAG_OUTCOMES, REACH_BY

bp = Blueprint("safeguarding", __name__)


@bp.context_processor
def names() -> dict[str, dict[str, str]]:
    return {"flag_outcomes": FLAG_OUTCOMES, "contact_outcomes": CONTACT_OUTCOMES,
            "reach_names": REACH_BY, "category_names": CATEGORIES}  # fmt: skip
