"""The demo boards each have an open panel of synthetic, confirmed members."""

from sqlalchemy import func, select

from app.models import Board, PanelMember
from app.security.personal import sealer


def test_each_demo_board_has_an_open_panel_of_about_forty(app, db, runner, monkeypatch):
    monkeypatch.setenv("CHORUS_DEMO_PASSWORD", "demo-password-for-tests")
    assert runner.invoke(args=["demo", "--responses", "0"]).exit_code == 0
    assert runner.invoke(args=["demo", "--responses", "0"]).exit_code == 0  # twice: no more
    for board in db.session.scalars(select(Board)):
        found = db.session.scalars(select(PanelMember).where(PanelMember.board_id == board.id))
        members = list(found)
        assert board.panel_open and len(members) == 40 and all(m.confirmed for m in members)
        assert len({m.agency for m in members}) == 7 and len({m.level for m in members}) == 3
        addresses = {sealer(app).unseal(m.email) for m in members}
        assert f"member01@{board.slug}-police.example" in addresses
    assert db.session.scalar(select(func.count()).select_from(PanelMember)) == 80
