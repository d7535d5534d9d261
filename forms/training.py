"""Training forms: a course and its sessions (staff), an attendee's code and reminder address.

The code's questions are ``analysis.training.codes.CODE_PARTS``; each answer is checked by
its ``normalise``, so the page refuses exactly what the hashing would refuse. Nothing here
touches the database.
"""

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Field,
    HiddenField,
    RadioField,
    SelectChoice,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    StopValidation,
)

from analysis.training.codes import CODE_PARTS, CodePart, normalise
from app.models.training import DEFAULT_FOLLOW_UP_WEEKS, DEFAULT_WINDOW_WEEKS
from app.panel.addresses import BadValue, checked_email
from forms.cleaning import clean_text
from forms.surveys import OUTCOME_LENGTH, PlainDateField, WholeNumberField

MAX_OUTCOMES = 10
NO_OUTCOMES = "Give at least one learning outcome, one per line"
ZERO_DELAY = "The follow-up must come at least 1 week after the session"
PAST_SESSION = "The session's date must be today or later"
MAX_WEEKS = 104


def _weeks(label: str, description: str, default: int, too_small: str) -> WholeNumberField:
    return WholeNumberField(
        label,
        description=description,
        default=default,
        parse_message=f"Enter the {label.lower()} as a whole number of weeks, like {default}",
        validators=[
            InputRequired(message=f"Enter the {label.lower()}"),
            NumberRange(min=1, message=too_small),
            NumberRange(max=MAX_WEEKS, message=f"Use {MAX_WEEKS} weeks or fewer"),
        ],
    )


def _text(label: str, limit: int, message: str, description: str = "") -> StringField:
    return StringField(
        label,
        description=description,
        filters=[clean_text],
        validators=[
            DataRequired(message=message),
            Length(max=limit, message=f"Use {limit} characters or fewer"),
        ],
    )


class CourseForm(FlaskForm):
    title = _text("Course title", 200, "Enter the course's title")
    outcomes = TextAreaField(
        "Learning outcomes",
        description="One per line. Each is asked the same way before, at the end and at "
        "follow-up, about confidence and knowledge.",
        filters=[clean_text],
        validators=[Length(max=3000, message="Use 3,000 characters or fewer")],
    )
    audience = StringField(
        "Who the course is for (optional)",
        description="For example: frontline practitioners in every agency.",
        filters=[clean_text],
        validators=[Optional(), Length(max=300, message="Use 300 characters or fewer")],
    )
    lead_name = _text(
        "Training lead",
        200,
        "Enter the name the follow-up reminders are sent in",
        "Reminders to attendees are sent in this name, for example: Sam Patel, training lead.",
    )
    follow_up_weeks = _weeks(
        "Follow-up delay",
        "Weeks after the session when the follow-up questionnaire opens.",
        DEFAULT_FOLLOW_UP_WEEKS,
        ZERO_DELAY,
    )
    window_weeks = _weeks(
        "Follow-up window",
        "How many weeks the follow-up stays open.",
        DEFAULT_WINDOW_WEEKS,
        "The follow-up must stay open for at least 1 week",
    )

    def validate_outcomes(self, field: Field) -> None:
        outcomes = self.outcome_list()
        if not outcomes:
            raise StopValidation(NO_OUTCOMES)
        if len(outcomes) > MAX_OUTCOMES:
            raise StopValidation(f"Give at most {MAX_OUTCOMES} learning outcomes")
        if any(len(outcome) > OUTCOME_LENGTH for outcome in outcomes):
            raise StopValidation(f"Keep each outcome to {OUTCOME_LENGTH} characters or fewer")

    def outcome_list(self) -> list[str]:
        """The outcomes in order, blank lines and repeats dropped."""
        lines = (line.strip() for line in (self.outcomes.data or "").splitlines())
        return list(dict.fromkeys(line for line in lines if line))


class SessionForm(FlaskForm):
    held_on = PlainDateField(
        "Date of the session",
        validators=[InputRequired(message="Enter the date of the session")],
    )
    trainer = _text("Trainer", 200, "Enter the trainer's name")
    online = BooleanField("The session is online")
    place = StringField(
        "Place (leave empty for an online session)",
        filters=[clean_text],
        validators=[Optional(), Length(max=200, message="Use 200 characters or fewer")],
    )
    expected = WholeNumberField(
        "Expected attendees (optional)",
        parse_message="Enter the number of attendees as a whole number, or leave it empty",
        validators=[
            Optional(),
            NumberRange(min=1, max=1000, message="Expected attendees must be between 1 and 1,000"),
        ],
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def validate_held_on(self, field: Field) -> None:
        if field.data and field.data < self.today:
            raise StopValidation(PAST_SESSION)

    def validate_place(self, field: Field) -> None:
        if not self.online.data and not field.data:
            raise StopValidation("Enter where the session is held, or tick that it is online")


def _part_field(part: CodePart) -> StringField:
    return StringField(part.prompt, description=part.hint, filters=[clean_text])


class CodeForm(FlaskForm):
    """The attendee's personal code, one field per part, and the attempt it belongs to."""

    attempt = HiddenField()
    with_manager = RadioField(
        "Are you answering these questions together with your manager?",
        choices=[SelectChoice("yes", "Yes"), SelectChoice("no", "No")],
        validate_choice=False,
    )

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        for part in CODE_PARTS:
            field = self[part.key]
            try:
                normalise(part, field.data or "")
            except ValueError as error:
                field.errors = [str(error)]
                valid = False
        return valid

    def values(self) -> dict[str, str]:
        """The raw answers by part key, to be hashed (never stored as they are)."""
        return {part.key: self[part.key].data or "" for part in CODE_PARTS}

    def parts(self) -> list[tuple[CodePart, Field]]:
        return [(part, self[part.key]) for part in CODE_PARTS]


for _part in CODE_PARTS:
    setattr(CodeForm, _part.key, _part_field(_part))


class ReminderForm(FlaskForm):
    email = StringField(
        "Your email address (optional)",
        description="Only to send you the follow-up link. It is kept apart from your "
        "answers and deleted as soon as the email is sent.",
        filters=[clean_text],
        validators=[InputRequired(message="Enter your email address")],
    )

    def validate_email(self, field: Field) -> None:
        try:
            field.data = checked_email(field.data or "")
        except BadValue as error:
            raise StopValidation(str(error)) from error
