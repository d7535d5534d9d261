"""Mail delivery: the outbox sent over a real SMTP server on 127.0.0.1, or into a folder."""

import asyncio
import re
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.mail import Mail, delivery, queue
from app.mail.delivery import Outcome, backoff, deliver
from app.mail.transports import (
    FolderTransport,
    SmtpSettings,
    SmtpTransport,
    compose,
    smtp_settings,
    transport_for,
)
from app.models import OutboxMessage
from app.security.personal import sealer

MAIL_FROM = "chorus@chorus.example"
TO = "member@school.example"
UNSUBSCRIBE = "http://localhost/panel/leave/" + "x" * 120


class Inbox:
    """An aiosmtpd handler that keeps what it is given, or refuses, or dawdles."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []
        self.refuse: str | None = None
        self.delay = 0.0
        self.port = 0

    async def handle_RCPT(self, server, session, envelope, address, options):  # type: ignore[no-untyped-def]
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.refuse:
            return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append(BytesParser(policy=policy.default).parsebytes(envelope.content))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        return [str(m["Message-ID"]) for m in self.messages]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def serve() -> Iterator[Callable[..., Inbox]]:
    """serve(port=None, **controller_options) -> a running SMTP server's Inbox."""
    controllers: list[Controller] = []

    def start(port: int | None = None, **options: object) -> Inbox:
        inbox = Inbox()
        inbox.port = port or free_port()
        controller = Controller(
            inbox, hostname="127.0.0.1", port=inbox.port, server_hostname="localhost", **options
        )
        controller.start()
        controllers.append(controller)
        return inbox

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def inbox(app, serve) -> Inbox:  # type: ignore[no-untyped-def]
    found = serve()
    app.config.update(MAIL_URL=f"smtp://127.0.0.1:{found.port}", MAIL_FROM=MAIL_FROM)
    return found


@pytest.fixture
def outbox(app, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "outbox"
    app.config.update(MAIL_URL="", OUTBOX=str(folder), MAIL_FROM=MAIL_FROM)
    return folder


def queue_mail(app, db, **details: object) -> OutboxMessage:  # type: ignore[no-untyped-def]
    fields: dict = {
        "kind": "panel-invitation", "to": TO, "subject": "Your say on feeling safe",
        "text": "Hello,\n\nPlease take part.", "html": "<p>Hello,</p><p>Please take part.</p>",
        "sender_name": "Riverton Partnership", **details,
    }  # fmt: skip
    message = queue(db.session, sealer(app), Mail(**fields))
    db.session.commit()
    return message


def send(app, db, at: datetime | None = None, transport=None) -> Outcome:  # type: ignore[no-untyped-def]
    with closing(transport or transport_for(app)) as chosen:
        return deliver(db.session, sealer(app), chosen, at or datetime.now(UTC))


def utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def body(message: EmailMessage, subtype: str) -> str:
    """A part's text with the line ends written as in Python (SMTP carries CRLF)."""
    part = message.get_body((subtype,))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def row(db, message_id: int) -> OutboxMessage:  # type: ignore[no-untyped-def]
    db.session.expire_all()
    return db.session.get(OutboxMessage, message_id)


def test_smtp_delivers_text_and_html_in_the_boards_name(app, db, inbox, make_board):
    board = make_board("riverton")
    queued = queue_mail(
        app, db, board_id=board.id, sender_name=board.name, reply_to="lead@riverton.example",
        unsubscribe=UNSUBSCRIBE,
    )  # fmt: skip
    assert send(app, db) == Outcome(sent=1)
    [got] = inbox.messages
    sender = got["From"].addresses[0]
    assert (sender.display_name, sender.addr_spec) == ("Riverton Partnership", MAIL_FROM)
    assert str(got["To"]) == TO and inbox.recipients == [[TO]]
    assert str(got["Reply-To"]) == "lead@riverton.example"
    assert str(got["Subject"]) == "Your say on feeling safe"
    assert str(got["List-Unsubscribe"]) == f"<{UNSUBSCRIBE}>"
    assert str(got["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    assert got["Date"] is not None
    assert re.fullmatch(rf"<chorus-{queued.id}\.[0-9a-f]+@chorus\.example>", got["Message-ID"])
    assert got.get_content_type() == "multipart/alternative"
    assert body(got, "plain").startswith("Hello,\n\nPlease take part.")
    assert "<p>Please take part.</p>" in body(got, "html")


def test_a_message_without_reply_to_or_unsubscribe_has_neither_header(app, db, inbox):
    queue_mail(app, db, html="")
    send(app, db)
    [got] = inbox.messages
    assert got["Reply-To"] is None and got["List-Unsubscribe"] is None
    assert got.get_content_type() == "text/plain"


def test_a_sent_message_keeps_only_its_kind_and_is_not_sent_again(app, db, inbox):
    queued = queue_mail(app, db, reply_to="lead@riverton.example", unsubscribe=UNSUBSCRIBE)
    send(app, db)
    sent = row(db, queued.id)
    assert sent.sent_at is not None and sent.kind == "panel-invitation"
    assert (sent.text, sent.html, sent.subject, sent.recipient) == ("", "", "", "")
    assert sent.reply_to is None and sent.unsubscribe is None and sent.claimed_until is None
    assert send(app, db) == Outcome()
    assert len(inbox.messages) == 1


def test_the_folder_gets_one_parseable_eml_per_message_and_a_resend_replaces_it(app, db, outbox):
    first = queue_mail(app, db)
    queue_mail(app, db, subject="Second")
    # A sender that wrote the first file, then crashed before recording it as sent.
    FolderTransport(outbox, MAIL_FROM).send(compose(first, sealer(app), MAIL_FROM))
    assert send(app, db) == Outcome(sent=2)
    files = sorted(outbox.iterdir())
    assert [f.suffix for f in files] == [".eml", ".eml"]
    parsed = [BytesParser(policy=policy.default).parsebytes(f.read_bytes()) for f in files]
    assert {str(m["Subject"]) for m in parsed} == {"Your say on feeling safe", "Second"}
    assert all(str(m["To"]) == TO and m.get_body(("html",)) is not None for m in parsed)
    assert files[0].read_bytes().count(b"\r\n") > 5  # RFC 5322 line ends


def test_the_message_id_is_the_same_for_every_attempt_at_a_row(app, db):
    first, second = queue_mail(app, db), queue_mail(app, db)
    ids = [compose(m, sealer(app), MAIL_FROM)["Message-ID"] for m in (first, first, second)]
    assert ids[0] == ids[1] != ids[2]


def test_smtp_down_keeps_the_message_and_retries_with_backoff_until_it_is_back(app, db, serve):
    port = free_port()
    app.config.update(MAIL_URL=f"smtp://127.0.0.1:{port}", MAIL_FROM=MAIL_FROM)
    queued, start = queue_mail(app, db), datetime.now(UTC)
    assert send(app, db, start) == Outcome(retried=1)
    waiting = row(db, queued.id)
    assert waiting.attempts == 1 and waiting.sent_at is None and waiting.failed_at is None
    assert utc(waiting.next_attempt_at) == start + timedelta(minutes=1)
    assert "refused the connection" in waiting.last_error and waiting.text
    assert send(app, db, start + timedelta(seconds=30)) == Outcome()  # not due yet
    assert send(app, db, start + timedelta(minutes=1)) == Outcome(retried=1)
    waiting = row(db, queued.id)
    assert utc(waiting.next_attempt_at) == start + timedelta(minutes=3)
    inbox = serve(port)
    assert send(app, db, start + timedelta(minutes=3)) == Outcome(sent=1)
    assert len(inbox.messages) == 1 and row(db, queued.id).sent_at is not None


def test_backoff_doubles_up_to_an_hour():
    waits = [backoff(n) for n in range(1, 10)]
    assert waits[:6] == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32)]
    assert set(waits[6:]) == {timedelta(hours=1)}


def test_a_refused_recipient_bounces_at_once_and_the_address_is_not_kept(app, db, inbox):
    inbox.refuse = f"550 5.1.1 <{TO}>: Recipient address rejected"
    queued = queue_mail(app, db)
    assert send(app, db) == Outcome(failed=1)
    failed = row(db, queued.id)
    assert failed.failed_at is not None and failed.attempts == 1
    assert failed.last_error.startswith("bounced: 550 5.1.1")
    assert TO not in failed.last_error and failed.recipient == ""


def test_a_temporary_refusal_is_retried(app, db, inbox):
    inbox.refuse = "450 4.2.1 Mailbox busy, try later"
    queued = queue_mail(app, db)
    assert send(app, db) == Outcome(retried=1)
    assert row(db, queued.id).last_error == "450 4.2.1 Mailbox busy, try later"


def test_an_address_that_is_not_one_bounces_without_asking_the_server(app, db, inbox):
    queued = queue_mail(app, db, to="not an address")
    assert send(app, db) == Outcome(failed=1)
    assert row(db, queued.id).last_error == "bounced: not a valid address"
    assert inbox.messages == []


def test_a_slow_server_times_out_and_the_message_is_retried(app, db, inbox):
    inbox.delay = 1.5
    queued, start = queue_mail(app, db), datetime.now(UTC)
    slow = SmtpTransport(smtp_settings(app.config["MAIL_URL"]), MAIL_FROM, timeout=0.3)
    assert send(app, db, start, slow) == Outcome(retried=1)
    assert "did not answer in time" in row(db, queued.id).last_error
    inbox.delay = 0
    assert send(app, db, start + timedelta(minutes=1)) == Outcome(sent=1)
    assert len(inbox.messages) == 1


def test_when_the_server_is_down_the_rest_of_the_batch_waits_too(app, db):
    app.config.update(MAIL_URL=f"smtp://127.0.0.1:{free_port()}", MAIL_FROM=MAIL_FROM)
    for _ in range(3):
        queue_mail(app, db)
    assert send(app, db) == Outcome(retried=3)
    assert set(db.session.scalars(select(OutboxMessage.attempts))) == {1}


def test_one_broken_message_does_not_hold_up_the_others(app, db, inbox, monkeypatch):
    broken, fine = queue_mail(app, db), queue_mail(app, db)

    def compose_or_break(message, *args):  # type: ignore[no-untyped-def]
        if message.id == broken.id:
            raise RuntimeError("a bug")
        return compose(message, *args)

    monkeypatch.setattr(delivery, "compose", compose_or_break)
    assert send(app, db) == Outcome(sent=1, retried=1)
    assert row(db, broken.id).last_error == "an error in Chorus (see its log)"
    assert row(db, fine.id).sent_at is not None and len(inbox.messages) == 1


def test_a_day_of_failures_marks_it_failed_and_admins_see_it(
    app, db, make_board, make_user, staff_client
):
    app.config.update(MAIL_URL=f"smtp://127.0.0.1:{free_port()}", MAIL_FROM=MAIL_FROM)
    board = make_board("riverton")
    queued = queue_mail(app, db, board_id=board.id)
    start = utc(queued.next_attempt_at)
    assert send(app, db, start) == Outcome(retried=1)
    assert send(app, db, start + timedelta(hours=23)) == Outcome(retried=1)
    assert send(app, db, start + timedelta(days=1, minutes=1)) == Outcome(failed=1)
    assert row(db, queued.id).failed_at is not None
    queue_mail(app, db, to="another@school.example")
    admin = staff_client(make_user("admin@chorus.example", "admin"))
    assert 'href="/admin/mail"' in admin.get("/admin/").get_data(as_text=True)
    page = admin.get("/admin/mail")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "panel-invitation" in html and "Riverton Partnership" in html
    assert "refused the connection" in html and "<strong>1</strong> message waiting" in html
    for secret in (TO, "another@school.example", "Your say on feeling safe", "Please take part"):
        assert secret not in html


def test_a_claim_held_by_another_sender_is_respected_until_it_lapses(app, db, inbox):
    queued, start = queue_mail(app, db), datetime.now(UTC)
    db.session.execute(update(OutboxMessage).values(claimed_until=start + timedelta(minutes=5)))
    db.session.commit()
    assert send(app, db, start) == Outcome()
    assert send(app, db, start + timedelta(minutes=6)) == Outcome(sent=1)
    assert len(inbox.messages) == 1 and row(db, queued.id).sent_at is not None


def test_two_senders_at_once_send_each_message_exactly_once(app, db, inbox):
    for number in range(45):
        queue_mail(app, db, to=f"member{number}@school.example")
    engine, barrier, outcomes = db.engine, threading.Barrier(2), []

    def sender() -> None:
        with Session(engine) as session:
            transport = transport_for(app)
            barrier.wait()
            with closing(transport):
                outcomes.append(deliver(session, sealer(app), transport, datetime.now(UTC)))

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 2 and sum(o.sent for o in outcomes) == 45
    assert len(inbox.messages) == 45 and len(set(inbox.message_ids())) == 45


def test_line_breaks_in_a_subject_or_sender_name_cannot_add_headers(app, db, inbox):
    queue_mail(
        app, db, subject="Hello\r\nBcc: evil@attacker.example\r\n\r\nInjected body",
        sender_name="Riverton\nBcc: evil@attacker.example",
    )  # fmt: skip
    assert send(app, db) == Outcome(sent=1)
    [got] = inbox.messages
    assert got["Bcc"] is None and inbox.recipients == [[TO]]
    assert str(got["Subject"]) == "Hello Bcc: evil@attacker.example Injected body"
    assert got["From"].addresses[0].display_name == "Riverton Bcc: evil@attacker.example"


def test_smtp_login_uses_the_percent_decoded_user_and_password(app, db, serve):
    seen = []

    def check(server, session, envelope, mechanism, auth):  # type: ignore[no-untyped-def]
        seen.append((auth.login, auth.password))
        right = auth.password == b"p@ss:w/rd"
        return AuthResult(success=right, handled=False, auth_data=auth.login)

    found = serve(authenticator=check, auth_require_tls=False)
    app.config.update(MAIL_URL=f"smtp://mail%20user:p%40ss%3Aw%2Frd@127.0.0.1:{found.port}")
    queue_mail(app, db)
    assert send(app, db) == Outcome(sent=1)
    assert seen == [(b"mail user", b"p@ss:w/rd")]
    app.config["MAIL_URL"] = f"smtp://mail%20user:wrong@127.0.0.1:{found.port}"
    queued = queue_mail(app, db)
    assert send(app, db) == Outcome(retried=1)
    error = row(db, queued.id).last_error
    assert error.startswith("mail server unavailable: 535") and "wrong" not in error


def test_mail_urls_are_read_with_their_defaults():
    assert smtp_settings("smtp://u%40x:p%2Fw@mail.example:2525/?starttls=1") == SmtpSettings(
        "mail.example", 2525, tls=False, starttls=True, user="u@x", password="p/w"
    )
    assert smtp_settings("smtp://mail.example/?starttls=1").port == 587
    assert smtp_settings("smtp://mail.example").port == 25
    secure = smtp_settings("smtps://mail.example")
    assert (secure.port, secure.tls, secure.user) == (465, True, None)
    for wrong in ("http://mail.example", "smtp://", "mail.example:25", "smtp://u:p@host:port"):
        with pytest.raises(ValueError, match="CHORUS_MAIL_URL"):
            smtp_settings(wrong)


def test_send_mail_prints_the_counts(app, db, runner, outbox):
    queue_mail(app, db)
    queue_mail(app, db)
    result = runner.invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    assert result.output == "Sent 2, retried 0, failed 0.\n"
    assert len(list(outbox.glob("*.eml"))) == 2
    assert runner.invoke(args=["send-mail"]).output == "Sent 0, retried 0, failed 0.\n"


def test_send_mail_says_when_the_mail_url_is_wrong(app, runner):
    app.config["MAIL_URL"] = "http://user:secret@mail.example"
    result = runner.invoke(args=["send-mail"])
    assert result.exit_code == 1 and "CHORUS_MAIL_URL" in result.output
    assert "secret" not in result.output and "Traceback" not in result.output
