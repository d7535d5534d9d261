"""A child asks to be contacted: a short form, sealed at rest, never joined to a response,
the reviewers alerted without its contents, and an outcome recorded once."""

import pytest
from sqlalchemy import select

from app.models import AuditEvent, Base, ContactRequest, OutboxMessage
from app.security.personal import sealer
from tests.helpers import hidden_fields, page_text
from tests.safeguarding.conftest import DISCLOSURE

SCRIPT = "<script>alert(1)</script>"
STORY = "my mum's boyfriend shouts at me every night and I am scared"
PHONE = "07911 123456"


def contact_url(board) -> str:  # type: ignore[no-untyped-def]
    return f"/b/{board.slug}/contact"


def ask(client, board, **given: str):  # type: ignore[no-untyped-def]
    fields = hidden_fields(client.get(contact_url(board)).data)
    answers = {"story": STORY, "reach_by": "phone", "phone": PHONE, "safe_time": "after 4pm"}
    return client.post(contact_url(board), data={**fields, **answers, **given})


def requests(db) -> list[ContactRequest]:  # type: ignore[no-untyped-def]
    return list(db.session.scalars(select(ContactRequest)))


def test_the_form_is_linked_from_every_respondent_page_of_the_board(app, survey, make_links):
    token = make_links(survey)[0]
    assert 'href="/b/riverton/contact"' in app.test_client().get(f"/r/{token}").get_data(
        as_text=True
    )


def test_a_request_is_sealed_and_tells_the_child_who_and_when(app, client, db, board, reviewer):
    sent = ask(client, board)
    assert sent.status_code == 303 and sent.location == f"/b/{board.slug}/contact/sent"
    page = page_text(client.get(sent.location))
    assert "We have your message" in page and board.name in page
    assert "by the end of the next school day" in page
    assert "0800 1111" in page and "999" in page
    [stored] = requests(db)
    assert STORY not in stored.story and "07911" not in stored.reach_at
    opened = sealer(app)
    assert opened.unseal(stored.story) == STORY
    assert (stored.reach_by, opened.unseal(stored.reach_at)) == ("phone", PHONE)
    assert opened.unseal(stored.safe_time) == "after 4pm"
    assert stored.board_id == board.id and stored.outcome is None


def test_reviewers_are_alerted_without_the_contents(app, client, db, board, reviewer):
    ask(client, board)
    [message] = db.session.scalars(select(OutboxMessage))
    assert message.kind == "safeguarding-contact"
    assert sealer(app).unseal(message.recipient) == reviewer.email
    for body in (message.subject, message.text, message.html):
        assert "shouts" not in body and "07911" not in body and "4pm" not in body


def test_the_request_is_at_the_top_of_the_queue_opened_for_the_reviewer(
    client, db, board, reviewer, reviewing, send
):
    send(DISCLOSURE)
    ask(client, board)
    queue = reviewing.get(f"/boards/{board.slug}/safeguarding").get_data(as_text=True)
    assert queue.index("Asked to be contacted") < queue.index("Possible disclosures")
    item_url = f"/boards/{board.slug}/safeguarding/contact/{requests(db)[0].id}"
    assert item_url in queue
    item = page_text(reviewing.get(item_url))
    assert STORY in item and PHONE in item and "after 4pm" in item
    fields = hidden_fields(reviewing.get(item_url).data)
    assert reviewing.post(item_url, data={**fields, "outcome": "contacted"}).status_code == 303
    assert requests(db)[0].outcome == "contacted" and requests(db)[0].outcome_on is not None
    late = reviewing.post(item_url, data={**fields, "outcome": "no_action"}, follow_redirects=True)
    assert "Another reviewer recorded an outcome for this first" in page_text(late)
    assert requests(db)[0].outcome == "contacted"
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "safeguarding.contact_outcome")
    )
    assert "shouts" not in event.target and "07911" not in event.target


def test_another_boards_reviewer_cannot_open_it(
    client, db, board, staff_client, make_user, make_board
):
    ask(client, board)
    hillford = make_board("hillford")
    outsider = staff_client(make_user("reviewer@hillford.example", "reviewer", hillford))
    request_id = requests(db)[0].id
    for slug in ("riverton", "hillford"):
        assert outsider.get(f"/boards/{slug}/safeguarding/contact/{request_id}").status_code == 404


def test_no_column_or_key_joins_a_request_to_a_response(db):
    table = Base.metadata.tables["contact_request"]
    targets = {fk.column.table.name for fk in table.foreign_keys}
    assert targets == {"board", "user_account"}
    linkable = {"response", "answer", "survey", "invitation", "open_link", "link_batch", "draft",
                "receipt", "flag"}  # fmt: skip
    for column in table.columns:
        assert not any(
            name in column.name
            for name in ("response", "answer", "survey", "link", "token", "flag", "ip", "agent")
        ), column.name
    for name in linkable:
        assert "contact_request" not in {
            fk.column.table.name for fk in Base.metadata.tables[name].foreign_keys
        }
    from sqlalchemy import inspect

    live = {column["name"] for column in inspect(db.engine).get_columns("contact_request")}
    assert live == {c.name for c in table.columns}


@pytest.mark.parametrize("phone", ["12345", "call me", "+1 202 555 0100", "07911 12345", "=1+2"])
def test_a_phone_number_that_is_not_a_uk_one_is_refused_and_the_words_kept(
    client, db, board, phone
):
    refused = ask(client, board, phone=phone)
    assert refused.status_code == 422
    assert "Enter a UK phone number" in page_text(refused) and STORY in page_text(refused)
    assert requests(db) == []


def test_uk_numbers_in_any_usual_spelling_are_taken(client, db, board):
    for phone in ("07911123456", "+44 7911 123456", "020 7946 0000"):
        assert ask(client, board, phone=phone).status_code == 303


def test_email_and_school_routes_need_their_detail(app, client, db, board):
    assert ask(client, board, reach_by="email", email="not an email").status_code == 422
    assert ask(client, board, reach_by="school", school="").status_code == 422
    assert ask(client, board, reach_by="nothing").status_code == 422
    assert ask(client, board, reach_by="school", school="Riverton Primary").status_code == 303
    assert sealer(app).unseal(requests(db)[0].reach_at) == "Riverton Primary"


def test_a_story_is_required_and_at_most_5000_characters(client, db, board):
    assert ask(client, board, story="").status_code == 422
    too_long = ask(client, board, story="help " * 2001)
    assert too_long.status_code == 422 and "5000 characters or fewer" in page_text(too_long)
    assert requests(db) == []


def test_a_script_in_every_field_is_stored_as_text_and_shown_as_text(
    app, client, db, board, reviewing
):
    sent = ask(client, board, story=SCRIPT, reach_by="school", school=SCRIPT, safe_time=SCRIPT)
    assert sent.status_code == 303
    stored = requests(db)[0]
    assert sealer(app).unseal(stored.story) == SCRIPT
    html = reviewing.get(f"/boards/{board.slug}/safeguarding/contact/{stored.id}").get_data(
        as_text=True
    )
    assert SCRIPT not in html and html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3
    refused = ask(client, board, story=SCRIPT, phone=SCRIPT)
    assert SCRIPT not in refused.get_data(as_text=True)


def test_an_expired_form_keeps_the_words(client, db, board):
    refused = client.post(
        contact_url(board), data={"story": STORY, "reach_by": "phone", "phone": PHONE}
    )
    assert refused.status_code == 400
    assert "Your words are still here" in page_text(refused) and STORY in page_text(refused)
    assert requests(db) == []


def test_posts_are_rate_limited_per_client(app, client, db, board):
    app.config["CONTACT_LIMIT"] = "2 per hour"
    assert [ask(client, board).status_code for _ in range(3)] == [303, 303, 429]
    assert len(requests(db)) == 2


def test_an_unknown_board_is_404(client):
    assert client.get("/b/nowhere/contact").status_code == 404


def test_rotating_the_data_keys_reseals_contact_requests(db, board):
    from app.security.personal import Sealer, SealError
    from app.security.rotation import rotate

    old, new = Sealer(["old-data-key-" + "x" * 40]), "new-data-key-" + "y" * 40
    db.session.add(ContactRequest(board_id=board.id, made_on=board_day(), story=old.seal(STORY),
                                  reach_by="phone", reach_at=old.seal(PHONE),
                                  safe_time=old.seal("after 4pm"), note=""))  # fmt: skip
    db.session.commit()
    assert rotate(db.session, Sealer([new, "old-data-key-" + "x" * 40])) == 1
    stored = requests(db)[0]
    assert Sealer([new]).unseal(stored.story) == STORY
    assert Sealer([new]).unseal(stored.reach_at) == PHONE
    with pytest.raises(SealError):
        old.unseal(stored.safe_time)


def board_day():  # type: ignore[no-untyped-def]
    from datetime import date

    return date.today()
