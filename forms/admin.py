"""Admin forms: regions, boards, accounts and roles. Choices arrive as arguments."""

from collections.abc import Sequence

from flask_wtf import FlaskForm
from wtforms import Field, Form, SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional, Regexp, ValidationError

from forms.auth import EMAIL
from forms.cleaning import clean_text

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_MESSAGE = "Use lower-case letters, numbers and single hyphens, like north-riverton"
ROLE_CHOICES = [
    SelectChoice("", "Choose a role"),
    SelectChoice("manager", "Manager: surveys, links and board settings"),
    SelectChoice("trainer", "Trainer: courses and training evaluation"),
    SelectChoice("reviewer", "Safeguarding reviewer: the review queue"),
    SelectChoice("analyst", "Analyst: results and evidence"),
    SelectChoice("regional", "Regional viewer: totals for every board in a region"),
    SelectChoice("admin", "Administrator: regions, boards and accounts"),
]
BOARD_ROLES = frozenset({"manager", "trainer", "reviewer", "analyst"})


def _slug_field(label: str, hint: str) -> StringField:
    return StringField(
        label,
        description=hint,
        filters=[lambda v: v.strip().lower() if isinstance(v, str) else v],
        validators=[
            InputRequired("Enter a short name for the web address"),
            Length(min=2, max=60, message="Use 2 to 60 characters"),
            Regexp(SLUG, message=SLUG_MESSAGE),
        ],
    )


def _name_field(label: str) -> StringField:
    return StringField(
        label,
        filters=[clean_text],
        validators=[
            InputRequired(f"Enter the {label.lower()}"),
            Length(max=200, message="Use 200 characters or fewer"),
        ],
    )


def _choices(prompt: str, options: Sequence[tuple[int, str]]) -> list[SelectChoice]:
    return [SelectChoice("", prompt), *[SelectChoice(str(key), name) for key, name in options]]


def _from_list(message: str):  # type: ignore[no-untyped-def]
    """Only values offered in the list pass, whatever was posted."""

    def check(form: Form, field: Field) -> None:
        offered = {choice.value for choice in field.choices or [] if choice.value}
        if field.data and str(field.data) not in offered:
            raise ValidationError(message)

    return check


class RegionForm(FlaskForm):
    name = _name_field("Region name")
    slug = _slug_field("Short name", "Used in web addresses and the command line.")


class BoardForm(FlaskForm):
    name = _name_field("Partnership name")
    slug = _slug_field("Short name", "Used in web addresses and the command line.")
    region = SelectField(
        "Region",
        validate_choice=False,
        validators=[InputRequired("Choose a region"), _from_list("Choose a region from the list")],
    )
    help_contact = StringField(
        "Where children can get local help (optional)",
        description="Shown to respondents beside Childline, for example the children's "
        "services front door and its phone number.",
        filters=[clean_text],
        validators=[Optional(), Length(max=300, message="Use 300 characters or fewer")],
    )

    def values(self) -> tuple[str, str, int, str]:
        """Slug, name, region id and help contact, as the board service takes them."""
        return self.slug.data, self.name.data, int(self.region.data), self.help_contact.data or ""

    def offer(self, regions: Sequence[tuple[int, str]]) -> "BoardForm":
        self.region.choices = _choices("Choose a region", regions)
        return self


# Made before RoleForm's fields so that, on the new-account page, it sorts (and errors) first.
_EMAIL = StringField(
    "Email address",
    description="Their work email address. They sign in with it.",
    filters=[lambda v: v.strip().lower() if isinstance(v, str) else v],
    validators=[
        InputRequired("Enter an email address"),
        Length(max=254, message="Use 254 characters or fewer"),
        Regexp(EMAIL, message="Enter an email address like name@example.org"),
    ],
)


class RoleForm(FlaskForm):
    """A role, with the board or region it applies to when it needs one."""

    role = SelectField(
        "Role",
        choices=ROLE_CHOICES,
        validate_choice=False,
        validators=[InputRequired("Choose a role"), _from_list("Choose a role from the list")],
    )
    board = SelectField(
        "Board", validate_choice=False, validators=[_from_list("Choose a board from the list")]
    )
    region = SelectField(
        "Region", validate_choice=False, validators=[_from_list("Choose a region from the list")]
    )

    def offer(
        self, boards: Sequence[tuple[int, str]], regions: Sequence[tuple[int, str]]
    ) -> "RoleForm":
        self.board.choices = _choices("Not a board role", boards)
        self.region.choices = _choices("Not a regional role", regions)
        return self

    def validate_board(self, field: Field) -> None:
        if self.role.data in BOARD_ROLES and not field.data:
            raise ValidationError("Choose the board this role is for")

    def validate_region(self, field: Field) -> None:
        if self.role.data == "regional" and not field.data:
            raise ValidationError("Choose the region this role is for")

    def scope_id(self) -> int | None:
        """The board or region id that goes with the chosen role (None for admin)."""
        if self.role.data in BOARD_ROLES:
            return int(self.board.data)
        if self.role.data == "regional":
            return int(self.region.data)
        return None


class AccountForm(RoleForm):
    email = _EMAIL


class ActionForm(FlaskForm):
    """A button that changes something: only its CSRF token is posted."""
