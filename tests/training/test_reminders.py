"""The optional follow-up reminder: left after the end questionnaire, sealed and apart from
answers, queued once through the outbox when due, deleted when queued or when it lapses."""

import threading
from contextlib import closing
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.extensions import db as _db
from app.links.service import signing_keys
from app.mail.delivery import deliver
from app.mail.transports import transport_for
from app.models import OutboxMessage, Reminder
from app.security.personal import sealer
from app.training.reminders import Sent, send_reminders
from tests.helpers import hidden_fields, page_text
from tests.training.conftest import TODAY, answer_phase, outbox, weeks_ago

ADDRESS = "jo.attendee@riverton-health.example"


def leave(client, token: str, email: str = ADDRESS):  # type: ignore[no-untyped-def]
    """Answer the end questionnaire, then leave an address on its thank-you page."""
    thanks = answer_phase(client, token)
    assert "Email me the follow-up link" in page_text(thanks)
    return client.post(f"/r/{token}/reminder", data={**hidden_fields(thanks.data), "email": email})


def reminders(db) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(Reminder))


def run(runner) -> str:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    return result.output


def test_an_address_is_kept_sealed_until_the_follow_up(app, db, client, course, make_session,
                                                      phase_link):  # fmt: skip
    held = make_session(course)
    kept = leave(client, phase_link(held, "end"))
    due = held.held_on + timedelta(weeks=12)
    assert kept.status_code == 200 and f"{due:%-d %B %Y}" in page_text(kept)
    reminder = db.session.scalar(select(Reminder))
    assert ADDRESS not in reminder.email and sealer(app).unseal(reminder.email) == ADDRESS
    assert reminder.due_on == due and reminder.session_id == held.id


def test_an_address_that_is_not_one_is_explained(db, client, course, make_session, phase_link):
    refused = leave(client, phase_link(make_session(course), "end"), "jo at riverton")
    assert refused.status_code == 422
    assert "Enter an email address in the right format" in page_text(refused)
    assert reminders(db) == 0


def test_only_the_end_of_a_course_offers_a_reminder(db, client, course, make_session, phase_link):
    token = phase_link(make_session(course), "before")
    thanks = answer_phase(client, token)
    assert "Email me the follow-up link" not in page_text(thanks)
    posted = client.post(f"/r/{token}/reminder", data={**hidden_fields(thanks.data),
                                                       "email": ADDRESS})  # fmt: skip
    assert posted.status_code == 404 and reminders(db) == 0


def test_nothing_is_queued_before_it_is_due(app, db, client, runner, course, make_session,
                                            phase_link):  # fmt: skip
    leave(client, phase_link(make_session(course), "end"))
    assert "Queued 0" in run(runner)
    assert reminders(db) == 1 and outbox(app, db) == []


def due_reminder(app, db, course, make_session):  # type: ignore[no-untyped-def]
    """A reminder for a session held 12 weeks ago, whose follow-up opens today."""
    held = make_session(course, weeks_ago(12))
    db.session.add(Reminder(session_id=held.id, email=sealer(app).seal(ADDRESS),
                            due_on=weeks_ago(0)))  # fmt: skip
    db.session.commit()
    return held


def test_a_due_reminder_is_queued_once_in_the_leads_name_and_forgotten(
    app, db, runner, board, course, make_session
):
    board.reply_to = "training@riverton.example"
    db.session.commit()
    held = due_reminder(app, db, course, make_session)
    assert "Queued 1" in run(runner)
    ((to, message),) = outbox(app, db)
    assert to == ADDRESS and reminders(db) == 0
    assert message.sender_name.startswith("Sam Patel") and "no-reply" not in message.sender_name
    assert sealer(app).unseal(message.reply_to) == "training@riverton.example"
    assert "http://localhost/r/" in message.text and course.title in message.text
    assert ADDRESS not in message.text and message.topic == f"course-session:{held.id}"
    assert "Queued 0" in run(runner)
    assert len(outbox(app, db)) == 1


def test_without_a_board_address_replies_go_to_the_lead(app, db, runner, course, make_session):
    due_reminder(app, db, course, make_session)
    run(runner)
    ((_, message),) = outbox(app, db)
    assert sealer(app).unseal(message.reply_to) == course.lead_email


def test_the_emailed_link_opens_the_follow_up(app, db, runner, client, course, make_session):
    due_reminder(app, db, course, make_session)
    run(runner)
    ((_, message),) = outbox(app, db)
    path = message.text.split("http://localhost", 1)[1].split()[0]
    assert client.get(path).status_code == 303  # to the code page: the follow-up is open


def test_reminders_whose_follow_up_closed_are_deleted_unsent(app, db, runner, course,
                                                             make_session):  # fmt: skip
    held = make_session(course, weeks_ago(20))
    db.session.add(Reminder(session_id=held.id, email=sealer(app).seal(ADDRESS),
                            due_on=weeks_ago(8)))  # fmt: skip
    db.session.commit()
    assert "deleted 1" in run(runner)
    assert reminders(db) == 0 and outbox(app, db) == []


def test_mail_down_keeps_the_reminder_queued_in_the_outbox(app, db, runner, course, make_session):
    due_reminder(app, db, course, make_session)
    run(runner)
    app.config.update(MAIL_URL="smtp://127.0.0.1:9", MAIL_FROM="chorus@example.org")
    with closing(transport_for(app)) as transport:
        outcome = deliver(_db.session, sealer(app), transport, datetime.now(UTC))
    assert outcome.retried == 1 and outcome.sent == 0
    waiting = db.session.scalar(select(OutboxMessage))
    assert waiting.sent_at is None and waiting.failed_at is None and waiting.attempts == 1


def test_the_end_to_end_flow_from_thank_you_to_outbox(app, db, client, course, make_session,
                                                      phase_link):  # fmt: skip
    held = make_session(course, TODAY)
    leave(client, phase_link(held, "end"))
    due = TODAY + timedelta(weeks=12)
    assert send_on(app, db, due - timedelta(days=1)).queued == 0
    assert send_on(app, db, due).queued == 1
    ((to, message),) = outbox(app, db)
    assert to == ADDRESS and reminders(db) == 0 and course.title in message.subject
    assert send_on(app, db, due + timedelta(days=1)) == Sent(0, 0)
    assert len(outbox(app, db)) == 1


def send_on(app, db, day):  # type: ignore[no-untyped-def]
    return send_reminders(db.session, sealer(app), signing_keys(app), "http://localhost", day)


def test_two_runs_at_once_queue_each_reminder_exactly_once(app, db, course, make_session):
    held = make_session(course, weeks_ago(12))
    seal = sealer(app)
    db.session.add_all(Reminder(session_id=held.id, email=seal.seal(f"a{n}@example.org"),
                                due_on=weeks_ago(0)) for n in range(30))  # fmt: skip
    db.session.commit()
    barrier, results = threading.Barrier(2), []

    def run_once() -> None:
        with app.app_context(), Session(db.engine) as session:
            barrier.wait()
            results.append(send_reminders(session, seal, signing_keys(app), "http://localhost",
                                          TODAY))  # fmt: skip

    threads = [threading.Thread(target=run_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2 and sum(r.queued for r in results) == 30
    assert sorted(to for to, _ in outbox(app, db)) == sorted(f"a{n}@example.org" for n in range(30))
    assert reminders(db) == 0
