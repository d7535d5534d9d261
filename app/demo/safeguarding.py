"""The demo's review queue: a few synthetic disclosures per board and a request for contact.

A few of the open children's surveys' written answers are swapped for synthetic disclosures,
so the counts of responses and answers stay what the demo promises; each gets the flag the
detector gives it. Every word here is made up for the demo.
"""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from analysis.safeguarding import scan
from analysis.text.sentiment import polarity
from app.models import Answer, Board, ContactRequest, Flag, Response, Survey, SurveyStatus
from app.security.personal import Sealer

TEXT_KEY = "make_safer"  # the free-text question of both "Feeling safe" questionnaires
DISCLOSURES = (
    "my dad hits me when he drinks and I dont want to go home",
    "someone online keeps asking me to send pictures and said not to tell anyone",
    "sometimes i want to hurt myself and nobody knows",
)
CONTACT = (
    "My mum's boyfriend shouts at us every night and I am scared of him.",
    "After school, not at weekends",
)


def add_safeguarding(session: Session, sealer: Sealer, boards: list[Board], today: date) -> None:
    """Flag a few answers of each board's open children's surveys; one contact request each."""
    for board in boards:
        query = select(Survey).where(Survey.board_id == board.id, Survey.audience == "child")
        for survey in session.scalars(query.where(Survey.status == SurveyStatus.OPEN)):
            _flag_some(session, survey)
        school = f"{board.name.split()[0]} Primary"
        session.add(ContactRequest(
            board_id=board.id, made_on=today, story=sealer.seal(CONTACT[0]), reach_by="school",
            reach_at=sealer.seal(school), safe_time=sealer.seal(CONTACT[1]), note="",
        ))  # fmt: skip


def _flag_some(session: Session, survey: Survey) -> None:
    answers = session.execute(
        select(Answer, Response.submitted_on)
        .join(Response, Response.id == Answer.response_id)
        .where(Response.survey_id == survey.id, Answer.question_key == TEXT_KEY)
        .order_by(Response.submitted_on.desc(), Answer.id)
        .limit(len(DISCLOSURES))
    ).all()
    for (answer, day), text in zip(answers, DISCLOSURES, strict=False):
        answer.value, answer.sentiment = text, polarity(text)
        finding = scan(text)
        session.add(Flag(
            response_id=answer.response_id, survey_id=survey.id, flagged_on=day,
            context=f"Open link: {survey.distribution}"[:200],
            categories=list(finding.categories), words=[m.words for m in finding.matches],
            questions=[TEXT_KEY], reference="", note="",
        ))  # fmt: skip
