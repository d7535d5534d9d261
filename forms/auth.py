"""Sign-in, second step, password change and reset, and two-factor set-up forms."""

import re

from flask_wtf import FlaskForm
from wtforms import Field, Form, PasswordField, StringField
from wtforms.validators import EqualTo, InputRequired, Length, Regexp, ValidationError

from app.accounts.passwords import MAX_LENGTH, MIN_LENGTH, password_problem

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# Far above any real password, low enough that hashing cannot be used to tie up a worker.
LONGEST_TYPED = 1024


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _digits(value: str | None) -> str | None:
    return re.sub(r"[\s-]", "", value) if isinstance(value, str) else value


def _email_field() -> StringField:
    return StringField(
        "Email address",
        filters=[_strip],
        validators=[
            InputRequired("Enter your email address"),
            Length(max=254, message="Enter an email address of 254 characters or fewer"),
            Regexp(EMAIL, message="Enter an email address like name@example.org"),
        ],
    )


class LoginForm(FlaskForm):
    email = _email_field()
    password = PasswordField(
        "Password",
        validators=[
            InputRequired("Enter your password"),
            Length(max=LONGEST_TYPED, message="That password is too long"),
        ],
    )


def _code_field(label: str) -> StringField:
    return StringField(
        label,
        filters=[_digits],
        validators=[
            InputRequired("Enter the 6-digit code from your authenticator app"),
            Regexp(r"^\d{6}$", message="Enter the code as 6 digits, like 123456"),
        ],
    )


class CodeForm(FlaskForm):
    code = _code_field("Code from your authenticator app")


class EnrolForm(FlaskForm):
    code = _code_field("Code shown in the app")


def _acceptable(form: Form, field: Field) -> None:
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


def _new_password_field() -> PasswordField:
    return PasswordField(
        "New password",
        description=f"At least {MIN_LENGTH} characters, at most {MAX_LENGTH}. A few unrelated "
        "words make a password that is long and easy to remember.",
        validators=[InputRequired("Enter a new password"), _acceptable],
    )


def _confirm_field() -> PasswordField:
    return PasswordField(
        "Type the new password again",
        validators=[
            InputRequired("Type the new password again"),
            EqualTo("new", message="The two new passwords are not the same"),
        ],
    )


class PasswordForm(FlaskForm):
    current = PasswordField(
        "Current password",
        validators=[
            InputRequired("Enter your current password"),
            Length(max=LONGEST_TYPED, message="That password is too long"),
        ],
    )
    new = _new_password_field()
    confirm = _confirm_field()


class ForgottenPasswordForm(FlaskForm):
    email = _email_field()


class NewPasswordForm(FlaskForm):
    """A password chosen through an emailed link: no current password to give."""

    new = _new_password_field()
    confirm = _confirm_field()
