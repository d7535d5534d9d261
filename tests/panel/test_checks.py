"""Sending a quick check from the survey page and the command line; staff see counts only,
and once closed no table, page or log ties a member to an answer."""

import logging
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text

from app.models import PanelInvite
from tests.app.test_concurrency import ONE_PAGE
from tests.helpers import hidden_fields, page_text
from tests.panel.conftest import outbox

TODAY = date.today()
LINK = re.compile(r"http://localhost/r/(\S+)")


@pytest.fixture
def check(db, make_survey, open_panel, add_member):  # type: ignore[no-untyped-def]
    """A practitioner survey of an open panel with six confirmed members."""
    for n in range(6):
        add_member(open_panel, f"member{n}@health.example", agency="health")
    return make_survey(ONE_PAGE, board=open_panel)


def survey_url(survey) -> str:  # type: ignore[no-untyped-def]
    return f"/boards/riverton/surveys/{survey.slug}"


def post(client, survey, action: str, **data: str):  # type: ignore[no-untyped-def]
    token = hidden_fields(client.get(survey_url(survey)).data)["csrf_token"]
    return client.post(f"{survey_url(survey)}/panel/{action}", data={"csrf_token": token, **data})


def answer(client, token: str) -> int:  # type: ignore[no-untyped-def]
    fields = hidden_fields(client.get(f"/r/{token}").data)
    return client.post(f"/r/{token}", data={**fields, "useful": "9"}).status_code


def test_a_manager_sends_reminds_and_sees_counts_never_who(app, db, check, panel_manager):
    closes = (TODAY + timedelta(days=7)).isoformat()
    sent = post(panel_manager, check, "send", closes_on=closes)
    assert sent.status_code == 303
    invitations = outbox(app, db, "panel-invitation")
    assert len(invitations) == 6
    token = LINK.search(invitations[0][1].text).group(1)  # type: ignore[union-attr]
    assert answer(app.test_client(), token) == 200
    assert post(panel_manager, check, "remind").status_code == 303
    assert len(outbox(app, db, "panel-reminder")) == 5
    page = page_text(panel_manager.get(survey_url(check)))
    assert "6 members" in page and "1 (17% response rate)" in page
    assert "member0@health.example" not in page and "member1@health.example" not in page


def test_bad_sends_are_refused_with_a_reason(app, db, make_survey, open_panel, panel_manager,
                                             check):  # fmt: skip
    empty = post(panel_manager, check, "send", closes_on="not a date")
    assert empty.status_code == 422
    late = post(panel_manager, check, "send", closes_on=(TODAY + timedelta(days=400)).isoformat())
    assert late.status_code == 422 and "closing date" in page_text(late)
    early = post(panel_manager, check, "remind")
    assert early.status_code == 422 and "only while the quick check is open" in page_text(early)
    assert outbox(app, db) == []


@pytest.mark.parametrize("role", ["analyst", "trainer", "reviewer"])
def test_only_managers_send(check, make_user, staff_client, open_panel, role):
    client = staff_client(make_user(f"{role}@riverton.example", role, open_panel))
    url = f"{survey_url(check)}/panel/send"
    assert client.post(url, data={"closes_on": TODAY.isoformat()}).status_code in (400, 404)


def test_the_command_line_sends_and_reminds(app, db, check, runner):
    done = runner.invoke(args=["panel", "riverton", "--send", check.slug, "--closes",
                               (TODAY + timedelta(days=3)).isoformat()])  # fmt: skip
    assert done.exit_code == 0 and "Queued 6 invitation(s)" in done.output
    again = runner.invoke(args=["panel", "riverton", "--send", check.slug])
    assert again.exit_code == 2 and "nobody on the panel left" in again.output
    reminded = runner.invoke(args=["panel", "riverton", "--remind", check.slug])
    assert reminded.exit_code == 0 and "Queued 6 reminder(s)" in reminded.output
    wrong = runner.invoke(args=["panel", "riverton", "--send", "no-such-survey"])
    assert wrong.exit_code == 2


def test_once_closed_nothing_ties_a_member_to_an_answer(app, db, check, panel_manager, caplog):
    caplog.set_level(logging.DEBUG)
    post(panel_manager, check, "send", closes_on=TODAY.isoformat())
    tokens = [LINK.search(m.text).group(1) for _, m in outbox(app, db, "panel-invitation")]  # type: ignore[union-attr]
    for token in tokens[:2]:
        assert answer(app.test_client(), token) == 200
    token = hidden_fields(panel_manager.get(survey_url(check)).data)["csrf_token"]
    closed = panel_manager.post(f"{survey_url(check)}/close", data={"csrf_token": token})
    assert closed.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(PanelInvite)) == 0
    # No log line names a member, their address or a link.
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "@health.example" not in logged and not any(t in logged for t in tokens)
    page = page_text(panel_manager.get(survey_url(check)))
    assert "which member held which link has been forgotten" in page
    if db.engine.dialect.name == "postgresql":
        links = set(db.session.scalars(text("SELECT xmin::text FROM invitation")))
        answers = set(db.session.scalars(text("SELECT xmin::text FROM response")))
        assert links.isdisjoint(answers)
    told = post(panel_manager, check, "outcome", outcome="The guide is now on the front page.")
    assert told.status_code == 303 and len(outbox(app, db, "panel-outcome")) == 6


def test_invitations_carry_the_boards_reply_to_address(app, db, check, open_panel, panel_manager):
    from app.security.personal import sealer

    open_panel.reply_to = "team@riverton.example"
    db.session.commit()
    post(panel_manager, check, "send", closes_on=TODAY.isoformat())
    message = outbox(app, db, "panel-invitation")[0][1]
    assert sealer(app).unseal(message.reply_to or "") == "team@riverton.example"


def test_the_evidence_pack_reports_the_days_from_closing_to_the_first_action(
    app, db, check, panel_manager, make_user, staff_client, open_panel
):
    from app.panel.sending import close_due, sender_for, tell_outcome

    post(panel_manager, check, "send", closes_on=TODAY.isoformat())
    for _, message in outbox(app, db, "panel-invitation"):
        assert answer(app.test_client(), LINK.search(message.text).group(1)) == 200  # type: ignore[union-attr]
    close_due(db.session, TODAY + timedelta(days=1))
    tell_outcome(db.session, sender_for(app), check, "The guide moved.", TODAY + timedelta(days=4))
    page = page_text(panel_manager.get("/boards/riverton/evidence"))
    assert "From a survey closing to its first action" in page
    assert "a median of 4 day(s) after closing" in page
