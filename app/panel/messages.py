"""The emails a person gets from joining: a confirmation link, or a note that they are in.

Neither repeats the address it is sent to, and both carry the leave link, in the body and
as List-Unsubscribe, so "this wasn't me" is one click.
"""

from flask import render_template

from app.mail import Mail
from app.models import Board

CONFIRM = "panel-confirm"
ALREADY = "panel-already"


def _mail(kind: str, board: Board, to: str, subject: str, **links: str) -> Mail:
    name = kind.removeprefix("panel-")
    return Mail(
        kind=kind,
        to=to,
        subject=subject,
        text=render_template(f"panel/mail/{name}.txt", board=board, **links),
        html=render_template(f"panel/mail/{name}.html", board=board, **links),
        sender_name=board.name,
        reply_to=board.reply_to or None,
        unsubscribe=links["leave_url"],
        board_id=board.id,
    )


def confirm_mail(board: Board, to: str, confirm_url: str, leave_url: str) -> Mail:
    """Asks the address's owner to confirm they want to join (double opt-in)."""
    return _mail(CONFIRM, board, to, "Confirm you want to join the Touchstones panel",
                 confirm_url=confirm_url, leave_url=leave_url)  # fmt: skip


def already_mail(board: Board, to: str, leave_url: str) -> Mail:
    """Tells a confirmed member someone asked to join with their address; nothing changes."""
    return _mail(ALREADY, board, to, "You are already on the Touchstones panel",
                 leave_url=leave_url)  # fmt: skip
