"""The words of the emails about a quick check sent to the panel: plain text and HTML.

No message carries a response's answers or free text. Each ends with the member's own
leave link, which is also in its ``List-Unsubscribe`` header.
"""

from __future__ import annotations

from datetime import date

from markupsafe import Markup

from app.models import Survey

OPENERS = {
    "invitation": "The {board} would like a quick check from its Touchstones panel.",
    "reminder": "A reminder: the {board} would still like your quick check.",
}
LEAVE = "Leave the Touchstones panel"


def _day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _html(paragraphs: list[str], action: tuple[str, str] | None, leave: str) -> str:
    body = Markup("").join(Markup("<p>{0}</p>").format(p) for p in paragraphs)
    if action:
        body += Markup('<p><a href="{0}">{1}</a></p>').format(*action)
    body += Markup('<p><small><a href="{0}">{1}</a></small></p>').format(leave, LEAVE)
    return str(Markup('<!DOCTYPE html><html lang="en"><body>{0}</body></html>').format(body))


def _text(paragraphs: list[str], leave: str) -> str:
    return "\n\n".join([*paragraphs, f"{LEAVE}: {leave}"])


def invitation_mail(
    survey: Survey, closes_on: date, url: str, leave: str, kind: str
) -> dict[str, str]:
    """Subject, text and HTML of an invitation or reminder with the member's own link."""
    paragraphs = [
        OPENERS[kind].format(board=survey.board.name),
        f"{survey.title}: it takes about two minutes, and your answers are anonymous. "
        "Nobody at the board can see whether you have answered.",
        f"The link is yours alone and works once. It closes on {_day(closes_on)}.",
    ]
    return {
        "subject": f"Quick check: {survey.title}",
        "text": _text([*paragraphs, url], leave),
        "html": _html(paragraphs, (url, "Answer the quick check"), leave),
    }


def outcome_mail(survey: Survey, outcome: str, leave: str) -> dict[str, str]:
    """Subject, text and HTML telling the panel what changed because of a quick check."""
    paragraphs = [
        f"Thank you for the quick check on {survey.title}.",
        f"What the {survey.board.name} changed because of what you said: {outcome}",
    ]
    return {
        "subject": f"You said, we did: {survey.title}",
        "text": _text(paragraphs, leave),
        "html": _html(paragraphs, None, leave),
    }


def action_mail(
    board_name: str, about: str, you_said: str, we_did: str, leave: str
) -> dict[str, str]:
    """Subject, text and HTML telling the panel about an action the board has done."""
    paragraphs = [
        f"The {board_name} has done something about what people told it ({about}).",
        f"You said: {you_said}",
        f"We did: {we_did}",
    ]
    return {
        "subject": f"You said, we did: {board_name}",
        "text": _text(paragraphs, leave),
        "html": _html(paragraphs, None, leave),
    }
