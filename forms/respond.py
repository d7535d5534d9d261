"""Forms built from a questionnaire definition, one per page."""

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    Field,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.questionnaires.definition import SCALES, Question
from forms.cleaning import clean_text

CHOICE_TYPES = frozenset({"agree", "faces", "yes_no", "single", "rating", "age_band"})
REQUIRED_MESSAGE = "Choose an answer, or go back and skip this page"
TEXT_DEFAULT_MAX = {"short_text": 200, "long_text": 2000}


class SingleChoiceField(RadioField):
    """A radio group that refuses more than one submitted value instead of taking the first."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        if len(valuelist) > 1:
            self.data = None
            raise ValueError("Choose only one answer")
        super().process_formdata(valuelist)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def options_of(question: Question) -> list[tuple[str, str]]:
    """The (value, label) pairs a question offers, fixed scales included."""
    options = question.options or SCALES.get(question.type, ())
    return [(option.value, option.label) for option in options]


def _choices(question: Question) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in options_of(question)]


def _validators(question: Question, message: str) -> list[Any]:
    if question.required:
        return [InputRequired(message=message)]
    return [Optional()]


def field_for(question: Question) -> Field:
    """An unbound WTForms field for one question."""
    label = question.text
    if question.type in CHOICE_TYPES:
        return SingleChoiceField(
            label,
            choices=_choices(question),
            validators=_validators(question, "Choose an answer"),
        )
    if question.type == "multi":
        return MultiCheckboxField(
            label,
            choices=_choices(question),
            validators=_validators(question, "Choose at least one answer"),
        )
    limit = question.max_length or TEXT_DEFAULT_MAX[question.type]
    text_class = StringField if question.type == "short_text" else TextAreaField
    return text_class(
        label,
        filters=[clean_text],
        validators=[
            *_validators(question, "Write an answer"),
            Length(max=limit, message=f"Keep your answer to {limit:,} characters or fewer"),
        ],
    )


class PageForm(FlaskForm):
    """Base for questionnaire pages; the attempt id makes a repeated final submit harmless."""

    attempt = HiddenField()

    def answers(self) -> dict[str, Any]:
        """The page's answers by question key; skipped questions give None or []."""
        return {
            name: field.data
            for name, field in self._fields.items()
            if name not in ("attempt", "csrf_token")
        }

    def only_csrf_failed(self) -> bool:
        return set(self.errors) == {"csrf_token"}


def page_form_class(questions: Sequence[Question]) -> type[PageForm]:
    """A PageForm subclass with one field per question, named by the question key."""
    return _page_form_class(tuple(questions))


# Questions are frozen values, so equal pages share one class: building a form class and
# its field list costs more than the rest of the form's work on every request.
@lru_cache(maxsize=512)
def _page_form_class(questions: tuple[Question, ...]) -> type[PageForm]:
    fields: dict[str, Field] = {q.key: field_for(q) for q in questions}
    return type("QuestionnairePage", (PageForm,), fields)


def stored_form_data(questions: Sequence[Question], answers: Mapping[str, Any]) -> dict[str, Any]:
    """Draft answers shaped for a form's ``data=``."""
    return {q.key: answers.get(q.key) for q in questions if q.key in answers}
