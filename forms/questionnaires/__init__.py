"""Questionnaire library and editor forms; nothing here reads the database."""

import re
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired, FileSize
from wtforms import (
    BooleanField,
    Field,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional, StopValidation

from app.questionnaires.definition import Tags
from app.questionnaires.editing import Wording
from app.questionnaires.limits import (
    HINT_LENGTH,
    INTRO_LENGTH,
    MAX_IMPORT_BYTES,
    MAX_OPTIONS,
    SECTION_TITLE_LENGTH,
    SUMMARY_LENGTH,
    TEXT_LENGTH,
    TITLE_LENGTH,
)
from forms.cleaning import clean_text
from forms.questionnaires.answers import (
    FRAMEWORK_NAMES,
    KIRKPATRICK_NAMES,
    LEVEL_NAMES,
    check_option_count,
    check_tags,
    option_lines,
    theme_list,
)

TYPE_NAMES = {
    "faces": "Faces: five answers from worst to best, each with a face",
    "agree": "Agree or disagree, on a five-point scale",
    "yes_no": "Yes, no or not sure",
    "rating": "A score from 0 to 10",
    "single": "One answer from a list you write",
    "multi": "Any number of answers from a list you write",
    "age_band": "Age band",
    "short_text": "A short written answer",
    "long_text": "A longer written answer",
}
AUDIENCE_NAMES = {
    "child": "Children and young people",
    "family": "Parents and carers",
    "practitioner": "Practitioners",
    "training": "Training attendees",
}
THEMES_LENGTH = 300
PHASE_NAMES = {"before": "Before the course", "after": "At the end", "follow_up": "At follow-up"}
AGE_RANGE = re.compile(r"(\d{1,2})-(\d{1,2})\Z")


def _choices(names: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in names.items()]


def _tag_choice(label: str, names: dict[str, str]) -> SelectField:
    # The empty choice is the default, so a post without the field means "no tag".
    return SelectField(label, choices=[SelectChoice("", "None"), *_choices(names)], default="")


def _text(label: str, limit: int, missing: str | None = None, **kwargs: Any) -> StringField:
    required = [InputRequired(message=missing)] if missing else [Optional()]
    return StringField(
        label,
        filters=[clean_text],
        validators=[*required, Length(max=limit, message=f"Use {limit:,} characters or fewer")],
        **kwargs,
    )


def _area(label: str, limit: int, missing: str | None = None, **kwargs: Any) -> TextAreaField:
    required = [InputRequired(message=missing)] if missing else [Optional()]
    return TextAreaField(
        label,
        filters=[clean_text],
        validators=[*required, Length(max=limit, message=f"Use {limit:,} characters or fewer")],
        **kwargs,
    )


def check_age_range(value: str | None) -> None:
    """Raise StopValidation unless the value reads like 8-12, youngest first."""
    match = AGE_RANGE.match(value or "")
    if not match or not 4 <= int(match[1]) < int(match[2]) <= 25:
        raise StopValidation("Enter the age range like 8-12: the youngest age, a dash, the oldest")


class RevisionForm(FlaskForm):
    """Any change in the editor: it names the version it was made on, so stale pages are caught."""

    revision = HiddenField(validators=[InputRequired(message="Reload the page and try again")])


class MoveForm(RevisionForm):
    direction = RadioField(choices=_choices({"up": "Up", "down": "Down"}))

    def step(self) -> int:
        return -1 if self.direction.data == "up" else 1


class NewQuestionnaireForm(FlaskForm):
    title = _text("Title", TITLE_LENGTH, "Enter a title")
    summary = _area("What it asks, and who it is for", SUMMARY_LENGTH, "Enter a summary",
                    description="Staff see this in the library. Respondents do not.")  # fmt: skip
    audience = RadioField("Who answers it", choices=_choices(AUDIENCE_NAMES),
                          validators=[InputRequired(message="Choose who answers it")])  # fmt: skip
    # No Optional() on these two: it would stop the checks that depend on the audience.
    age_range = StringField(
        "Age range (children only)",
        description="Like 8-12. Questions are checked for how easy they are to read at the "
        "youngest age.",
        filters=[clean_text],
    )
    phase = RadioField(
        "When it is asked (training only)", choices=_choices(PHASE_NAMES), validate_choice=False
    )

    def validate_age_range(self, field: Field) -> None:
        if self.audience.data == "child":
            check_age_range(field.data)

    def validate_phase(self, field: Field) -> None:
        if self.audience.data == "training" and field.data not in PHASE_NAMES:
            raise StopValidation("Choose when a training evaluation is asked")

    def checked_age_range(self) -> str | None:
        return self.age_range.data if self.audience.data == "child" else None

    def checked_phase(self) -> str | None:
        return self.phase.data if self.audience.data == "training" else None


class DetailsForm(RevisionForm):
    title = _text("Title", TITLE_LENGTH, "Enter a title")
    summary = _area("What it asks, and who it is for", SUMMARY_LENGTH, "Enter a summary",
                    description="Staff see this in the library. Respondents do not.")  # fmt: skip
    intro = _area("Introduction", INTRO_LENGTH, "Enter an introduction",
                  description="Respondents read this at the top of the first page.")  # fmt: skip
    age_range = StringField("Age range", description="Like 8-12.", filters=[clean_text])

    def __init__(self, *args: Any, audience: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.audience = audience

    def validate_age_range(self, field: Field) -> None:
        if self.audience == "child":
            check_age_range(field.data)

    def checked_age_range(self) -> str | None:
        return self.age_range.data if self.audience == "child" else None


class QuestionForm(RevisionForm):
    """A question's wording; its answers are typed one per line, as 'code | words' or words."""

    text = _area("Question", TEXT_LENGTH, "Enter the question", render_kw={"rows": 2})
    hint = _area("Hint (optional)", HINT_LENGTH, render_kw={"rows": 2},
                 description="Extra help shown under the question.")  # fmt: skip
    required = BooleanField(
        "Respondents must answer this question",
        description="Leave this unticked for children and families: they can skip any question.",
    )
    options = TextAreaField(
        "Answers",
        filters=[clean_text],
        # No Optional(): it would skip validate_options, which knows when answers are needed.
        validators=[Length(max=MAX_OPTIONS * 250, message="Use fewer answers")],
    )
    framework = _tag_choice("Framework section", FRAMEWORK_NAMES)
    level = _tag_choice("Level (frontline staff only)", LEVEL_NAMES)
    kirkpatrick = _tag_choice("Training evaluation level", KIRKPATRICK_NAMES)
    themes = _text("Themes (optional)", THEMES_LENGTH)

    def __init__(self, *args: Any, qtype: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.qtype = qtype

    def question_type(self) -> str | None:
        return self.qtype

    def validate_options(self, field: Field) -> None:
        lines = option_lines(field.data or "", self.question_type())
        check_option_count(self.question_type(), lines)

    def validate_level(self, field: Field) -> None:
        if not self.framework.errors:  # an unknown framework is reported beside its own field
            check_tags({"framework": self.framework.data or None, "level": field.data or None})

    def validate_themes(self, field: Field) -> None:
        check_tags({"themes": theme_list(field.data)})

    def tags(self) -> Tags:
        return Tags(self.framework.data or None, self.level.data or None,
                    self.kirkpatrick.data or None, tuple(theme_list(self.themes.data)))  # fmt: skip

    def wording(self) -> Wording:
        return Wording(
            text=self.text.data or "",
            hint=self.hint.data or "",
            required=bool(self.required.data),
            options=option_lines(self.options.data or "", self.question_type()),
            tags=self.tags(),
        )


class AddQuestionForm(QuestionForm):
    type = RadioField(
        "Type of question",
        choices=_choices(TYPE_NAMES),
        validators=[InputRequired(message="Choose a type of question")],
    )

    def question_type(self) -> str | None:
        return self.type.data


class NewSectionForm(AddQuestionForm):
    page_title = _text("Page title", SECTION_TITLE_LENGTH, "Enter a title for the page")


class SectionForm(RevisionForm):
    title = _text("Page title", SECTION_TITLE_LENGTH, "Enter a title for the page")


class ImportForm(FlaskForm):
    file = FileField(
        "Questionnaire file",
        description="A .yaml file exported from Chorus, 200 KB at most.",
        validators=[
            FileRequired(message="Choose a questionnaire file"),
            FileSize(max_size=MAX_IMPORT_BYTES, message="The file is larger than 200 KB"),
        ],
    )
