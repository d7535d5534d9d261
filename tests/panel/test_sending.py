"""Sending a quick check to the panel: one link each, reminders only to unused links,
counts for staff, and nothing left that ties a member to a response once it closes."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text

from app.links.service import signing_keys
from app.models import Invitation, OutboxMessage, PanelCheck, PanelInvite, PanelMember, Response
from app.panel.sending import (
    PanelError,
    Sender,
    close_due,
    figures,
    remind,
    send_check,
    tell_outcome,
)
from app.security.personal import sealer
from tests.app.test_concurrency import ONE_PAGE
from tests.helpers import hidden_fields

TODAY = date.today()
LINK = re.compile(r"http://localhost/r/(\S+)")


@pytest.fixture
def panel_survey(db, make_survey, make_board):  # type: ignore[no-untyped-def]
    board = make_board("riverton")
    return make_survey(ONE_PAGE, board=board)


@pytest.fixture
def members(app, db, panel_survey):  # type: ignore[no-untyped-def]
    """Five confirmed members and one who never confirmed."""
    seal = sealer(app)
    made = []
    for n, confirmed in enumerate([True] * 5 + [False]):
        address = f"member{n}@police.example"
        member = PanelMember(board_id=panel_survey.board_id, email=seal.seal(address),
                             email_hash=seal.lookup(address), agency="police",
                             level="frontline", confirmed=confirmed, joined_on=TODAY)  # fmt: skip
        db.session.add(member)
        made.append(member)
    db.session.commit()
    return made


@pytest.fixture
def sender(app) -> Sender:  # type: ignore[no-untyped-def]
    return Sender(signing_keys(app), "http://localhost", sealer(app),
                  lambda member: f"http://localhost/panel/leave/{member.id}")  # fmt: skip


def mails(app, db, kind: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(recipient, text) of each queued message of a kind."""
    rows = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind))
    return [(sealer(app).unseal(m.recipient), m.text) for m in rows]


def answer(client, token: str) -> int:  # type: ignore[no-untyped-def]
    fields = hidden_fields(client.get(f"/r/{token}").data)
    return client.post(f"/r/{token}", data={**fields, "useful": "8"}).status_code


def test_each_confirmed_member_gets_one_working_link(app, db, panel_survey, members, sender):
    assert send_check(db.session, sender, panel_survey, TODAY + timedelta(days=7), TODAY) == 5
    sent = mails(app, db, "panel-invitation")
    assert sorted(to for to, _ in sent) == [f"member{n}@police.example" for n in range(5)]
    tokens = [LINK.search(body).group(1) for _, body in sent]  # type: ignore[union-attr]
    assert len(set(tokens)) == 5
    assert answer(app.test_client(), tokens[0]) == 200
    message = db.session.scalars(select(OutboxMessage)).first()
    assert message.unsubscribe and message.sender_name == panel_survey.board.name
    assert "member0@police.example" not in (message.recipient + message.text)


def test_sending_again_invites_only_those_not_yet_invited(app, db, panel_survey, members, sender):
    send_check(db.session, sender, panel_survey, TODAY + timedelta(days=7), TODAY)
    with pytest.raises(PanelError, match="nobody on the panel left"):
        send_check(db.session, sender, panel_survey, TODAY + timedelta(days=7), TODAY)
    members[5].confirmed = True
    db.session.commit()
    assert send_check(db.session, sender, panel_survey, TODAY + timedelta(days=7), TODAY) == 1
    assert figures(db.session, panel_survey).invited == 6  # type: ignore[union-attr]


def test_an_empty_panel_and_a_bad_date_are_refused(db, panel_survey, sender):
    with pytest.raises(PanelError, match="nobody"):
        send_check(db.session, sender, panel_survey, TODAY + timedelta(days=3), TODAY)
    with pytest.raises(PanelError, match="closing date"):
        send_check(db.session, sender, panel_survey, TODAY - timedelta(days=1), TODAY)


def test_reminders_go_only_to_unused_links_with_fresh_ones_at_most_twice(
    app, db, panel_survey, members, sender
):
    send_check(db.session, sender, panel_survey, TODAY + timedelta(days=7), TODAY)
    first = {to: LINK.search(body).group(1) for to, body in mails(app, db, "panel-invitation")}  # type: ignore[union-attr]
    assert answer(app.test_client(), first["member0@police.example"]) == 200
    assert remind(db.session, sender, panel_survey, TODAY) == 4
    reminded = mails(app, db, "panel-reminder")
    assert "member0@police.example" not in {to for to, _ in reminded}
    # The old unused link is withdrawn; the new one works.
    assert app.test_client().get(f"/r/{first['member1@police.example']}").status_code == 410
    fresh = dict(reminded)["member1@police.example"]
    assert answer(app.test_client(), LINK.search(fresh).group(1)) == 200  # type: ignore[union-attr]
    assert remind(db.session, sender, panel_survey, TODAY) == 3
    with pytest.raises(PanelError, match="2 reminders"):
        remind(db.session, sender, panel_survey, TODAY)
    shown = figures(db.session, panel_survey)
    assert shown is not None and (shown.invited, shown.answered, shown.rate) == (5, 2, 40)


def test_no_reminder_after_closing(app, db, panel_survey, members, sender):
    send_check(db.session, sender, panel_survey, TODAY, TODAY)
    assert close_due(db.session, TODAY + timedelta(days=1)) == 1
    with pytest.raises(PanelError, match="only while"):
        remind(db.session, sender, panel_survey, TODAY + timedelta(days=1))


def test_closing_forgets_who_held_which_link(app, db, panel_survey, members, sender):
    send_check(db.session, sender, panel_survey, TODAY + timedelta(days=7), TODAY)
    tokens = [LINK.search(body).group(1) for _, body in mails(app, db, "panel-invitation")]  # type: ignore[union-attr]
    for token in tokens[:3]:
        assert answer(app.test_client(), token) == 200
    check = db.session.scalar(select(PanelCheck))
    assert db.session.scalar(select(func.count()).select_from(PanelInvite)) == 5
    close_due(db.session, TODAY + timedelta(days=8))
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(PanelInvite)) == 0
    assert check.closed
    used = db.session.scalar(select(func.count()).where(Invitation.used))
    assert used == 3 and db.session.scalar(select(func.count()).select_from(Response)) == 3
    if db.engine.dialect.name == "postgresql":
        # The spent links and the responses were written by one statement, so shared a
        # transaction id; after closing, no link shares one with any response.
        links = set(db.session.scalars(text("SELECT xmin::text FROM invitation")))
        answers = set(db.session.scalars(text("SELECT xmin::text FROM response")))
        assert links.isdisjoint(answers)


def test_the_panel_hears_what_changed_once_closed(app, db, panel_survey, members, sender):
    send_check(db.session, sender, panel_survey, TODAY, TODAY)
    with pytest.raises(PanelError, match="once the quick check has closed"):
        tell_outcome(db.session, sender, panel_survey, "The guide is on the front page.", TODAY)
    close_due(db.session, TODAY + timedelta(days=1))
    assert (
        tell_outcome(db.session, sender, panel_survey, "The guide is on the front page.", TODAY)
        == 5
    )
    told = mails(app, db, "panel-outcome")
    assert len(told) == 5 and all("front page" in body for _, body in told)
    with pytest.raises(PanelError, match="already"):
        tell_outcome(db.session, sender, panel_survey, "Again", TODAY)
