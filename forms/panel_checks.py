"""Forms for sending a quick check to the panel, reminding it, and telling it what changed."""

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length

from forms.cleaning import clean_text
from forms.surveys import PlainDateField


class SendForm(FlaskForm):
    closes_on = PlainDateField(
        "Closing date",
        description="The last day the panel can answer. Quick checks usually run for a week.",
        validators=[InputRequired(message="Enter the closing date")],
    )


class OutcomeForm(FlaskForm):
    outcome = TextAreaField(
        "What changed because of what the panel said",
        description="For example: 'The escalation guide is now on the front page of the "
        "website.' Every member is emailed this. Do not include anything a member wrote.",
        filters=[clean_text],
        validators=[
            InputRequired(message="Say what changed"),
            Length(max=600, message="Use 600 characters or fewer"),
        ],
    )
