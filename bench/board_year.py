"""One synthetic board-year for the evidence benchmark, written with Chorus's own code.

A region and one board with a manager; a survey of each shared-library questionnaire for
the current financial year; responses sent on days from April to today, one survey holding
a fixed number and the rest shared out by ``SHARES``. Each respondent has a mood that sets
both their scores (leaning positive, with a tail of low ones) and the tone of anything they
write, so the pack's sentiment means something; comments are put together from parts about
the codebook's themes, so its themes do too. Rows come from ``answer_values`` (sentiment
included, as when a response is stored) and go in with SQLAlchemy Core, a chunk at a time.
"""

import random
import secrets
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import Connection, insert, text
from sqlalchemy.orm import Session

from analysis.pack import Period
from analysis.periods import financial_year, fy_of
from app import create_app
from app.accounts.service import grant
from app.config import normalise_db_url
from app.extensions import db
from app.models import Base, Board, Region, Survey, SurveyStatus
from app.questionnaires.definition import SCALES, TEXT_TYPES, Question
from app.questionnaires.store import load_library, sync_library
from app.respond.service import AnswerValue
from app.respond.submission import answer_values
from app.results.loader import definition_of
from app.surveys.service import create_survey

RESPONSE, ANSWER = (Base.metadata.tables[name] for name in ("response", "answer"))
BOARD, MANAGER = "evidence-bench", "manager@evidence-bench.example"
BIG = "feeling-safe-13-18"  # the survey whose results page is timed
# Share of the other responses each questionnaire gets: the long ones carry most of them.
SHARES = {
    "feeling-safe-8-12": 0.45, "frontline-practitioner": 0.3, "family-experience": 0.12,
    "training-after": 0.07, "my-experience-of-help": 0.02, "training-follow-up": 0.02,
    "touchstones-quick-check": 0.01, "training-before": 0.01,
}  # fmt: skip
PLACES = ["Millbrook Academy", "Castle Park"]  # the board's place names, redacted from quotes
CHUNK = 2000  # responses a statement pair: about 20,000 answer rows
SKIP = 0.02  # an optional question left blank
WRITES = 1 / 3  # respondents who write in at least one comment box
MORE_TEXT = 0.5  # of those, how often they fill each further box
# Relative weights of single-choice answers (1 otherwise): few children are looked after or
# carers, and most say which group they belong to.
ABOUT_YOU = {"yes": 0.15, "no": 1.0, "not_sure": 0.12, "prefer_not_to_say": 0.05, "white": 3.0}


@dataclass(frozen=True)
class BoardYear:
    """What was written, and the names the measurements need."""

    url: str
    key: str
    board: str
    survey: str  # slug of the survey holding the fixed number of responses
    manager_id: str
    surveys: int
    responses: int
    answers: int
    with_text: int
    seconds: float


def this_year() -> tuple[Period, date]:
    """The current financial year (a Period) and today."""
    today = date.today()
    return financial_year(fy_of(today)), today


def app_for(url: str, key: str) -> Flask:
    """Chorus on this database, its cookies good over plain HTTP for the test client."""
    return create_app({"SQLALCHEMY_DATABASE_URI": normalise_db_url(url), "SECRET_KEY": key,
                       "CHORUS_BASE_URL": "http://localhost"})  # fmt: skip


def build(url: str, responses: int, survey_responses: int, seed: int) -> BoardYear:
    """Create the schema and write the board-year into the empty database at `url`."""
    started, key, rng = time.perf_counter(), secrets.token_urlsafe(36), random.Random(seed)
    with app_for(url, key).app_context():
        Base.metadata.create_all(db.engine)
        surveys, manager_id = _board(db.session)
        counts = _counts(responses, survey_responses)
        written = [_write(s, counts[s.version.questionnaire.slug], rng) for s in surveys]
        _analyse(db.engine.dialect.name)
        db.engine.dispose()
    return BoardYear(
        url, key, BOARD, survey_slug(BIG), manager_id, surveys=len(surveys),
        responses=sum(counts.values()), answers=sum(answers for answers, _ in written),
        with_text=sum(texts for _, texts in written), seconds=time.perf_counter() - started,
    )  # fmt: skip


def survey_slug(questionnaire: str) -> str:
    return f"{questionnaire}-{this_year()[0].start.year}"


def _board(session: Session) -> tuple[list[Survey], str]:
    """The region, the board, its manager and a survey of each questionnaire, committed."""
    versions = sync_library(session)
    region = Region(slug="evidence-bench", name="Benchmark region")
    board = Board(slug=BOARD, name="Benchmark Partnership", region=region, place_names=PLACES)
    period, _ = this_year()
    surveys = [
        create_survey(session, board, versions[slug], slug=survey_slug(slug),
                      title=versions[slug].questionnaire.title, opens_on=period.start,
                      closes_on=period.end, status=SurveyStatus.OPEN)
        for slug in (BIG, *SHARES)
    ]  # fmt: skip
    manager = grant(session, MANAGER, secrets.token_urlsafe(24), "manager", BOARD)
    session.commit()
    return surveys, manager.get_id()


def _counts(total: int, big: int) -> dict[str, int]:
    """Responses per questionnaire: `big` for BIG, the rest shared out by SHARES."""
    rest = total - min(big, total)
    counts = {BIG: min(big, total)} | {slug: int(rest * share) for slug, share in SHARES.items()}
    counts[next(iter(SHARES))] += total - sum(counts.values())  # what rounding left over
    return counts


def _write(survey: Survey, count: int, rng: random.Random) -> tuple[int, int]:
    """Insert `count` responses to the survey; (answer rows, responses with text)."""
    questions = list(definition_of(survey).questions())
    answers = with_text = 0
    for first in range(0, count, CHUNK):
        size = min(CHUNK, count - first)
        sets = [answer_set(questions, survey.audience, rng) for _ in range(size)]
        rows = [_rows(survey.id, s, questions, rng) for s in sets]
        with db.engine.begin() as connection:
            answers += _insert(connection, rows)
        with_text += sum(any(q.type in TEXT_TYPES and q.key in s for q in questions) for s in sets)
    return answers, with_text


def _insert(connection: Connection, rows: list[tuple[dict[str, Any], list[dict[str, Any]]]]) -> int:
    connection.execute(insert(RESPONSE), [response for response, _ in rows])
    answers = [answer for _, given in rows for answer in given]
    if answers:
        connection.execute(insert(ANSWER), answers)
    return len(answers)


def _rows(
    survey_id: int, answers: Mapping[str, AnswerValue], questions: list[Question],
    rng: random.Random,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:  # fmt: skip
    """A response row and its answer rows, as a submission computes them."""
    response_id = _uuid(rng)
    return {"id": response_id, "survey_id": survey_id, "submitted_on": _day(rng)}, [
        {"id": _uuid(rng), "response_id": response_id, "question_key": row.key,
         "value": row.value, "number": row.number, "sentiment": row.sentiment}
        for row in answer_values(answers, questions)
    ]  # fmt: skip


def _analyse(dialect: str) -> None:
    """Planner statistics, as autovacuum would have them on a database in use."""
    with db.engine.connect() as connection:
        command = "VACUUM ANALYZE" if dialect == "postgresql" else "ANALYZE"
        connection.execution_options(isolation_level="AUTOCOMMIT").execute(text(command))


def _day(rng: random.Random) -> date:
    period, today = this_year()
    last = min(today, period.end)
    return period.start + timedelta(days=rng.randint(0, (last - period.start).days))


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def answer_set(
    questions: Sequence[Question], audience: str, rng: random.Random
) -> dict[str, AnswerValue]:
    """One respondent's answers: a mood drives the scores and the tone of any comment."""
    mood = rng.betavariate(4, 1.6)  # mean about 0.71, with a tail of unhappy respondents
    writes, wrote = rng.random() < WRITES, False
    found: dict[str, AnswerValue] = {}
    for question in questions:
        if question.type not in TEXT_TYPES:
            if question.required or rng.random() >= SKIP:
                found[question.key] = _choice(question, mood, rng)
        elif writes and (not wrote or rng.random() < MORE_TEXT):
            limit = question.max_length or (200 if question.type == "short_text" else 2000)
            found[question.key] = comment(audience, mood, rng)[:limit]
            wrote = True
    return found


def _choice(question: Question, mood: float, rng: random.Random) -> AnswerValue:
    options = [o.value for o in (question.options or SCALES.get(question.type, ()))]
    if question.type in ("agree", "faces", "rating"):
        step = round(mood * (len(options) - 1) + rng.gauss(0, len(options) / 6))
        return options[max(0, min(len(options) - 1, step))]
    if question.type == "yes_no":
        return "not_sure" if rng.random() < 0.14 else "yes" if rng.random() < mood + 0.1 else "no"
    if question.type == "multi":
        return rng.sample(options, k=rng.randint(1, min(3, len(options))))
    return _about_you(options, rng)


def _about_you(options: list[str], rng: random.Random) -> str:
    """A single choice, most groups as common as each other; see ABOUT_YOU for the rest."""
    return rng.choices(options, [ABOUT_YOU.get(value, 1.0) for value in options])[0]


def answer_sets(count: int, seed: int) -> Iterator[tuple[dict[str, AnswerValue], list[Question]]]:
    """`count` answer sets over the board-year's mix of questionnaires, without a database."""
    library = {d.slug: d for d in load_library()}
    slugs, weights = [BIG, *SHARES], [0.2, *(0.8 * share for share in SHARES.values())]
    rng = random.Random(seed)
    for _ in range(count):
        definition = library[rng.choices(slugs, weights)[0]]
        questions = list(definition.questions())
        yield answer_set(questions, definition.audience, rng), questions


# A comment is a template filled with one audience's words, kind or unkind as the writer's
# mood has it; some are a word or two, some run on for several sentences.
KIND = (
    "{place}, {who} listened and it {helped}",
    "I felt {good} {place} because {who} listened",
    "Things are {good} {place} now, {who} {helped}",
    "{who} were {good} {place}",
)
UNKIND = (
    "It was {bad} {place} because {trouble}",
    "I told {who} that {trouble}, it was {bad}",
    "I feel {bad} {place}, {trouble}",
    "{trouble} and {who} did nothing about it",
)
GOOD = ("good", "great", "safe and happy", "really positive", "much better", "kind and helpful")
BAD = ("awful", "bad", "terrible", "unhappy", "frustrating", "sad", "horrible")
HELPED = ("helped a lot", "made a real difference", "was brilliant", "helped")
SHORT = ("ok", "nothing", "no", "idk", "all good thanks", "not sure", "n/a", "👍")
WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "child": {
        "place": ("at school", "at home", "online", "in Castle Park", "at Millbrook Academy",
                  "on the bus", "in town"),
        "who": ("teachers", "my mum and dad", "the police", "my social worker", "my friends",
                "the adults at school"),
        "trouble": ("older kids bully people", "people send horrible messages on snapchat",
                    "there are fights after school", "my parents shout a lot at home",
                    "strangers message me online", "gangs hang around the shops",
                    "nobody does anything about bullying", "I had to wait ages to see someone"),
    },
    "family": {
        "place": ("at the meetings", "at home", "with the plan", "at school", "at conference"),
        "who": ("our social worker", "the family support worker", "the school", "the police",
                "the health visitor"),
        "trouble": ("we waited months", "nobody told us what was happening",
                    "we had three different workers", "the letters were confusing",
                    "they did not listen to our son"),
    },
    "practitioner": {
        "place": ("in multi-agency meetings", "in supervision", "at the board's training",
                  "in the escalation process", "with the audit feedback"),
        "who": ("managers", "the board team", "partner agencies", "the police", "schools"),
        "trouble": ("we wait weeks for a reply", "nobody tells us what changed",
                    "the procedures are confusing", "caseloads are too high to attend training",
                    "referrals get bounced back", "social care never rings back"),
    },
    "training": {
        "place": ("in the session", "in the case studies", "in the group work",
                  "in the e-learning", "on the course"),
        "who": ("the trainers", "people from other agencies", "colleagues", "the facilitator"),
        "trouble": ("it was too long", "there was no time for questions",
                    "the slides were hard to read", "the room was too hot",
                    "it repeated the e-learning", "the procedures section was rushed"),
    },
}  # fmt: skip


def comment(audience: str, mood: float, rng: random.Random) -> str:
    """A free-text answer in the audience's words, its tone set by the mood (0 to 1)."""
    roll = rng.random()
    if roll < 0.08:
        return rng.choice(SHORT)
    sentences = rng.randint(3, 6) if roll > 0.9 else 1
    return ". ".join(_sentence(WORDS[audience], mood, rng) for _ in range(sentences))


def _sentence(words: Mapping[str, tuple[str, ...]], mood: float, rng: random.Random) -> str:
    template = rng.choice(KIND if rng.random() < mood else UNKIND)
    picked = {name: rng.choice(options) for name, options in words.items()}
    said = template.format(good=rng.choice(GOOD), bad=rng.choice(BAD),
                           helped=rng.choice(HELPED), **picked)  # fmt: skip
    return said[0].upper() + said[1:]
