"""Makers for stored responses, written as the respondent path writes them."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from app.extensions import db as _db
from app.models import Survey
from app.questionnaires.definition import parse_definition
from app.respond.submission import build_response

Answers = dict[str, Any]


@pytest.fixture
def make_responses(app) -> Callable[..., None]:  # type: ignore[no-untyped-def]
    """make_responses(survey, [answers, ...], day) stores each answers dict as a response."""

    def make(survey: Survey, answer_sets: list[Answers], day: date | None = None) -> None:
        questions = list(parse_definition(survey.version.definition).questions())
        for answers in answer_sets:
            _db.session.add(build_response(survey.id, answers, questions, day or date.today()))
        _db.session.commit()

    return make


BULLYING = [
    "My name is Jayden and I get bullied at Riverton Academy, ring 07700 900123",
    "I was bullied on the bus by older kids and nobody did anything about it",
    "Bullying at school is bad and teachers do not stop it quickly enough",
    "People picked on me because of my clothes, email me at kid@example.com",
    "I get bullied online in group chats and it makes me feel sad",
    "Stop the bullying in the playground please, it happens every day",
    "My friend Mrs Patel said bullying is never ok and I agree with her",
    "I live at 12 Mill Lane and get bullied walking home from school",
    "The bullying got better when my teacher talked to the other children",
    "Kids are bullied for being different and it is not fair at all",
    "Being bullied made me not want to go to school some days",
    "There should be a bullying box where you can post a note",
]


@pytest.fixture
def results_board(make_board, make_user, db):  # type: ignore[no-untyped-def]
    board = make_board("riverton")
    board.place_names = ["Riverton Academy"]
    db.session.commit()
    return board


@pytest.fixture
def results_survey(make_survey, make_responses, results_board):  # type: ignore[no-untyped-def]
    """53 responses: 30 very happy at school, 12 happy, 8 unhappy, 3 (a few) very unhappy."""
    survey = make_survey(board=results_board, tags={"qa_section": "D", "priority": ""})
    answers = [
        {"safe_school": "5", "adults_listen": "4", "know_who": "yes", "age": "8-10",
         "safer": BULLYING[n % len(BULLYING)] if n < 24 else "More lights in the park at night"}
        for n in range(30)
    ]  # fmt: skip
    answers += [{"safe_school": "4", "know_who": "no", "age": "11-12"} for _ in range(12)]
    answers += [{"safe_school": "2", "know_who": "no", "age": "11-12"} for _ in range(8)]
    answers += [{"safe_school": "1", "know_who": "not_sure", "age": "13-15"} for _ in range(3)]
    make_responses(survey, answers)
    return survey


@pytest.fixture
def signed_in(make_user, staff_client, results_board):  # type: ignore[no-untyped-def]
    """signed_in("analyst") -> a client signed in with that role on the results board."""

    def make(role: str = "manager"):  # type: ignore[no-untyped-def]
        return staff_client(make_user(f"{role}@riverton.example", role, results_board))

    return make
