"""The reading test for an action's words for children: the youngest readers' grade."""

from analysis.readability import grade
from app.questionnaires.readability import grade_limit

# Children's pages are read by children from 8, so their words are held to that band.
YOUNGEST = "8-12"


def too_hard(text: str) -> str | None:
    """Why the words are too hard for the youngest readers, or None when they read well."""
    limit = grade_limit("child", YOUNGEST)
    score = grade(text)
    if limit is None or score <= limit:
        return None
    return (
        f"The words for children read at school grade {score:.1f}: they should be {limit:g} "
        "or below, so that children aged 8 can read them. Try shorter words and shorter "
        "sentences."
    )
