"""`flask --app wsgi send-mail`: deliver the queued mail that is due. Safe from cron each minute."""

from contextlib import closing
from datetime import UTC, datetime

import click
from flask import current_app

from app.extensions import db
from app.mail.delivery import deliver
from app.mail.transports import transport_for
from app.security.personal import sealer


@click.command("send-mail")
def send_mail_command() -> None:
    """Send queued mail (SMTP, or the outbox folder); print how many were sent, retried, failed."""
    try:
        transport = transport_for(current_app)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    with closing(transport):
        outcome = deliver(db.session, sealer(current_app), transport, datetime.now(UTC))
    click.echo(f"Sent {outcome.sent}, retried {outcome.retried}, failed {outcome.failed}.")
