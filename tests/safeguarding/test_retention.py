"""Contact requests are deleted their board's number of days after the outcome, never before."""

from datetime import date, timedelta

from sqlalchemy import select

from app.models import AuditEvent, Board, ContactRequest
from app.safeguarding.retention import purge_contact_requests

TODAY = date(2026, 11, 29)


def add(db, board: Board, outcome_days_ago: int | None) -> ContactRequest:  # type: ignore[no-untyped-def]
    outcome_on = None if outcome_days_ago is None else TODAY - timedelta(days=outcome_days_ago)
    asked = ContactRequest(
        board_id=board.id, made_on=TODAY - timedelta(days=60), story="sealed", reach_by="school",
        reach_at="sealed", safe_time="sealed", note="",
        outcome="contacted" if outcome_on else None, outcome_on=outcome_on,
    )  # fmt: skip
    db.session.add(asked)
    db.session.commit()
    return asked


def left(db) -> set:  # type: ignore[no-untyped-def]
    return set(db.session.scalars(select(ContactRequest.id)))


def test_requests_past_30_days_after_their_outcome_go_open_ones_stay(db, make_board):
    board = make_board("riverton")
    old, edge, recent, open_one = (add(db, board, days).id for days in (31, 30, 3, None))
    assert purge_contact_requests(db.session, TODAY, dry_run=True) == 1
    assert len(left(db)) == 4  # a dry run deletes nothing
    assert purge_contact_requests(db.session, TODAY, dry_run=False) == 1
    assert left(db) == {edge, recent, open_one}
    assert old not in left(db)
    assert purge_contact_requests(db.session, TODAY, dry_run=False) == 0


def test_each_board_keeps_them_its_own_number_of_days(db, make_board):
    short, default = make_board("riverton"), make_board("hillford")
    short.contact_days = 7
    db.session.commit()
    kept = add(db, default, 8).id
    add(db, short, 8)
    assert purge_contact_requests(db.session, TODAY, dry_run=False) == 1
    assert left(db) == {kept}


def test_the_daily_purge_removes_them_and_audits_each_boards_count(db, make_board, runner):
    board = make_board("riverton")
    # `flask purge` counts from the real today, so the ages are set from it.
    old, kept = add(db, board, 0), add(db, board, 0)
    old.outcome_on = date.today() - timedelta(days=31)
    kept.outcome_on = date.today() - timedelta(days=3)
    db.session.commit()
    said = runner.invoke(args=["purge"])
    assert said.exit_code == 0, said.output
    assert "contact requests past their time: 1 (riverton 1)" in said.output
    assert left(db) == {kept.id}
    audit = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "purge")).all()
    assert [(e.target, e.board_id) for e in audit] == [
        ("contact requests past their time: 1", board.id)
    ]
