"""Personal data sealed under an old key opens under a new one, then moves to it."""

from datetime import date

import pytest
from sqlalchemy import select

from app.mail import Mail, queue
from app.models import OutboxMessage, PanelMember
from app.security.personal import Sealer, SealError
from app.security.rotation import rotate

OLD, NEW = "old-data-key-" + "x" * 40, "new-data-key-" + "y" * 40


def test_rotating_reseals_members_and_waiting_mail(db, make_board):
    board = make_board("riverton")
    old = Sealer([OLD])
    address = "ana@police.example"
    member = PanelMember(board_id=board.id, email=old.seal(address), email_hash=old.lookup(address),
                         agency="police", level="frontline", confirmed=True,
                         joined_on=date.today())  # fmt: skip
    db.session.add(member)
    queue(db.session, old, Mail(kind="test", to="ana@police.example", subject="s", text="t",
                                html="h", unsubscribe="http://localhost/leave/x"))  # fmt: skip
    db.session.commit()

    both = Sealer([NEW, OLD])
    assert rotate(db.session, both) == 2
    member = db.session.scalars(select(PanelMember)).one()
    message = db.session.scalars(select(OutboxMessage)).one()
    new_only = Sealer([NEW])
    assert new_only.unseal(member.email) == "ana@police.example"
    assert new_only.unseal(message.recipient) == "ana@police.example"
    assert new_only.unseal(message.unsubscribe or "") == "http://localhost/leave/x"
    assert member.email_hash == new_only.lookup("ANA@police.example ")
    with pytest.raises(SealError):
        Sealer([OLD]).unseal(member.email)


def test_a_hash_is_found_under_every_key_while_rotating():
    both = Sealer([NEW, OLD])
    assert both.lookups("ana@police.example")[1] == Sealer([OLD]).lookup("ana@police.example")
    assert both.lookup("Ana@Police.example") == both.lookup("ana@police.example")
