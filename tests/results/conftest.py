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
