"""Forms for handing out links; the size limit comes from the links service."""

from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, StringField
from wtforms.validators import InputRequired, Length, Optional, StopValidation

from forms.cleaning import clean_text
from forms.surveys import WholeNumberField


class BatchForm(FlaskForm):
    """How many single-use links to make, and a label to tell the batch apart."""

    count = WholeNumberField(
        "How many links",
        description="One for each person: a class set is usually about 30.",
        parse_message="Enter how many links as a whole number, like 30",
        validators=[InputRequired(message="Enter how many links to make")],
    )
    label = StringField(
        "Label (optional)",
        description="To tell batches apart, like 'Year 6, Oak School'. Never a person's name.",
        filters=[clean_text],
        validators=[Optional(), Length(max=120, message="Use 120 characters or fewer")],
    )

    def __init__(self, *args: Any, limit: int, too_many: str, too_few: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.limit, self.too_many, self.too_few = limit, too_many, too_few

    def validate_count(self, field: Field) -> None:
        if field.data is not None and field.data > self.limit:
            raise StopValidation(self.too_many)
        if field.data is not None and field.data < 1:
            raise StopValidation(self.too_few)


class ExportForm(FlaskForm):
    """The sealed list of a new batch's links, posted back to download them as CSV."""

    sealed = HiddenField(validators=[InputRequired(message="The list of links is missing")])
