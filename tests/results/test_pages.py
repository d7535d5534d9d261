"""The results pages: who sees them, what they show, and that nobody can be picked out."""

import re

import pytest

from tests.helpers import page_text
from tests.results.tables import count_cells, html_tables, small_counts


def results_url(survey) -> str:  # type: ignore[no-untyped-def]
    return f"/boards/riverton/surveys/{survey.slug}/results"


@pytest.mark.parametrize("role", ["manager", "trainer", "analyst"])
def test_results_readers_see_every_question_with_its_base_and_interval(
    results_survey, signed_in, role
):
    page = signed_in(role).get(results_url(results_survey))
    assert page.status_code == 200
    text = page_text(page)
    assert "53</strong> responses" in text
    # 42 of 53 said 4 or 5: 79.2%, Wilson 95% interval 66.5% to 88.0% (worked by hand).
    assert '79%</strong> said "Happy" or "Very happy" (95% CI 66% to 88%)' in text
    for question in ("How safe do you feel at school?", "Adults listen to me.",
                     "Do you know who to tell?", "Where do you feel safe?"):  # fmt: skip
        assert question in text
    assert '<svg class="evidence-chart" role="img"' in text


def test_reviewers_and_other_boards_get_not_found(results_survey, signed_in, make_board,
                                                  make_user, staff_client):  # fmt: skip
    assert signed_in("reviewer").get(results_url(results_survey)).status_code == 404
    other = make_user("manager@hillford.example", "manager", make_board("hillford"))
    assert staff_client(other).get(results_url(results_survey)).status_code == 404
    assert staff_client(other).get("/boards/riverton/evidence").status_code == 404


def test_no_count_from_one_to_five_is_shown_on_the_results_page(results_survey, signed_in):
    html = signed_in("analyst").get(results_url(results_survey)).get_data(as_text=True)
    tables = html_tables(html)
    assert len(count_cells(tables)) > 10  # the check looked at real figures
    assert small_counts(tables) == []
    assert ">c<" in html  # the 3 who feel "Not safe at all", and its cover


def test_quotes_are_redacted_and_only_from_a_theme_big_enough(results_survey, signed_in):
    text = page_text(signed_in("manager").get(results_url(results_survey)))
    assert "bullying" in text.lower()
    assert "<blockquote>" in text
    for personal in (
        "Jayden",
        "07700",
        "kid@example.com",
        "Riverton Academy",
        "Mill Lane",
        "Patel",
    ):
        assert personal not in text
    # The 6 comments about lights in the park are fewer than 10: never quoted.
    assert "More lights in the park" not in text


def test_groups_smaller_than_ten_are_not_broken_down(results_survey, signed_in):
    text = page_text(signed_in("manager").get(results_url(results_survey)))
    by_age = text[text.index("By group") :] if "By group" in text else ""
    # 8-10 (30) and 11-12 (20) are big enough; 13-15 (3) is hidden, so 11-12 goes with it.
    assert "13 to 15" not in by_age and "11 or 12" not in by_age


def test_a_survey_with_no_answers_says_so(make_survey, results_board, signed_in):
    empty = make_survey(board=results_board)
    page = signed_in().get(results_url(empty))
    assert page.status_code == 200
    assert "Nobody answered this question." in page_text(page)


def test_a_question_answered_by_one_person_shows_c_and_no_answers(
    make_survey, make_responses, results_board, signed_in
):
    survey = make_survey(board=results_board)
    make_responses(survey, [{"safe_school": "2", "safer": "😀😀😀"}])
    text = page_text(signed_in().get(results_url(survey)))
    assert "<strong>c</strong> responses" in text
    assert "Fewer than 10 people answered" in text
    assert not re.search(r">\s*1\s*<", text.split("Question by question")[1])
