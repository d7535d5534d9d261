"""An outbox row as an RFC 5322 message, and the two ways it leaves: SMTP, or a folder.

A transport sends one ``EmailMessage`` and says how a failure should be treated by raising
``Refused`` (this message can never be delivered: a bounce), ``Deferred`` (try this message
again later) or ``Unavailable`` (the server cannot be reached: try every message later).
Subjects and names come from staff, so every header value is put on one line before it is
set; the email package refuses CR and LF in headers as well.
"""

from __future__ import annotations

import os
import smtplib
import ssl
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from email import errors
from email.headerregistry import Address, BaseHeader, HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage
from email.policy import SMTP, EmailPolicy, Policy
from email.utils import format_datetime
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, quote, unquote, urlsplit

from flask import Flask

from app.models.mail import OutboxMessage
from app.security.personal import Sealer, SealError

TIMEOUT = 10.0  # seconds for each exchange with the SMTP server


class DeliveryError(Exception):
    """The message was not delivered; the text is the server's reason, for admins."""


class Refused(DeliveryError):
    """A permanent refusal of this message or its recipient (a bounce)."""


class Deferred(DeliveryError):
    """A temporary refusal of this message; other messages may still go."""


class Unavailable(DeliveryError):
    """The way out is down (connection refused, timeout, bad login): nothing can go now."""


class Transport(Protocol):
    mail_from: str

    def send(self, message: EmailMessage) -> None: ...

    def close(self) -> None: ...


class _OneLineHeader(UnstructuredHeader, BaseHeader):
    """A header written as given, never folded into encoded words (which breaks a URL)."""

    def fold(self, *, policy: Policy) -> str:
        return f"{self.name}: {self}{policy.linesep}"


def _policy() -> EmailPolicy[EmailMessage]:
    # Our own header registry: mapping a header in the shared default would change it for
    # every other user of the email package in this process.
    registry = HeaderRegistry()
    registry.map_to_type("list-unsubscribe", _OneLineHeader)
    return SMTP.clone(header_factory=registry)


POLICY = _policy()


def one_line(value: str) -> str:
    """The value with every run of whitespace, line breaks included, made one space."""
    return " ".join(value.split())


def message_id(row: OutboxMessage, mail_from: str) -> str:
    """The same for every attempt at this row, so a resend is recognisably the same message."""
    stamp = int(row.created_at.timestamp() * 1_000_000)
    domain = mail_from.rpartition("@")[2] or "localhost"
    return f"<chorus-{row.id}.{stamp:x}@{domain}>"


def _recipient(row: OutboxMessage, sealer: Sealer) -> Address:
    address = one_line(sealer.unseal(row.recipient))
    try:
        return Address(addr_spec=address)
    except (ValueError, errors.HeaderParseError) as error:
        raise Refused("not a valid address") from error


def _headers(message: EmailMessage, row: OutboxMessage, sealer: Sealer, mail_from: str) -> None:
    message["From"] = Address(display_name=one_line(row.sender_name), addr_spec=mail_from)
    message["To"] = _recipient(row, sealer)
    if row.reply_to:
        message["Reply-To"] = one_line(sealer.unseal(row.reply_to))
    message["Subject"] = one_line(row.subject)
    message["Date"] = format_datetime(row.created_at)
    message["Message-ID"] = message_id(row, mail_from)
    if row.unsubscribe:
        url = quote(one_line(sealer.unseal(row.unsubscribe)), safe=":/?#[]@!$&'()*+,;=%~")
        message["List-Unsubscribe"] = f"<{url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"


def compose(row: OutboxMessage, sealer: Sealer, mail_from: str) -> EmailMessage:
    """The message for an outbox row: plain text, and HTML as its alternative when there is any."""
    message = EmailMessage(policy=POLICY)
    try:
        _headers(message, row, sealer, mail_from)
    except SealError as error:  # wrong keys after a deploy: an admin can still put them back
        raise Deferred("the addresses cannot be opened with the configured keys") from error
    message.set_content(row.text)
    if row.html:
        message.add_alternative(row.html, subtype="html")
    return message


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    tls: bool  # smtps://: TLS from the first byte
    starttls: bool  # smtp://...?starttls=1: upgrade after connecting
    user: str | None
    password: str | None


def smtp_settings(url: str) -> SmtpSettings:
    """CHORUS_MAIL_URL read: smtp://user:password@host:587/?starttls=1, or smtps://..."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:  # not a number: refused below, without repeating the URL
        port = -1
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname or port == -1:
        raise ValueError("CHORUS_MAIL_URL must look like smtp://user:password@host:587/?starttls=1")
    starttls = parse_qs(parts.query).get("starttls", [""])[-1].lower() in {"1", "true", "yes"}
    tls = parts.scheme == "smtps"
    return SmtpSettings(
        host=parts.hostname, port=port or (465 if tls else 587 if starttls else 25),
        tls=tls, starttls=starttls and not tls,
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )  # fmt: skip


def _said(code: int, text: bytes | str) -> str:
    words = text.decode(errors="replace") if isinstance(text, bytes) else text
    return one_line(f"{code} {words}")


def _describe(error: Exception) -> str:
    """What went wrong, in the server's words where it gave any; never the URL or password."""
    if isinstance(error, smtplib.SMTPResponseException):
        return _said(error.smtp_code, error.smtp_error)
    if isinstance(error, TimeoutError) or isinstance(error.__context__, TimeoutError):
        return "the mail server did not answer in time"
    if isinstance(error, ConnectionRefusedError):
        return "the mail server refused the connection"
    return one_line(str(error)) or type(error).__name__


class SmtpTransport:
    """Sends through one SMTP connection, opened at the first message and kept for the run."""

    def __init__(self, settings: SmtpSettings, mail_from: str, timeout: float = TIMEOUT) -> None:
        self.settings, self.mail_from, self.timeout = settings, mail_from, timeout
        self._smtp: smtplib.SMTP | None = None

    def send(self, message: EmailMessage) -> None:
        smtp = self._connection()
        try:
            smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            code, text = next(iter(error.recipients.values()))
            raise (Refused if code >= 500 else Deferred)(_said(code, text)) from error
        except smtplib.SMTPDataError as error:  # the message itself refused
            kind = Refused if error.smtp_code >= 500 else Deferred
            raise kind(_said(error.smtp_code, error.smtp_error)) from error
        except smtplib.SMTPNotSupportedError as error:  # an address only SMTPUTF8 could carry
            raise Refused(f"the mail server cannot carry this address: {error}") from error
        except (smtplib.SMTPException, OSError) as error:
            self._drop()
            raise Unavailable(f"mail server unavailable: {_describe(error)}") from error

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            try:
                self._smtp = self._connect()
            except (smtplib.SMTPException, OSError) as error:
                raise Unavailable(f"mail server unavailable: {_describe(error)}") from error
        return self._smtp

    def _connect(self) -> smtplib.SMTP:
        s, context = self.settings, ssl.create_default_context()
        if s.tls:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                s.host, s.port, timeout=self.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
        try:
            if s.starttls:
                smtp.starttls(context=context)
            if s.user:
                smtp.login(s.user, s.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def _drop(self) -> None:
        """Forget a connection in an unknown state, without waiting on it."""
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None

    def close(self) -> None:
        if self._smtp is not None:
            # The messages are already accepted; a rude goodbye loses nothing.
            with suppress(smtplib.SMTPException, OSError):
                self._smtp.quit()
            self._drop()


def file_name(message: EmailMessage) -> str:
    """``<chorus-7.abc@host>`` -> ``chorus-7.abc@host.eml``: one file per message, ever."""
    kept = (c if c.isalnum() or c in "-._@" else "_" for c in str(message["Message-ID"]))
    return "".join(kept).strip("_") + ".eml"


class FolderTransport:
    """Writes each message to the outbox folder (development), replacing any earlier copy."""

    def __init__(self, folder: Path, mail_from: str) -> None:
        self.folder, self.mail_from = folder, mail_from

    def send(self, message: EmailMessage) -> None:
        try:
            self._write(file_name(message), message.as_bytes())
        except OSError as error:
            raise Unavailable(f"the outbox folder cannot be written: {error.strerror}") from error

    def _write(self, name: str, data: bytes) -> None:
        """Temporary file then rename: a reader never sees half a message."""
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")  # mode 0600
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, self.folder / name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def close(self) -> None:
        """Nothing is held open."""


def transport_for(app: Flask) -> Transport:
    """SMTP when CHORUS_MAIL_URL is set, else .eml files in CHORUS_OUTBOX."""
    mail_from = app.config["MAIL_FROM"]
    if app.config.get("MAIL_URL"):
        return SmtpTransport(smtp_settings(app.config["MAIL_URL"]), mail_from)
    return FolderTransport(Path(app.config["OUTBOX"]), mail_from)
