"""Forms for a board's actions: what was said and done, and a change of status.

The survey and theme choices come in from the view; the children's words are held to the
reading grade of the youngest children who answer (``app.actions.wording``).
"""

from collections.abc import Sequence
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, StopValidation

from app.actions.wording import too_hard
from forms.cleaning import clean_text
from forms.panel import ChosenRadioField
from forms.surveys import ListedChoiceField, PlainDateField

STATUS_CHOICES = [("planned", "Planned"), ("in_progress", "In progress"), ("done", "Done")]
NO_SURVEY = "none"


def _words(label: str, limit: int, description: str, missing: str) -> TextAreaField:
    return TextAreaField(
        label,
        description=description,
        filters=[clean_text],
        validators=[DataRequired(message=missing),
                    Length(max=limit, message=f"Use {limit} characters or fewer")],
    )  # fmt: skip


class ActionDetailsForm(FlaskForm):
    survey = ListedChoiceField(
        "Which survey is it about?",
        message="Choose a survey, or 'No survey' for a theme only",
        placeholder="Choose a survey",
    )
    theme = StringField(
        "Theme",
        description="A theme from the board's codebook, or your own words. Needed when the "
        "action is about no one survey.",
        filters=[clean_text],
        validators=[Length(max=120, message="Use 120 characters or fewer")],
    )
    you_said = _words("You said", 1000, "What people told the board, in your words. Do not "
                      "quote anyone.", "Say what people told the board")  # fmt: skip
    we_did = _words("We did", 1000, "What changed, or will change, because of it.",
                    "Say what the board did")  # fmt: skip
    for_children = _words(
        "Words for children",
        500,
        "Both, in words an 8 year old can read: short words, short sentences. For example: "
        "'You said the bus station feels scary at night. Now the police walk there on Fridays.'",
        "Write the words for children",
    )
    acted_on = PlainDateField(
        "Date",
        description="When it was done, or when it will be.",
        validators=[InputRequired(message="Enter the date")],
    )
    status = ChosenRadioField("Status", message="Choose planned, in progress or done")

    def __init__(self, *args: Any, surveys: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey.offer([(NO_SURVEY, "No survey: a theme only"), *surveys])
        self.status.choices = list(STATUS_CHOICES)

    def validate_for_children(self, field: Field) -> None:
        problem = too_hard(field.data or "")
        if problem:
            raise StopValidation(problem)

    def validate_theme(self, field: Field) -> None:
        if self.survey.data == NO_SURVEY and not field.data:
            raise StopValidation("Give the theme, as the action is about no one survey")

    def survey_id(self) -> int | None:
        """The chosen survey's id, or None for a theme only."""
        return None if self.survey.data == NO_SURVEY else int(self.survey.data)


class StatusForm(FlaskForm):
    status = ChosenRadioField("New status", message="Choose planned, in progress or done")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.status.choices = list(STATUS_CHOICES)
