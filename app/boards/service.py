"""A board's surveys with their state and counts, for its home page."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Board, Invitation, Response, Survey
from app.surveys.progress import counts_by_survey, issued_query, responses_query


@dataclass(frozen=True)
class SurveyLine:
    survey: Survey
    # What a respondent meets today: draft, not_open, open, paused or closed.
    state: str
    responses: int
    issued: int


def survey_lines(session: Session, board: Board, today: date) -> list[SurveyLine]:
    """Every survey of the board, newest first, with response and link counts."""
    surveys = session.scalars(
        select(Survey).where(Survey.board_id == board.id).order_by(Survey.created_at.desc())
    ).all()
    ids = [survey.id for survey in surveys]
    responses = counts_by_survey(session, responses_query().where(Response.survey_id.in_(ids)))
    issued = counts_by_survey(session, issued_query().where(Invitation.survey_id.in_(ids)))
    return [
        SurveyLine(s, s.state_on(today), responses.get(s.id, 0), issued.get(s.id, 0))
        for s in surveys
    ]
