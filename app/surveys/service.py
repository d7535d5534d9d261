"""Creating and listing surveys; the caller owns the commit."""

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Board, QuestionnaireVersion, Response, Survey, SurveyStatus


def create_survey(
    session: Session,
    board: Board,
    version: QuestionnaireVersion,
    *,
    slug: str,
    title: str,
    opens_on: date,
    closes_on: date,
    status: str = SurveyStatus.DRAFT,
    **details: Any,
) -> Survey:
    survey = Survey(
        slug=slug, board=board, version=version, audience=version.questionnaire.audience,
        title=title, opens_on=opens_on, closes_on=closes_on, status=status, **details,
    )
    session.add(survey)
    return survey


def survey_by_slug(session: Session, slug: str) -> Survey | None:
    return session.scalar(select(Survey).where(Survey.slug == slug))


def survey_rows(session: Session, board_slug: str | None = None) -> list[dict[str, Any]]:
    """The `flask surveys --json` rows: one dict per survey, with its response count."""
    counts = (
        select(Response.survey_id, func.count().label("n"))
        .group_by(Response.survey_id)
        .subquery()
    )
    query = (
        select(Survey, func.coalesce(counts.c.n, 0))
        .join(Board, Survey.board_id == Board.id)
        .outerjoin(counts, counts.c.survey_id == Survey.id)
        .order_by(Board.slug, Survey.slug)
    )
    if board_slug:
        query = query.where(Board.slug == board_slug)
    return [
        {
            "slug": survey.slug,
            "title": survey.title,
            "board": survey.board.slug,
            "region": survey.board.region.slug,
            "audience": survey.audience,
            "questionnaire": survey.version.questionnaire.slug,
            "status": survey.status,
            "responses": int(count),
        }
        for survey, count in session.execute(query)
    ]
