"""Writing the demo's synthetic responses, unfinished drafts and drop-off counts.

Rows go in with SQLAlchemy Core a chunk at a time, so 100,000 responses hold one chunk
in memory, never the lot. Answer rows come from ``answer_values``, so a comment carries
the sentiment the respondent path would have stored with it.
"""

import random
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from app.demo import plan
from app.demo.answers import Run, synthetic_answers
from app.models import Base
from app.questionnaires.definition import Question, Section
from app.respond.submission import answer_values

CHUNK = 1000  # responses a statement: a few thousand answer rows
Row = dict[str, Any]
Progress = Callable[[int], None]
RESPONSE, ANSWER, DRAFT, STOP = (
    Base.metadata.tables[name] for name in ("response", "answer", "draft", "stop")
)


@dataclass(frozen=True)
class Target:
    """A survey to fill: its pages, the days it took answers, how its answers lean."""

    survey_id: int
    sections: tuple[Section, ...]
    first_day: date
    last_day: date
    run: Run
    open: bool

    @property
    def questions(self) -> list[Question]:
        return [question for section in self.sections for question in section.questions]


def write_synthetic(
    session: Session, targets: list[Target], count: int, progress: Progress
) -> None:
    """`count` responses shared out over the targets; drafts for open ones, stops for closed."""
    rng = random.Random(plan.SEED)
    quotas = shares(count, len(targets))
    for target, quota in zip(targets, quotas, strict=True):
        _insert_responses(session, _responses(target, quota, rng), progress)
    for target, quota in zip(targets, quotas, strict=True):
        drafts = _drafts(target, quota, rng)
        if target.open:
            _insert_rows(session, DRAFT, drafts)
        else:
            _insert_rows(session, STOP, _stops(target, drafts))


def shares(count: int, parts: int) -> list[int]:
    """`count` split as evenly as whole numbers allow, the first parts taking the remainder."""
    return [count // parts + (n < count % parts) for n in range(parts)] if parts else []


def _insert_responses(
    session: Session, pending: Iterator[tuple[Row, list[Row]]], progress: Progress
) -> None:
    """Insert responses and their answers a chunk at a time, reporting how many went in."""
    while chunk := list(islice(pending, CHUNK)):
        session.execute(insert(RESPONSE), [response for response, _ in chunk])
        answers = [answer for _, rows in chunk for answer in rows]
        if answers:
            session.execute(insert(ANSWER), answers)
        progress(len(chunk))


def _insert_rows(session: Session, table: Table, rows: Iterator[Row]) -> None:
    while chunk := list(islice(rows, CHUNK)):
        session.execute(insert(table), chunk)


def _responses(target: Target, quota: int, rng: random.Random) -> Iterator[tuple[Row, list[Row]]]:
    questions = target.questions
    for _ in range(quota):
        response_id = _uuid(rng)
        given = synthetic_answers(questions, target.run, rng)
        answers = [
            {"id": _uuid(rng), "response_id": response_id, "question_key": row.key,
             "value": row.value, "number": row.number, "sentiment": row.sentiment}
            for row in answer_values(given, questions)
        ]  # fmt: skip
        day = _day(target, rng)
        yield {"id": response_id, "survey_id": target.survey_id, "submitted_on": day}, answers


def _drafts(target: Target, quota: int, rng: random.Random) -> Iterator[Row]:
    """Unfinished answers: the first page or two sent, the rest never. A questionnaire on
    one page has none, since sending its only page sends the response."""
    if len(target.sections) < 2:
        return
    for _ in range(round(quota * plan.DRAFT_SHARE)):
        pages = rng.choices(list(plan.DRAFT_PAGES), weights=list(plan.DRAFT_PAGES.values()))[0]
        reached = min(pages, len(target.sections) - 1)
        questions = [q for section in target.sections[:reached] for q in section.questions]
        yield {
            "key_hash": f"{rng.getrandbits(256):064x}",
            "survey_id": target.survey_id,
            "answers": synthetic_answers(questions, target.run, rng),
            "reached": reached,
            "updated_on": _day(target, rng),
        }


def _stops(target: Target, drafts: Iterable[Row]) -> Iterator[Row]:
    """Drafts counted as a purge counts them: by the first question of the page not sent."""
    stopped = Counter(target.sections[draft["reached"]].questions[0].key for draft in drafts)
    for key, count in sorted(stopped.items()):
        yield {"survey_id": target.survey_id, "question_key": key, "count": count}


def _day(target: Target, rng: random.Random) -> date:
    """A day inside the survey's window, busiest just after it opened."""
    span = (target.last_day - target.first_day).days
    offset = int(rng.triangular(0, span + 1, span * 0.2))
    return target.first_day + timedelta(days=min(span, offset))


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)
