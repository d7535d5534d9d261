"""Forms of the safeguarding pages: a child's request for contact, a reviewer's outcome and
the board's settings (its own detector phrases, how long contact requests are kept)."""

from typing import Any

import phonenumbers
from flask_wtf import FlaskForm
from wtforms import Field, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, StopValidation

from analysis.safeguarding import parse_lexicon
from app.panel.addresses import BadValue, checked_email
from forms.cleaning import clean_text
from forms.panel import ChosenRadioField
from forms.surveys import WholeNumberField

STORY_LIMIT = 5000
REACH_CHOICES = [
    ("phone", "Phone me"),
    ("email", "Email me"),
    ("school", "Talk to me at my school"),
]
UK = 44


def _short(label: str, limit: int, description: str = "") -> StringField:
    return StringField(
        label,
        description=description,
        filters=[clean_text],
        validators=[Length(max=limit, message=f"Use {limit} characters or fewer")],
    )


def uk_phone(raw: str) -> str:
    """A UK phone number written the usual way, or ValueError when it is not one."""
    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException as error:
        raise ValueError("not a number") from error
    if number.country_code != UK or not phonenumbers.is_valid_number(number):
        raise ValueError("not a UK number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


class ContactForm(FlaskForm):
    """A child asks to be contacted: what is happening, how to reach them, when it is safe."""

    story = TextAreaField(
        "What is happening?",
        description="Say it in your own words. You can write as much or as little as you like.",
        filters=[clean_text],
        validators=[
            InputRequired(message="Tell us a little about what is happening"),
            Length(max=STORY_LIMIT, message=f"Use {STORY_LIMIT} characters or fewer"),
        ],
    )
    reach_by = ChosenRadioField(
        "How can we reach you safely?", message="Choose how we can reach you"
    )
    phone = _short("Your phone number, if you chose phone", 30, "For example, 07700 900 982")
    email = _short("Your email address, if you chose email", 254)
    school = _short("The name of your school, if you chose school", 200)
    safe_time = _short("When is it safe to contact you?", 200,
                       "For example, after school, or not at weekends")  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reach_by.choices = list(REACH_CHOICES)

    def validate_phone(self, field: Field) -> None:
        if self.reach_by.data != "phone":
            return
        try:
            field.data = uk_phone(field.data or "")
        except ValueError as error:
            raise StopValidation("Enter a UK phone number, like 07700 900 982") from error

    def validate_email(self, field: Field) -> None:
        if self.reach_by.data != "email":
            return
        try:
            field.data = checked_email(field.data or "")
        except BadValue as error:
            raise StopValidation("Enter an email address, like name@example.com") from error

    def validate_school(self, field: Field) -> None:
        if self.reach_by.data == "school" and not field.data:
            raise StopValidation("Enter the name of your school")

    def reach_at(self) -> str:
        """The one way to reach them that was chosen, as checked."""
        chosen = {"phone": self.phone, "email": self.email, "school": self.school}
        return str(chosen[self.reach_by.data].data or "")


class OutcomeForm(FlaskForm):
    """A reviewer's outcome for a flag or a contact request (choices come from the view)."""

    outcome = ChosenRadioField("Outcome", message="Choose an outcome")
    reference = StringField(
        "Reference",
        description="Your local procedure's reference, if you referred it",
        filters=[clean_text],
        validators=[Length(max=100, message="Use 100 characters or fewer")],
    )
    note = TextAreaField(
        "Note (optional)",
        filters=[clean_text],
        validators=[Optional(), Length(max=2000, message="Use 2000 characters or fewer")],
    )

    def __init__(self, *args: Any, outcomes: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcome.choices = list(outcomes.items())

    def validate_reference(self, field: Field) -> None:
        if self.outcome.data == "referred" and not field.data:
            raise StopValidation("Enter the reference of the referral")


class SettingsForm(FlaskForm):
    """The board's own detector phrases and how long contact requests are kept."""

    lexicon = TextAreaField(
        "Extra phrases for the detector",
        description="One a line: a category, a colon and the phrase, like "
        "'exploitation: county lines'.",
        filters=[clean_text],
        validators=[Optional(), Length(max=20000, message="Use 20000 characters or fewer")],
    )
    contact_days = WholeNumberField(
        "Keep contact requests for this many days after their outcome",
        parse_message="Enter a whole number, like 30",
        validators=[
            InputRequired(message="Enter a whole number, like 30"),
            NumberRange(1, 365, message="Enter a number from 1 to 365"),
        ],
    )

    def validate_lexicon(self, field: Field) -> None:
        try:
            parse_lexicon(field.data or "")
        except ValueError as error:
            raise StopValidation(str(error)) from error
