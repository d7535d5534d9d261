"""When an action is done, each confirmed member of the board's panel is emailed once, in
the board's name, with a leave link; the email waits in the outbox, so mail down loses nothing."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from app.models import Action, OutboxMessage
from app.security.personal import sealer
from tests.actions.conftest import FIELDS, post_action, post_status
from tests.helpers import hidden_fields
from tests.panel.conftest import outbox

LEAVE = re.compile(r"http://localhost/panel/leave/\S+")


def test_marking_done_queues_one_email_per_confirmed_member(
    app, db, manager, riverton, hillford, closed_survey, add_member
):
    riverton.reply_to = "team@riverton.example"
    db.session.commit()
    for n in range(3):
        add_member(riverton, f"member{n}@police.example")
    add_member(riverton, "waiting@police.example", confirmed=False)
    add_member(hillford, "elsewhere@health.example")
    post_action(manager, survey=str(closed_survey.id), status="in_progress")
    assert outbox(app, db, "panel-action") == []
    action_id = db.session.scalars(select(Action.id)).one()
    assert post_status(manager, action_id, "done").status_code == 303
    sent = outbox(app, db, "panel-action")
    assert sorted(to for to, _ in sent) == [f"member{n}@police.example" for n in range(3)]
    seal = sealer(app)
    for _, message in sent:
        assert message.sent_at is None and message.board_id == riverton.id  # queued, not sent
        assert message.sender_name == riverton.name
        assert seal.unseal(message.reply_to or "") == "team@riverton.example"
        leave = LEAVE.search(message.text)
        assert leave and seal.unseal(message.unsubscribe or "") == leave.group(0)
        assert FIELDS["you_said"] in message.text and FIELDS["we_did"] in message.text
        assert FIELDS["for_children"] not in message.text  # practitioner wording
    told = db.session.get(Action, action_id)
    assert told is not None and told.panel_told_on is not None


def test_the_panel_hears_of_an_action_once_however_often_it_is_done(
    app, db, manager, riverton, closed_survey, add_member
):
    add_member(riverton, "member@police.example")
    post_action(manager, survey=str(closed_survey.id), status="done")
    action_id = db.session.scalars(select(Action.id)).one()
    post_status(manager, action_id, "in_progress")
    post_status(manager, action_id, "done")
    post_action(manager, url=f"{action_id}/edit", survey="none", theme="Transport", status="done")
    assert len(outbox(app, db, "panel-action")) == 1


def test_a_script_in_an_action_is_text_in_the_html_email(
    app, db, manager, riverton, closed_survey, add_member
):
    add_member(riverton, "member@police.example")
    post_action(
        manager,
        survey=str(closed_survey.id),
        status="done",
        we_did="Patrols <script>alert(1)</script> on Fridays.",
    )
    message = db.session.scalars(select(OutboxMessage)).one()
    assert "<script>" not in message.html and "&lt;script&gt;" in message.html


def test_an_action_with_no_panel_queues_nothing_and_is_stored(db, manager, closed_survey):
    assert post_action(manager, survey=str(closed_survey.id), status="done").status_code == 303
    assert db.session.scalars(select(OutboxMessage)).all() == []
    assert db.session.scalars(select(Action.status)).one() == "done"


def test_two_managers_marking_done_at_once_email_the_panel_once(
    app, db, make_user, staff_client, manager, riverton, closed_survey, add_member
):
    add_member(riverton, "member@police.example")
    post_action(manager, survey=str(closed_survey.id), status="in_progress")
    action_id = db.session.scalars(select(Action.id)).one()
    user = make_user("second@riverton.example", "manager", riverton)
    clients = [manager, staff_client(user), staff_client(user), manager]
    tokens = [hidden_fields(c.get("/boards/riverton/actions").data)["csrf_token"] for c in clients]
    barrier = threading.Barrier(len(clients))

    def press(index: int) -> int:
        barrier.wait()
        data = {"csrf_token": tokens[index], "status": "done"}
        return (
            clients[index]
            .post(f"/boards/riverton/actions/{action_id}/status", data=data)
            .status_code
        )

    with ThreadPoolExecutor(len(clients)) as pool:
        codes = list(pool.map(press, range(len(clients))))
    assert codes == [303] * len(clients)
    assert len(outbox(app, db, "panel-action")) == 1
