"""Each demo board's "you said, we did": a handful of actions on last year's surveys.

Stored directly rather than through ``app.actions.service``: the done ones count as already
told to the panel, so loading the demo queues no mail. Their words for children pass the
same reading test as a manager's (a test checks).
"""

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Action, Board, Survey

# (survey suffix or "" for a theme only, theme, you said, we did, for children, status,
#  days after the survey closed, or after today for a theme only)
ACTIONS = (
    ("feeling-safe-8-12", "Feeling unsafe in public places",
     "Children said the bus station feels unsafe after dark.",
     "The police now patrol the bus station on Friday and Saturday evenings.",
     "You said the bus station feels scary at night. Now the police walk there on Fridays.",
     "done", 40),
    ("feeling-safe-13-18", "Online safety",
     "Young people said they did not know where to get help with bullying online.",
     "Every secondary school now shows where to get help, and the board's website has a page "
     "for young people.",
     "You said you did not know who to tell about bullying online. Now every school has a "
     "poster that says who can help.",
     "done", 75),
    ("family-experience", "",
     "Families said they had to tell their story again to each new worker.",
     "Early help workers are moving to one shared plan, agreed with the family.",
     "Your family said they had to say the same things again and again. Now workers will "
     "share one plan.",
     "in_progress", 120),
    ("frontline", "",
     "Practitioners said the escalation procedure was hard to find.",
     "The escalation procedure is now on the front page of the board's website.",
     "Staff said a guide was hard to find. Now it is easy to find.",
     "done", 21),
    ("", "Being listened to",
     "Children said adults do not always listen to them.",
     "Each school's safeguarding lead will meet pupils every term to hear their views.",
     "You said grown-ups do not always listen. Soon a teacher will meet with children each "
     "term to hear what they think.",
     "planned", 30),
)  # fmt: skip


def add_actions(session: Session, boards: list[Board], today: date) -> None:
    """The plan's actions on each board, against the board's closed surveys of last year."""
    for board in boards:
        closed = session.scalars(
            select(Survey).where(Survey.board_id == board.id, Survey.closes_on < today)
        )
        by_suffix = {s.slug.removeprefix(f"{board.slug}-").rsplit("-", 1)[0]: s for s in closed}
        for suffix, theme, said, did, children, status, days in ACTIONS:
            survey = by_suffix.get(suffix)
            on = (survey.closes_on if survey else today) + timedelta(days=days)
            done = status == "done"
            if done:  # done means done by now
                on = min(on, today)
            session.add(Action(
                board_id=board.id, survey_id=survey.id if survey else None, theme=theme,
                you_said=said, we_did=did, for_children=children, acted_on=on, status=status,
                recorded_on=today, panel_told_on=on if done else None,
            ))  # fmt: skip
