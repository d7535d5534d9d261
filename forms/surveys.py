"""Survey set-up forms; questionnaire choices come in from the view."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    Field,
    IntegerField,
    SelectChoice,
    SelectField,
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

from forms.cleaning import clean_text

MAX_CAP = 100_000
MAX_THEMES = 10
THEME_LENGTH = 60
MAX_OUTCOMES = 10
OUTCOME_LENGTH = 200

Choices = Sequence[tuple[str, str]]


class WholeNumberField(IntegerField):
    """An integer field whose parse error reads as plain English."""

    def __init__(self, *args: Any, parse_message: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parse_message = parse_message

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(self.parse_message) from error


class PlainDateField(DateField):
    """A date field whose parse error reads as plain English."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(f"Enter the {str(self.label.text).lower()} as a real date") from error


class ListedChoiceField(SelectField):
    """A select that starts on an empty 'Choose...' option (nothing is chosen for the user)
    and whose only error, for anything but a listed value, is one clear message."""

    def __init__(self, *args: Any, message: str, placeholder: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.message, self.placeholder = message, placeholder

    def offer(self, choices: Choices) -> None:
        self.choices = [("", self.placeholder), *choices]

    def pre_validate(self, form: Any) -> None:
        offered = {str(value) for value, _ in self.choices or () if value}  # type: ignore[misc]
        if self.data not in offered:
            raise StopValidation(self.message)


def _text(label: str, limit: int, description: str = "") -> StringField:
    return StringField(
        label,
        description=description,
        filters=[clean_text],
        validators=[Optional(), Length(max=limit, message=f"Use {limit} characters or fewer")],
    )


def _date(label: str, description: str) -> PlainDateField:
    return PlainDateField(
        label,
        description=description,
        validators=[InputRequired(message=f"Enter the {label.lower()}")],
    )


class ActionForm(FlaskForm):
    """A button that changes something: the CSRF token is its only field."""


class SurveyDetailsForm(FlaskForm):
    """What can change on any survey, even one with responses."""

    title = StringField(
        "Title shown to respondents",
        filters=[clean_text],
        validators=[
            DataRequired(message="Enter the title respondents will see"),
            Length(max=200, message="Use 200 characters or fewer for the title"),
        ],
    )
    opens_on = _date("Opening date", "The first day it takes answers.")
    closes_on = _date("Closing date", "The last day it takes answers.")
    cap = WholeNumberField(
        "Most responses to accept (optional)",
        description="Leave empty for no limit.",
        parse_message="Enter the limit as a whole number, like 200, or leave it empty",
        validators=[
            Optional(),
            NumberRange(min=1, max=MAX_CAP, message=f"The limit must be between 1 and {MAX_CAP:,}"),
        ],
    )
    qa_section = SelectField(
        "Quality-assurance framework section (optional)",
        description="From your board's list, so results group together.",
        choices=[SelectChoice("", "Not given")],
        default="",
        validate_choice=True,
    )
    priority = SelectField(
        "Business-plan priority (optional)",
        description="From your board's list.",
        choices=[SelectChoice("", "Not given")],
        default="",
        validate_choice=True,
    )
    themes = _text(
        "Themes (optional)", 400, "Separate themes with commas, like: neglect, online safety"
    )
    distribution = TextAreaField(
        "Where it is being shared (optional)",
        description="Respondents see this on the first page, so say it exactly, for example "
        "'This survey is being shared in secondary schools across the area.'",
        filters=[clean_text],
        validators=[Optional(), Length(max=500, message="Use 500 characters or fewer")],
    )

    def offer_lists(self, sections: Choices, priorities: Choices) -> None:
        """Choices for the section and priority come from the board's own lists."""
        self.qa_section.choices = [SelectChoice(v, label) for v, label in sections]
        self.priority.choices = [SelectChoice(v, label) for v, label in priorities]

    def validate_closes_on(self, field: Field) -> None:
        opens = self.opens_on.data
        if opens and field.data and field.data < opens:
            raise StopValidation("The closing date must be the same as or after the opening date")

    def validate_themes(self, field: Field) -> None:
        themes = self.theme_list()
        if len(themes) > MAX_THEMES:
            raise StopValidation(f"Give at most {MAX_THEMES} themes")
        if any(len(theme) > THEME_LENGTH for theme in themes):
            raise StopValidation(f"Keep each theme to {THEME_LENGTH} characters or fewer")

    def theme_list(self) -> list[str]:
        """The themes as a list, blanks and repeats dropped, in the order given."""
        themes = (part.strip() for part in (self.themes.data or "").split(","))
        return list(dict.fromkeys(theme for theme in themes if theme))

    def tags(self) -> dict[str, Any]:
        """The Survey.tags value: framework section, priority and themes."""
        return {
            "qa_section": self.qa_section.data or "",
            "priority": self.priority.data or "",
            "themes": self.theme_list(),
        }

    def window(self) -> tuple[date, date]:
        return self.opens_on.data, self.closes_on.data


class SurveyForm(SurveyDetailsForm):
    """A new survey, or one without responses: its questionnaire and outcomes can change."""

    questionnaire = ListedChoiceField(
        "Questionnaire",
        description="From the shared library or your board's own. The audience comes with it.",
        message="Choose a questionnaire from the list",
        placeholder="Choose a questionnaire",
    )
    outcomes = TextAreaField(
        "Learning outcomes (training evaluations only)",
        description="One per line. Each becomes a question about that outcome.",
        filters=[clean_text],
        validators=[Optional(), Length(max=3000, message="Use 3,000 characters or fewer")],
    )

    def __init__(self, *args: Any, choices: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questionnaire.offer(choices)

    def validate_outcomes(self, field: Field) -> None:
        outcomes = self.outcome_list()
        if len(outcomes) > MAX_OUTCOMES:
            raise StopValidation(f"Give at most {MAX_OUTCOMES} learning outcomes")
        if any(len(outcome) > OUTCOME_LENGTH for outcome in outcomes):
            raise StopValidation(f"Keep each outcome to {OUTCOME_LENGTH} characters or fewer")

    def outcome_list(self) -> list[str]:
        lines = (line.strip() for line in (self.outcomes.data or "").splitlines())
        return [line for line in lines if line]

    def questionnaire_id(self) -> int:
        return int(self.questionnaire.data)


class ReopenForm(FlaskForm):
    """Opening or reopening; a new closing date is needed only when the old one has passed."""

    closes_on = PlainDateField("New closing date", validators=[Optional()])


def survey_form(choices: Choices, questions_locked: bool, **kwargs: Any) -> SurveyDetailsForm:
    """The set-up form: without questionnaire and outcomes once responses exist."""
    if questions_locked:
        return SurveyDetailsForm(**kwargs)
    return SurveyForm(choices=choices, **kwargs)
