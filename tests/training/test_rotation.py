"""A course's code secret and a reminder's address move to the newest data key, and the
secret itself stays the same, so codes given before and after still link."""

from datetime import date

from sqlalchemy import select

from app.models import Course, Reminder
from app.security.personal import Sealer
from app.security.rotation import rotate
from app.training.courses import code_secret

OLD, NEW = "old-data-key-" + "x" * 40, "new-data-key-" + "y" * 40


def test_rotating_reseals_course_secrets_and_reminders(db, course, make_session):
    old = Sealer([OLD])
    secret = bytes(range(32))
    course.secret = old.seal(secret.hex())
    held = make_session(course)
    db.session.add(Reminder(session_id=held.id, email=old.seal("jo@example.org"),
                            due_on=date.today()))  # fmt: skip
    db.session.commit()
    assert rotate(db.session, Sealer([NEW, OLD])) == 2
    new_only = Sealer([NEW])
    assert code_secret(new_only, db.session.scalars(select(Course)).one().secret) == secret
    assert new_only.unseal(db.session.scalars(select(Reminder)).one().email) == "jo@example.org"
