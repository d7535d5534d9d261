"""The board's lists, thresholds and codebook: what can be saved and what is refused."""

from sqlalchemy import select

from app.models import AuditEvent, Board
from tests.helpers import hidden_fields, page_text

SETTINGS = "/boards/riverton/results-settings"
CODEBOOK = "/boards/riverton/codebook"


def post(client, url: str, **data: str):  # type: ignore[no-untyped-def]
    token = hidden_fields(client.get(url).data)["csrf_token"]
    return client.post(url, data={"csrf_token": token, **data})


def settings(**changes: str) -> dict[str, str]:
    return {"sections": "D: Children and young people\nE: Frontline staff",
            "priorities": "Neglect\n neglect \nEarly help", "places": "Riverton Academy",
            "count_threshold": "5", "group_threshold": "10", "text_retention_months": "24",
            "response_retention_months": "24", **changes}  # fmt: skip


def test_a_manager_saves_the_boards_lists(db, results_board, signed_in):
    response = post(signed_in(), SETTINGS, **settings(count_threshold="7", shares_with_region="y"))
    assert response.status_code == 303
    board = db.session.get(Board, results_board.id)
    assert board.qa_sections == [{"code": "D", "name": "Children and young people"},
                                 {"code": "E", "name": "Frontline staff"}]  # fmt: skip
    assert board.priorities == ["Neglect", "Early help"]
    assert (board.count_threshold, board.shares_with_region) == (7, True)
    assert "results-settings-changed" in db.session.scalars(select(AuditEvent.action)).all()


def test_thresholds_can_be_raised_but_never_lowered(db, results_board, signed_in):
    lower = post(signed_in(), SETTINGS, **settings(count_threshold="3"))
    assert lower.status_code == 422 and "from 5 to 100" in page_text(lower)
    crossed = post(signed_in(), SETTINGS, **settings(count_threshold="12", group_threshold="10"))
    assert crossed.status_code == 422 and "above the count threshold" in page_text(crossed)
    assert db.session.get(Board, results_board.id).count_threshold == 5


def test_a_section_line_without_a_code_is_refused_and_nothing_changes(db, results_board, signed_in):
    response = post(signed_in(), SETTINGS, **settings(sections="Children and young people"))
    assert response.status_code == 422 and "Line 1" in page_text(response)
    assert db.session.get(Board, results_board.id).qa_sections is None


def test_only_managers_change_settings(results_board, signed_in):
    for role in ("analyst", "trainer", "reviewer"):
        assert signed_in(role).get(SETTINGS).status_code == 404


def test_the_codebook_starts_from_the_starter_set_and_can_be_edited(db, results_board, signed_in):
    analyst = signed_in("analyst")
    assert "Bullying:" in page_text(analyst.get(CODEBOOK))
    saved = post(analyst, CODEBOOK, codebook="Buses: bus stop, the 42, .*\nLighting: dark, lights")
    assert saved.status_code == 303
    assert db.session.get(Board, results_board.id).codebook == {
        "Buses": ["bus stop", "the 42", ".*"], "Lighting": ["dark", "lights"]}  # fmt: skip


def test_a_codebook_with_problems_is_refused_and_kept(db, results_board, signed_in):
    response = post(signed_in("analyst"), CODEBOOK, codebook="no colon here\nEmpty: , ,")
    assert response.status_code == 422
    assert db.session.get(Board, results_board.id).codebook is None


def test_regex_like_and_empty_phrases_match_only_as_written(
    db, results_board, make_survey, make_responses, signed_in
):
    results_board.codebook = {"Odd": [".*", "(a|b", ""], "Buses": ["bus stop"]}
    db.session.commit()
    survey = make_survey(board=results_board)
    make_responses(survey, [{"safer": f"Waiting at the bus stop at night, number {n}"}
                            for n in range(12)])  # fmt: skip
    page = signed_in().get(f"/boards/riverton/surveys/{survey.slug}/results")
    text = page_text(page)
    assert page.status_code == 200
    assert ">Buses<" in text and ">Odd<" not in text


def test_the_boards_reply_to_address_is_kept_and_checked(db, results_board, signed_in):
    client = signed_in()
    bad = post(client, SETTINGS, **settings(reply_to="not an address"))
    assert bad.status_code == 422 and "Enter an email address" in page_text(bad)
    assert post(client, SETTINGS, **settings(reply_to="team@riverton.example")).status_code == 303
    assert db.session.get(Board, results_board.id).reply_to == "team@riverton.example"
