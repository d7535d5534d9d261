"""`flask --app wsgi send-reminders`: queue the training follow-up reminders that are due."""

from datetime import date

import click
from flask import current_app

from app.extensions import db
from app.links.service import signing_keys
from app.security.personal import sealer
from app.training.reminders import send_reminders


@click.command("send-reminders")
def send_reminders_command() -> None:
    """Queue due follow-up reminders in the mail outbox and forget their addresses (cron-safe)."""
    app = current_app
    sent = send_reminders(db.session, sealer(app), signing_keys(app),
                          app.config["CHORUS_BASE_URL"], date.today())  # fmt: skip
    click.echo(f"Queued {sent.queued} follow-up reminder(s); "
               f"deleted {sent.expired} whose follow-up had closed.")  # fmt: skip
