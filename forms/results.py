"""Forms of the results pages: a period to show, the board's lists and its codebook."""

from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp

from forms.cleaning import clean_text
from forms.surveys import WholeNumberField


class PeriodForm(FlaskForm):
    """One of the fixed periods (never free dates, so two views cannot be subtracted)."""

    class Meta:
        csrf = False  # a GET form that changes nothing

    period = SelectField("Period", validate_choice=True)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.period.choices = [SelectChoice(value, label) for value, label in choices]


class SettingsForm(FlaskForm):
    sections = TextAreaField(
        "Quality-assurance framework sections",
        description="One a line: a short code, a colon and the name, like 'D: Involvement of "
        "children and young people'.",
        validators=[InputRequired(message="List at least one section"), Length(max=5000)],
    )
    priorities = TextAreaField(
        "Business-plan priorities", description="One a line.", validators=[Length(max=5000)]
    )
    places = TextAreaField(
        "School and place names to take out of quotes",
        description="One a line, like 'Riverton Academy'.",
        validators=[Length(max=20000)],
    )
    count_threshold = WholeNumberField(
        "Hide counts up to",
        description="Counts from 1 to this many people are shown as 'c'. At least 5.",
        parse_message="Enter a whole number, like 5",
        validators=[
            InputRequired(message="Enter a whole number, like 5"),
            NumberRange(5, 100, message="Enter a number from 5 to 100"),
        ],
    )
    group_threshold = WholeNumberField(
        "Break down only groups of at least",
        description="Smaller groups are never shown on their own. At least 10.",
        parse_message="Enter a whole number, like 10",
        validators=[
            InputRequired(message="Enter a whole number, like 10"),
            NumberRange(10, 1000, message="Enter a number from 10 to 1000"),
        ],
    )
    text_retention_months = WholeNumberField(
        "Keep the words people wrote for",
        description="In months from the day they were sent, from 1 to 120. The numbers stay.",
        parse_message="Enter a whole number of months, like 24",
        validators=[
            InputRequired(message="Enter a whole number of months, like 24"),
            NumberRange(1, 120, message="Enter a number of months from 1 to 120"),
        ],
    )
    response_retention_months = WholeNumberField(
        "Keep whole responses for",
        description="In months, from 1 to 120. The evidence pack of each period is kept.",
        parse_message="Enter a whole number of months, like 24",
        validators=[
            InputRequired(message="Enter a whole number of months, like 24"),
            NumberRange(1, 120, message="Enter a number of months from 1 to 120"),
        ],
    )
    shares_with_region = BooleanField("Show our results, aggregates only, to the region's viewers")
    reply_to = StringField(
        "Reply-to address for the board's emails (optional)",
        description="Replies to panel invitations go here, like 'partnership@riverton.gov.uk'.",
        filters=[clean_text],
        validators=[
            Optional(),
            Length(max=254, message="Use 254 characters or fewer"),
            Regexp(
                r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                message="Enter an email address, like team@example.gov.uk",
            ),
        ],
    )


class CodebookForm(FlaskForm):
    codebook = TextAreaField(
        "Themes and the words that mark them",
        description="One theme a line: its name, a colon, then words and phrases separated "
        "by commas, like 'Bullying: bullied, picked on, name calling'.",
        validators=[InputRequired(message="Give at least one theme"), Length(max=50000)],
    )
