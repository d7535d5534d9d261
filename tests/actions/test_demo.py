"""The demo's actions: a handful on each board, some done, all readable by children, once."""

from sqlalchemy import func, select

from app.actions.wording import too_hard
from app.demo.actions import ACTIONS
from app.models import Action, Board, OutboxMessage


def test_each_demo_board_has_a_handful_of_actions_loaded_once(runner, db, monkeypatch):
    monkeypatch.setenv("CHORUS_DEMO_PASSWORD", "demo-password-for-tests")
    assert runner.invoke(args=["demo", "--responses", "0"]).exit_code == 0
    assert runner.invoke(args=["demo", "--responses", "0"]).exit_code == 0
    counts = db.session.execute(
        select(Board.slug, func.count(), func.count().filter(Action.status == "done"))
        .join(Action, Action.board_id == Board.id)
        .group_by(Board.slug)
    ).all()
    assert sorted(counts) == [("hillford", len(ACTIONS), 3), ("riverton", len(ACTIONS), 3)]
    about_surveys = db.session.scalar(
        select(func.count()).select_from(Action).where(Action.survey_id.is_not(None))
    )
    assert about_surveys == 2 * (len(ACTIONS) - 1)
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_the_demos_words_for_children_pass_the_reading_test():
    assert [too_hard(action[4]) for action in ACTIONS] == [None] * len(ACTIONS)


def test_the_demo_board_page_for_children_lists_them(runner, client, monkeypatch):
    monkeypatch.setenv("CHORUS_DEMO_PASSWORD", "demo-password-for-tests")
    runner.invoke(args=["demo", "--responses", "0"])
    page = client.get("/b/riverton/you-said-we-did").get_data(as_text=True)
    assert "Now the police walk there on Fridays." in page
