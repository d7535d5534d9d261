"""Forms for the Touchstones panel: joining, and a manager's import and removal.

The agency and level choices come in from the view; the checks on what is typed are the
panel's own (``app.panel.addresses``), so the form, the CSV import and the command line
accept exactly the same addresses.
"""

from collections.abc import Sequence
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import Field, IntegerField, RadioField, StringField
from wtforms.validators import InputRequired, StopValidation

from app.panel.addresses import BadValue, checked_email
from forms.cleaning import clean_text


class ChosenRadioField(RadioField):
    """Radios with nothing ticked at first, whose only error is one plain message."""

    def __init__(self, *args: Any, message: str, **kwargs: Any) -> None:
        super().__init__(*args, validate_choice=False, **kwargs)
        self.message = message

    def pre_validate(self, form: Any) -> None:
        offered = {value for value, _ in self.choices or ()}  # type: ignore[misc]
        if self.data not in offered:
            raise StopValidation(self.message)


class JoinForm(FlaskForm):
    email = StringField(
        "Your work email address",
        description="We send a link to it so you can confirm you want to join.",
        filters=[clean_text],
        validators=[InputRequired(message="Enter your work email address")],
    )
    agency = ChosenRadioField("Which agency do you work for?", message="Choose your agency")
    level = ChosenRadioField("What is your role?", message="Choose your role level")

    def __init__(
        self, *args: Any, agencies: Sequence[tuple[str, str]], levels: Sequence[tuple[str, str]],
        **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.agency.choices = list(agencies)
        self.level.choices = list(levels)

    def validate_email(self, field: Field) -> None:
        try:
            field.data = checked_email(field.data or "")
        except BadValue as error:
            raise StopValidation(str(error)) from error


class ImportForm(FlaskForm):
    file = FileField(
        "CSV file",
        description="A first line naming the columns email, agency and level, then one "
        "member a line. 5,000 rows at most.",
        validators=[FileRequired(message="Choose a CSV file")],
    )


class RemoveForm(FlaskForm):
    """Which member to take off the panel: an id the view checks belongs to the board."""

    member = IntegerField(validators=[InputRequired(message="Choose a member")])
