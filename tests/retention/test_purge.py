"""`flask purge`: old words and responses go, numbers and evidence stay, counts are audited."""

from dataclasses import replace

from sqlalchemy import func, select

from analysis.periods import financial_year, month, quarter
from app.models import Answer, AuditEvent, Board, EvidenceSnapshot, Response
from app.results.service import board_pack
from app.retention.kept import KEPT_NOTE
from app.retention.purge import run
from app.retention.snapshots import without_quotes
from app.retention.steps import STEPS
from tests.retention.conftest import OLD_DAY, OLD_YEAR, TODAY

TEXT_KEYS = ("safer", "nickname")


def count(db, *where) -> int:  # type: ignore[no-untyped-def]
    query = select(func.count()).select_from(Answer).join(Response)
    return int(db.session.scalar(query.where(*where)))


def retain(db, board: Board, text: int, responses: int) -> None:  # type: ignore[no-untyped-def]
    board.text_retention_months, board.response_retention_months = text, responses
    db.session.commit()


def state(db) -> tuple:  # type: ignore[no-untyped-def]
    """Everything a purge may change, to compare two moments."""
    answers = sorted(db.session.execute(select(Answer.response_id, Answer.question_key,
                                               Answer.value)).all())  # fmt: skip
    snapshots = db.session.execute(select(EvidenceSnapshot.period_start,
                                          EvidenceSnapshot.period_end)).all()  # fmt: skip
    audit = db.session.scalar(select(func.count()).select_from(AuditEvent))
    return answers, sorted(snapshots), audit


def test_old_words_go_and_their_numbers_stay(db, runner, results_board, old_survey, new_survey):
    retain(db, results_board, text=12, responses=48)
    numbers_before = count(db, Answer.question_key.not_in(TEXT_KEYS))

    result = runner.invoke(args=["purge"])

    assert result.exit_code == 0, result.output
    assert count(db, Response.survey_id == old_survey.id, Answer.question_key.in_(TEXT_KEYS)) == 0
    assert count(db, Response.survey_id == new_survey.id, Answer.question_key.in_(TEXT_KEYS)) == 48
    assert count(db, Answer.question_key.not_in(TEXT_KEYS)) == numbers_before
    assert db.session.scalar(select(func.count()).select_from(Response)) == 106
    assert "  free-text answers: 48 (riverton 48)" in result.output
    assert "  responses: 0" in result.output


def test_old_responses_go_whole_and_recent_ones_stay(db, runner, results_board, old_survey,
                                                     new_survey):  # fmt: skip
    retain(db, results_board, text=24, responses=12)

    result = runner.invoke(args=["purge"])

    assert "  responses: 53 (riverton 53)" in result.output
    assert db.session.scalar(select(func.count()).select_from(Response).where(
        Response.survey_id == old_survey.id)) == 0  # fmt: skip
    assert count(db, Response.survey_id == old_survey.id) == 0
    assert db.session.scalar(select(func.count()).select_from(Response)) == 53


def test_the_evidence_of_a_purged_period_is_unchanged(db, results_board, old_survey):
    period = financial_year(OLD_YEAR)
    before = without_quotes(board_pack(db.session, results_board, period, TODAY))
    assert any(table.rows for section in before.sections for table in section.tables)
    retain(db, results_board, text=1, responses=1)

    run(db.session, TODAY, False, STEPS)

    assert db.session.scalar(select(func.count()).select_from(Response)) == 0
    after = board_pack(db.session, results_board, period, TODAY)
    assert after.sections == before.sections
    assert after.notes == (*before.notes, KEPT_NOTE.format(made=TODAY))
    assert replace(after, notes=before.notes) == before
    # Without what was kept, the same pack now has nothing to say: the test can fail.
    db.session.execute(EvidenceSnapshot.__table__.delete())
    assert board_pack(db.session, results_board, period, TODAY).sections != before.sections


def test_the_periods_kept_are_those_that_read_the_purged_answers(db, results_board, old_survey):
    retain(db, results_board, text=24, responses=12)

    run(db.session, TODAY, False, STEPS)

    kept = set(db.session.execute(select(EvidenceSnapshot.period_start,
                                         EvidenceSnapshot.period_end)).all())  # fmt: skip
    # Its own month, quarter and year, and the same a year later (their trends read it).
    expected = {month(OLD_DAY.year, 6), quarter(OLD_YEAR, 1), financial_year(OLD_YEAR),
                month(OLD_DAY.year + 1, 6), quarter(OLD_YEAR + 1, 1),
                financial_year(OLD_YEAR + 1)}  # fmt: skip
    assert kept == {(p.start, p.end) for p in expected}
    stored = db.session.scalars(select(EvidenceSnapshot.pack)).all()
    assert not any("bullied" in pack.lower() for pack in stored)  # figures only, no quotes


def test_a_dry_run_changes_nothing_and_says_what_would_go(db, runner, results_board,
                                                          old_survey):  # fmt: skip
    retain(db, results_board, text=12, responses=12)
    was = state(db)

    result = runner.invoke(args=["purge", "--dry-run"])

    assert result.exit_code == 0, result.output
    assert result.output.startswith("Would remove (dry run, nothing changed):")
    assert "  responses: 53 (riverton 53)" in result.output
    assert state(db) == was


def test_a_second_run_removes_nothing_more(db, runner, results_board, old_survey, new_survey):
    retain(db, results_board, text=12, responses=12)
    runner.invoke(args=["purge"])
    answers, snapshots, audit = state(db)

    again = runner.invoke(args=["purge"])

    assert again.exit_code == 0
    assert "  responses: 0\n" in again.output and "  free-text answers: 0\n" in again.output
    assert state(db) == (answers, snapshots, audit)


def test_the_audit_log_has_counts_per_board_and_kind_never_words(
    db, runner, results_board, make_board, old_survey
):
    make_board("hillford")
    retain(db, results_board, text=1, responses=12)

    runner.invoke(args=["purge"])

    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "purge")).all()
    assert {(e.target, e.board_id) for e in events} == {("responses: 53", results_board.id)}
    assert all(e.actor_id is None for e in events)
    texts = " ".join(e.target for e in db.session.scalars(select(AuditEvent)))
    assert "bull" not in texts.lower() and "football" not in texts


def test_a_step_added_later_is_counted_and_audited_as_a_whole(db, results_board):
    def purge_things(session, today, dry_run):  # type: ignore[no-untyped-def]
        return 0 if dry_run else 3

    dry = run(db.session, TODAY, True, [("things", purge_things)])
    done = run(db.session, TODAY, False, [("things", purge_things)])

    assert [(r.kind, r.count, r.board) for r in dry] == [("things", 0, "")]
    assert [(r.kind, r.count, r.board) for r in done] == [("things", 3, "")]
    target = db.session.scalar(select(AuditEvent.target).where(AuditEvent.action == "purge"))
    assert target == "things: 3"


def test_purge_drafts_is_still_the_same_purge(db, runner, results_board, old_survey):
    retain(db, results_board, text=12, responses=12)

    result = runner.invoke(args=["purge-drafts"])

    assert "  responses: 53" in result.output
    assert db.session.scalar(select(func.count()).select_from(Response)) == 0
