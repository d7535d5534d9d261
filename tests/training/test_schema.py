"""No table holds a code or an email next to an answer; a code record holds only hashes."""

from sqlalchemy import JSON, Boolean, Integer, String, Uuid, func, select

from app.models import Base, CodeRecord, Reminder
from tests.helpers import hidden_fields
from tests.training.conftest import answer_phase

# The columns answers live in: an answer row's value and readings, a draft's answers.
ANSWER_COLUMNS = {"value", "number", "sentiment", "answers"}
CODE_OR_EMAIL = {"code", "email", "recipient", "mother", "birthday", "siblings", "birthplace"}


def columns(table) -> set[str]:  # type: ignore[no-untyped-def]
    return {column.name for column in table.columns}


def test_no_table_holds_an_answer_beside_a_code_or_an_email():
    for table in Base.metadata.sorted_tables:
        names = columns(table)
        holds_answers = bool(names & ANSWER_COLUMNS)
        holds_people = any(word in name for name in names for word in CODE_OR_EMAIL)
        assert not (holds_answers and holds_people), table.name


def test_a_code_record_holds_only_hashes_and_keys():
    table = CodeRecord.__table__
    assert columns(table) == {"phase_id", "response_id", "parts", "code_hash", "with_manager"}
    assert [c.name for c in table.primary_key] == ["response_id"]  # no serial id, no order
    kinds = {c.name: type(c.type) for c in table.columns}
    assert kinds["parts"] is JSON and kinds["code_hash"] is String
    assert kinds["response_id"] is Uuid and kinds["with_manager"] is Boolean
    assert table.c.code_hash.type.length == 64
    assert [fk.ondelete for fk in table.c.response_id.foreign_keys] == ["CASCADE"]


def test_a_reminder_names_no_response_and_no_time():
    table = Reminder.__table__
    assert columns(table) == {"id", "session_id", "email", "due_on"}
    assert isinstance(table.c.id.type, Uuid)  # random: no order of arrival
    assert {fk.column.table.name for fk in table.foreign_keys} == {"course_session"}
    assert isinstance(table.c.session_id.type, Integer)


def test_nothing_points_from_a_response_or_answer_to_a_reminder():
    for table in (Base.metadata.tables["response"], Base.metadata.tables["answer"]):
        assert all(fk.column.table.name != "reminder" for fk in table.foreign_keys)


def test_after_answering_and_leaving_an_address_it_is_stored_nowhere_in_clear(
    app, db, client, course, make_session, phase_link
):
    token = phase_link(make_session(course), "end")
    thanks = answer_phase(client, token)
    address = "sam.attendee@riverton-police.example"
    client.post(f"/r/{token}/reminder", data={**hidden_fields(thanks.data), "email": address})
    assert db.session.scalar(select(func.count()).select_from(Reminder)) == 1
    for table in Base.metadata.sorted_tables:
        for row in db.session.execute(select(table)):
            assert not any(address in str(cell) for cell in row), table.name
