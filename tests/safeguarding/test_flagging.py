"""Flagging on submit: help at once, a flag in the queue and an alert without the text, all
stored with the response or not at all; an unflagged answer takes the usual path."""

import pytest
from sqlalchemy import select

from app.models import Answer, Board, Flag, Invitation, OutboxMessage, Response
from app.safeguarding import alerts
from app.security.personal import sealer
from tests.helpers import hidden_fields, page_text
from tests.safeguarding.conftest import DISCLOSURE, REASSURANCE, counts, send_to

HELP_FIRST = "Thank you for telling us"


def test_a_disclosure_gets_help_at_once_a_flag_and_an_alert_without_the_text(
    app, db, send, reviewer, survey
):
    page = send(DISCLOSURE)
    text = page_text(page)
    assert page.status_code == 200
    assert text.index(HELP_FIRST) < text.index("Your answers have been sent")
    assert "0800 1111" in text and "999" in text
    assert f"/b/{survey.board.slug}/contact" in text and "I want someone to contact me" in text
    flag = db.session.scalar(select(Flag))
    assert flag.outcome is None and flag.survey_id == survey.id
    assert "physical" in flag.categories and flag.questions == ["home"]
    assert "dad hits me" in flag.words
    message = db.session.scalar(select(OutboxMessage))
    assert sealer(app).unseal(message.recipient) == reviewer.email
    assert message.kind == "safeguarding-alert"
    assert "review queue" in message.text and "/boards/riverton/safeguarding" in message.text
    for body in (message.text, message.html, message.subject):
        assert "hits" not in body and "drinks" not in body


def test_a_reassurance_is_not_flagged_and_gets_the_usual_thanks(db, send, reviewer):
    page = send(REASSURANCE)
    assert HELP_FIRST not in page_text(page)
    assert "Your answers have been sent" in page_text(page)
    assert counts(db) == (1, 0, 0)


def test_every_reviewer_of_the_board_is_alerted_and_nobody_else(
    app, db, send, reviewer, make_user, make_board, board
):
    make_user("second@riverton.example", "reviewer", board)
    make_user("manager@riverton.example", "manager", board)
    make_user("reviewer@hillford.example", "reviewer", make_board("hillford"))
    send(DISCLOSURE)
    recipients = {
        sealer(app).unseal(m.recipient) for m in db.session.scalars(select(OutboxMessage))
    }
    assert recipients == {"reviewer@riverton.example", "second@riverton.example"}


@pytest.mark.parametrize(
    "text",
    ["MY DAD HITS ME WHEN HE DRINKS", "mydadhitsmewhenhedrinks", "my dad hitz me wen he drinks"],
)
def test_capitals_run_together_words_and_text_speak_are_still_flagged(db, send, reviewer, text):
    assert HELP_FIRST in page_text(send(text))
    assert counts(db)[:2] == (1, 1)


def test_emoji_only_is_stored_and_not_flagged(db, send):
    page = send("😢😢😢 💔")
    assert page.status_code == 200 and HELP_FIRST not in page_text(page)
    assert (
        db.session.scalar(select(Answer.value).where(Answer.question_key == "home")) == "😢😢😢 💔"
    )
    assert counts(db)[1] == 0


def test_a_disclosure_at_the_end_of_5000_characters_is_flagged(db, send, reviewer):
    long = ("We have a dog and a garden. " * 200)[: 5000 - len(DISCLOSURE) - 1] + " " + DISCLOSURE
    assert len(long) == 5000
    assert HELP_FIRST in page_text(send(long))
    assert counts(db)[:2] == (1, 1)


def test_a_10000_character_disclosure_is_refused_plainly_kept_and_help_is_on_the_page(db, send):
    page = send(DISCLOSURE + " " + "x" * 10_000)
    text = page_text(page)
    assert page.status_code == 422
    assert "Keep your answer to 5,000 characters or fewer" in text
    assert DISCLOSURE in text  # the words are shown again, not lost
    assert "0800 1111" in text
    assert counts(db) == (0, 0, 0)


def test_a_script_in_the_answer_is_stored_as_written(db, send, reviewer):
    send(DISCLOSURE + " <script>alert(1)</script>")
    stored = db.session.scalar(select(Answer.value).where(Answer.question_key == "home"))
    assert stored.endswith("<script>alert(1)</script>")
    assert counts(db)[1] == 1


def test_flag_and_alert_are_all_or_nothing_with_the_response(
    app, db, survey, make_links, reviewer, monkeypatch
):
    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("the outbox failed")

    monkeypatch.setattr(alerts, "queue", broken)  # the alert fails after the flag is written
    token = make_links(survey)[0]
    client = app.test_client()
    assert send_to(client, token, DISCLOSURE).status_code == 500  # the generic error page
    assert counts(db) == (0, 0, 0)
    assert db.session.scalar(select(Invitation.used)) is False
    monkeypatch.undo()
    assert HELP_FIRST in page_text(send_to(client, token, DISCLOSURE))
    assert counts(db) == (1, 1, 1)


def test_a_double_tap_on_a_flagged_answer_shows_the_help_again_and_stores_once(
    app, db, survey, make_links, reviewer
):
    token = make_links(survey)[0]
    client = app.test_client()
    fields = hidden_fields(client.get(f"/r/{token}").data)
    posted = {**fields, "feel": "2", "home": DISCLOSURE}
    first = client.post(f"/r/{token}?page=1", data=posted)
    again = client.post(f"/r/{token}?page=1", data=posted)
    assert HELP_FIRST in page_text(first) and HELP_FIRST in page_text(again)
    assert counts(db) == (1, 1, 1)


def test_the_flag_says_which_batch_or_open_link_and_nothing_more(
    app, db, survey, reviewer, make_open_link
):
    from app.links.service import add_batch, signing_keys

    _, tokens = add_batch(db.session, signing_keys(app), survey, 1, "Year 6, Riverton Primary")
    db.session.commit()
    send_to(app.test_client(), tokens[0], DISCLOSURE)
    survey.distribution = "Poster at the library"
    db.session.commit()
    send_to(app.test_client(), make_open_link(survey), DISCLOSURE)
    contexts = set(db.session.scalars(select(Flag.context)))
    assert contexts == {"Batch: Year 6, Riverton Primary", "Open link: Poster at the library"}


def test_the_boards_own_phrases_flag_at_once_after_an_edit(app, db, send, board, reviewer):
    local = "I go and see the man at the blue bridge after school"
    assert counts(db)[1] == 0 and HELP_FIRST not in page_text(send(local))
    db.session.get(Board, board.id).lexicon = "exploitation: the man at the blue bridge"
    db.session.commit()
    assert HELP_FIRST in page_text(send(local))
    assert db.session.scalar(select(Flag.categories)) == ["exploitation"]


def test_mail_down_when_a_flag_is_raised_loses_nothing(app, db, send, reviewer, runner):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app.config.update(MAIL_URL=f"smtp://127.0.0.1:{port}")  # nothing listens there
    assert HELP_FIRST in page_text(send(DISCLOSURE))
    result = runner.invoke(args=["send-mail"])
    assert result.exit_code == 0
    waiting = db.session.scalar(select(OutboxMessage))
    assert waiting.sent_at is None and waiting.failed_at is None and waiting.attempts == 1
    assert waiting.text and sealer(app).unseal(waiting.recipient) == reviewer.email
    assert db.session.scalar(select(Flag.outcome)) is None
    assert db.session.scalar(select(Response.id)) is not None


def test_many_devices_racing_one_flagged_link_store_one_response_flag_and_alert(
    app, db, survey, make_links, reviewer
):
    import threading
    from concurrent.futures import ThreadPoolExecutor

    token = make_links(survey)[0]
    clients = [app.test_client() for _ in range(8)]
    forms = [hidden_fields(c.get(f"/r/{token}").data) for c in clients]
    barrier = threading.Barrier(len(clients))

    def post(index: int) -> int:
        barrier.wait()
        data = {**forms[index], "feel": "2", "home": DISCLOSURE}
        return clients[index].post(f"/r/{token}?page=1", data=data).status_code

    with ThreadPoolExecutor(len(clients)) as pool:
        codes = list(pool.map(post, range(len(clients))))
    assert sorted(codes) == [200] + [409] * (len(clients) - 1)
    assert counts(db) == (1, 1, 1)
