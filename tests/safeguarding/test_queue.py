"""The review queue: the board's reviewers only, oldest first, the text escaped with its
matched words marked, and one outcome per item however many reviewers press at once."""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from app.extensions import db as _db
from app.models import AuditEvent, Flag
from app.safeguarding import review
from tests.app.auth_steps import sign_in
from tests.helpers import hidden_fields, page_text
from tests.safeguarding.conftest import DISCLOSURE

SCRIPT = "<script>alert('x')</script>"


def queue_url(board) -> str:  # type: ignore[no-untyped-def]
    return f"/boards/{board.slug}/safeguarding"


def flag_url(board, flag_id) -> str:  # type: ignore[no-untyped-def]
    return f"{queue_url(board)}/flags/{flag_id}"


def flag_ids(db) -> list[uuid.UUID]:  # type: ignore[no-untyped-def]
    return list(db.session.scalars(select(Flag.id).order_by(Flag.flagged_on)))


def record(client, url: str, **answers: str):  # type: ignore[no-untyped-def]
    fields = hidden_fields(client.get(url).data)
    return client.post(url, data={**fields, **answers})


def test_a_flagged_answer_is_in_its_reviewers_queue(db, send, reviewing, board):
    send(DISCLOSURE)
    page = reviewing.get(queue_url(board))
    text = page_text(page)
    assert page.status_code == 200
    assert "Physical abuse" in text and "Feeling safe" in text
    assert "The oldest item has waited 0 days" in text
    assert "safety net, not a diagnosis" in text
    assert DISCLOSURE not in text  # the list never shows the text itself


def test_oldest_first_and_the_age_of_the_oldest(db, send, reviewing, board):
    send(DISCLOSURE)
    send("he punched me and I am scared to go home")
    newer, older = flag_ids(db)
    db.session.execute(
        update(Flag).where(Flag.id == older).values(flagged_on=date.today() - timedelta(days=3))
    )
    db.session.commit()
    html = reviewing.get(queue_url(board)).get_data(as_text=True)
    assert html.index(str(older)) < html.index(str(newer))
    assert "The oldest item has waited 3 days" in page_text(reviewing.get(queue_url(board)))


def test_within_a_day_sentiment_orders_but_never_removes(db, send, board, reviewer):
    send("my dad hits me but I love my dog and I am happy at school")
    send("my dad hits me and I hate it and it is awful")
    lines = review.waiting(db.session, board, date.today()).flags
    assert len(lines) == 2
    texts = [
        review.flag_item(db.session, db.session.get(Flag, line.id)).texts[0].text for line in lines
    ]
    assert "awful" in texts[0]


def test_the_item_shows_the_text_escaped_with_matched_words_marked(db, send, reviewing, board):
    send(f"{DISCLOSURE} {SCRIPT}")
    html = reviewing.get(flag_url(board, flag_ids(db)[0])).get_data(as_text=True)
    assert "<mark>dad hits me</mark>" in html
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "Tell us about home." in html and "Batch of single-use links" in html
    assert "safety net, not a diagnosis" in html


def test_recording_an_outcome_audits_it_without_the_text(db, send, reviewing, board, reviewer):
    send(DISCLOSURE)
    flag_id = flag_ids(db)[0]
    done = record(reviewing, flag_url(board, flag_id), outcome="no_concern", note="Seen: a story")
    assert done.status_code == 303
    flag = db.session.get(Flag, flag_id)
    assert (flag.outcome, flag.note, flag.reviewed_by) == (
        "no_concern",
        "Seen: a story",
        reviewer.id,
    )
    assert flag.reviewed_at is not None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action.like("safeguarding%")))
    assert event.target == f"flag {flag_id}: no_concern" and event.board_id == board.id
    assert "hits" not in event.target and "story" not in event.target
    assert "Nothing is waiting" in page_text(reviewing.get(queue_url(board)))
    reviewed = page_text(reviewing.get(f"{queue_url(board)}/reviewed?outcome=no_concern"))
    assert "No concern" in reviewed


def test_a_referral_needs_its_reference(db, send, reviewing, board):
    send(DISCLOSURE)
    url = flag_url(board, flag_ids(db)[0])
    refused = record(reviewing, url, outcome="referred")
    assert refused.status_code == 422 and "Enter the reference" in page_text(refused)
    assert record(reviewing, url, outcome="referred", reference="MASH-2041").status_code == 303
    assert db.session.scalar(select(Flag.reference)) == "MASH-2041"


def test_an_outcome_recorded_twice_one_wins_and_the_other_is_told(
    db, send, reviewing, staff_client, make_user, board
):
    send(DISCLOSURE)
    url = flag_url(board, flag_ids(db)[0])
    other = staff_client(make_user("second@riverton.example", "reviewer", board))
    first_form, second_form = (
        hidden_fields(reviewing.get(url).data),
        hidden_fields(other.get(url).data),
    )
    assert reviewing.post(url, data={**first_form, "outcome": "already_known"}).status_code == 303
    late = other.post(url, data={**second_form, "outcome": "no_concern"}, follow_redirects=True)
    assert "Another reviewer recorded an outcome for this first" in page_text(late)
    assert "Already known" in page_text(late)
    assert db.session.scalar(select(Flag.outcome)) == "already_known"


def test_outcomes_recorded_at_the_same_moment_only_one_wins(app, db, send, board, make_user):
    send(DISCLOSURE)
    flag_id = flag_ids(db)[0]
    reviewers = [make_user(f"r{n}@riverton.example", "reviewer", board).id for n in range(4)]
    barrier = threading.Barrier(len(reviewers))

    def press(user_id: int) -> bool:
        with app.app_context():
            from app.models import Board, User

            user, chosen = _db.session.get(User, user_id), _db.session.get(Board, board.id)
            barrier.wait()
            won = review.record_flag(
                _db.session, chosen, user, flag_id, review.Outcome("cannot_act")
            )
            _db.session.remove()
            return won

    with ThreadPoolExecutor(len(reviewers)) as pool:
        results = list(pool.map(press, reviewers))
    assert sorted(results) == [False, False, False, True]
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "safeguarding.flag_outcome")
    )
    assert len(list(events)) == 1


@pytest.mark.parametrize("role", ["manager", "analyst", "trainer"])
def test_other_roles_of_the_board_get_404(db, send, staff_client, make_user, board, role):
    send(DISCLOSURE)
    client = staff_client(make_user(f"{role}@riverton.example", role, board))
    assert client.get(queue_url(board)).status_code == 404
    assert client.get(flag_url(board, flag_ids(db)[0])).status_code == 404


def test_another_boards_reviewer_gets_404_for_queue_item_and_outcome(
    db, send, staff_client, make_user, make_board, board
):
    send(DISCLOSURE)
    hillford = make_board("hillford")
    outsider = staff_client(make_user("reviewer@hillford.example", "reviewer", hillford))
    flag_id = flag_ids(db)[0]
    assert outsider.get(queue_url(board)).status_code == 404
    assert outsider.get(flag_url(board, flag_id)).status_code == 404
    assert outsider.get(flag_url(hillford, flag_id)).status_code == 404  # their own board's URL
    token = hidden_fields(outsider.get(queue_url(hillford)).data).get("csrf_token", "")
    posted = outsider.post(
        flag_url(hillford, flag_id), data={"csrf_token": token, "outcome": "no_concern"}
    )
    assert posted.status_code == 404
    assert db.session.scalar(select(Flag.outcome)) is None


def test_an_admin_does_not_read_the_queue(staff_client, make_user, db, send, board):
    send(DISCLOSURE)
    admin = staff_client(make_user("admin@chorus.example", "admin"))
    assert admin.get(queue_url(board)).status_code == 404
    assert admin.get(flag_url(board, flag_ids(db)[0])).status_code == 404


def test_a_reviewer_without_two_factor_is_sent_to_enrol(client, db, send, reviewer, board):
    send(DISCLOSURE)
    assert sign_in(client, reviewer.email).status_code == 302
    assert client.get(queue_url(board)).location == "/account/two-factor"
    assert client.get(flag_url(board, flag_ids(db)[0])).location == "/account/two-factor"


def test_signed_out_goes_to_sign_in(client, board):
    assert client.get(queue_url(board)).location.startswith("/login")


def test_an_unknown_item_is_404(reviewing, board):
    assert reviewing.get(flag_url(board, uuid.uuid4())).status_code == 404
    assert reviewing.get(f"{queue_url(board)}/flags/not-a-uuid").status_code == 404


def test_the_boards_phrases_are_checked_when_saved(db, reviewing, staff_client, make_user, board):
    url = f"{queue_url(board)}/settings"
    refused = record(reviewing, url, lexicon="no category here", contact_days="30")
    assert refused.status_code == 422 and "line 1" in page_text(refused).lower()
    saved = record(reviewing, url, lexicon="exploitation: the man at the blue bridge",
                   contact_days="14")  # fmt: skip
    assert saved.status_code == 303
    db.session.refresh(board)
    assert (board.lexicon, board.contact_days) == ("exploitation: the man at the blue bridge", 14)
    manager = staff_client(make_user("manager@riverton.example", "manager", board))
    assert manager.get(url).status_code == 200
    assert manager.get(queue_url(board)).status_code == 404
    analyst = staff_client(make_user("analyst@riverton.example", "analyst", board))
    assert analyst.get(url).status_code == 404
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "safeguarding.settings")
    )
    assert event is not None and event.board_id == board.id
