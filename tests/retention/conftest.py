"""A board with answers from a financial year long ended, and answers from this week."""

from datetime import date, timedelta

import pytest

from analysis.periods import financial_year, fy_of
from tests.results.conftest import (  # noqa: F401  (fixtures shared with the results tests)
    BULLYING,
    make_responses,
    results_board,
    signed_in,
)

TODAY = date.today()
OLD_YEAR = fy_of(TODAY) - 2
OLD_DAY = date(OLD_YEAR, 6, 15)


def answers(texts: bool = True) -> list[dict[str, str]]:
    """53 responses like the results tests': 30 with scales and (24 of them) words."""
    found = [
        {"safe_school": "5", "adults_listen": "4", "know_who": "yes", "age": "8-10",
         **({"safer": BULLYING[n % len(BULLYING)], "nickname": "football"} if texts and n < 24
            else {})}
        for n in range(30)
    ]  # fmt: skip
    found += [{"safe_school": "4", "know_who": "no", "age": "11-12"} for _ in range(15)]
    found += [{"safe_school": "2", "know_who": "not_sure", "age": "11-12"} for _ in range(8)]
    return found


@pytest.fixture
def old_survey(make_survey, make_responses, results_board):  # type: ignore[no-untyped-def]  # noqa: F811
    """A survey run in the financial year two years back, with 53 responses on one day."""
    period = financial_year(OLD_YEAR)
    survey = make_survey(board=results_board, opens_on=period.start, closes_on=period.end,
                         status="closed", tags={"qa_section": "D", "priority": ""})  # fmt: skip
    make_responses(survey, answers(), OLD_DAY)
    return survey


@pytest.fixture
def new_survey(make_survey, make_responses, results_board):  # type: ignore[no-untyped-def]  # noqa: F811
    """A survey open now, with 53 responses sent yesterday."""
    survey = make_survey(board=results_board, tags={"qa_section": "D", "priority": ""})
    make_responses(survey, answers(), TODAY - timedelta(days=1))
    return survey
