"""A demo course per board: sessions already held, attendees who answered with their codes.

Each synthetic attendee has one true code and a learning path (confidence and knowledge per
outcome low before, higher at the end, a little lower at follow-up). Like real attendees,
some skip a phase, and now and then one misremembers a part of their code, so the results
pages show three-phase results with some answers linked and some not. Seeded: the same
demo every time.
"""

import random
import string
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from analysis.training.codes import CODE_PARTS, hash_parts
from app.demo import plan
from app.demo.answers import Run, synthetic_answers
from app.models import Board, CodeRecord, Course, CourseSession, SessionPhase
from app.models.training import Phase
from app.questionnaires.definition import Question, parse_definition
from app.respond.submission import build_response
from app.security.personal import Sealer
from app.training.courses import SECRET_BYTES, SessionDetails, code_secret, plan_session
from app.training.phases import whole_code_hash

SEED = 1412
COURSE_TITLE = "Multi-agency safeguarding: recognising and responding to harm"
# Weeks ago each session was held: two with their follow-up done, one awaiting it.
SESSION_WEEKS_AGO = (26, 17, 3)
TRAINERS = ("Priya Shah", "Tom Okafor", "Priya Shah")
PLACES = ("Council Chamber, Town Hall", "", "Children's Centre, Mill Lane")
ATTENDEES = (22, 18, 20)
# Share of attendees answering each phase, and of answers with one part misremembered.
ANSWER_SHARE = {Phase.BEFORE: 0.9, Phase.END: 0.85, Phase.FOLLOW_UP: 0.6}
MISTAKE_SHARE = 0.12
# Mean confidence (0-10) in each phase; knowledge runs a little below it.
PATH = {Phase.BEFORE: 4.2, Phase.END: 7.4, Phase.FOLLOW_UP: 6.8}
WITH_MANAGER_SHARE = 0.2
# Filed like the plan's training surveys, so the evidence pack groups them together.
TAGS = {"qa_section": "E", "priority": "Neglect", "themes": ["demo", "training"]}


@dataclass(frozen=True)
class Attendee:
    code: dict[str, str]
    start: float  # their own offset on every scale


def add_training(
    session: Session, sealer: Sealer, keys: list[str], today: date, answered: bool = True
) -> bool:
    """A course with three past sessions on each demo board (answered, unless told not
    to) unless one is there; True if added. The caller commits."""
    boards = list(session.scalars(select(Board).where(Board.slug.in_(_demo_slugs()))))
    if not boards or session.scalar(select(Course.id).where(Course.title == COURSE_TITLE)):
        return False
    rng = random.Random(SEED)
    for board in boards:
        course = _course(session, sealer, board, rng)
        for number, weeks in enumerate(SESSION_WEEKS_AGO):
            held = plan_session(session, keys, course, _details(number, today, weeks), today)
            session.flush()
            for phase in held.phases:
                phase.survey.tags = dict(TAGS)
            if answered:
                _answers(session, code_secret(sealer, course.secret), held, today, rng)
    return True


def _demo_slugs() -> list[str]:
    return [entry[0] for entry in plan.BOARDS]


def _course(session: Session, sealer: Sealer, board: Board, rng: random.Random) -> Course:
    course = Course(
        board=board, title=COURSE_TITLE, outcomes=list(plan.TRAINING_OUTCOMES),
        audience="Practitioners and first-line managers in every agency",
        lead_name="Priya Shah, training lead", lead_email=f"trainer@{board.slug}.example",
        follow_up_weeks=12, window_weeks=4,
        secret=sealer.seal(rng.getrandbits(SECRET_BYTES * 8).to_bytes(SECRET_BYTES).hex()),
    )  # fmt: skip
    session.add(course)
    return course


def _details(number: int, today: date, weeks: int) -> SessionDetails:
    place = PLACES[number]
    return SessionDetails(today - timedelta(weeks=weeks), TRAINERS[number], not place, place,
                          ATTENDEES[number])  # fmt: skip


def _answers(
    session: Session, secret: bytes, held: CourseSession, today: date, rng: random.Random
) -> None:
    """Every attendee's answers to the phases that have opened, with their code records;
    a code typed exactly as someone else's in the same phase is refused, as Chorus would."""
    people = [_attendee(rng) for _ in range(held.expected or 0)]
    for phase in held.phases:
        if phase.opens_on > today:
            continue
        taken: set[str] = set()
        for person in people:
            if rng.random() < ANSWER_SHARE[Phase(phase.phase)]:
                parts = hash_parts(secret, _remembered(person.code, rng))
                if whole_code_hash(parts) not in taken:
                    taken.add(whole_code_hash(parts))
                    _respond(session, phase, parts, person, (today, rng))


def _attendee(rng: random.Random) -> Attendee:
    code = {
        "mother": rng.choice("ABCDEGHJKLMNPRSTW"),
        "birthday": str(rng.randint(1, 28)),
        "siblings": str(rng.choice((0, 0, 1, 1, 1, 2, 2, 3))),
        "birthplace": rng.choice("BCDGHLMNPSW"),
    }
    return Attendee(code, rng.gauss(0, 1.2))


def _respond(
    session: Session,
    phase: SessionPhase,
    parts: tuple[str, ...],
    person: Attendee,
    when: tuple[date, random.Random],
) -> None:
    """One response with its answers and code record, on a day inside the phase."""
    today, rng = when
    survey = phase.survey
    definition = parse_definition(survey.version.definition).expand_outcomes(survey.outcomes)
    questions = list(definition.questions())
    places = dict(next(e[4] for e in plan.BOARDS if e[0] == survey.board.slug))
    answers = synthetic_answers(questions, Run("training", definition.slug, places=places), rng)
    answers.update(_learning(questions, Phase(phase.phase), person, rng))
    day = min(today, phase.closes_on, phase.opens_on + timedelta(days=rng.randint(0, 3)))
    response = build_response(survey.id, answers, questions, day)
    session.add(response)
    manager = rng.random() < WITH_MANAGER_SHARE if phase.phase == Phase.FOLLOW_UP else None
    session.add(CodeRecord(phase_id=phase.id, response_id=response.id, parts=list(parts),
                           code_hash=whole_code_hash(parts), with_manager=manager))  # fmt: skip
    session.flush()


def _learning(
    questions: list[Question], phase: Phase, person: Attendee, rng: random.Random
) -> dict[str, str]:
    """Confidence and knowledge per outcome along the attendee's path, 0 to 10."""
    given = {}
    for question in questions:
        if question.key.startswith(("confidence.", "knowledge.")):
            dip = 0.6 if question.key.startswith("knowledge.") else 0.0
            value = PATH[phase] + person.start - dip + rng.gauss(0, 0.9)
            given[question.key] = str(max(0, min(10, round(value))))
    return given


def _remembered(code: dict[str, str], rng: random.Random) -> dict[str, str]:
    """The code as typed this time: now and then one part misremembered."""
    if rng.random() >= MISTAKE_SHARE:
        return code
    part = rng.choice(CODE_PARTS)
    wrong = dict(code)
    if part.key in ("mother", "birthplace"):
        wrong[part.key] = rng.choice([c for c in string.ascii_uppercase if c != code[part.key]])
    else:
        wrong[part.key] = str((int(code[part.key]) % 9) + 1)
    return wrong
