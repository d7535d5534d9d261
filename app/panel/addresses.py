"""What a member gives us, checked: a work email address, an agency and a role level.

Shared by the join form, the CSV import and the command line, so all three accept and
refuse exactly the same things.
"""

import re

from app.models.panel import AGENCIES, LEVELS

MAX_EMAIL = 254
# Plain ASCII addresses: a local part that starts with a letter or digit (so a spreadsheet
# formula such as =HYPERLINK(...) or +cmd@x can never pass), then a domain of dotted
# labels ending in a letters-only top-level domain.
EMAIL = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9._%+'-]*[A-Za-z0-9_%+'-])?"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
NOT_AN_ADDRESS = "Enter an email address in the right format, like name@example.org"


class BadValue(ValueError):
    """A value that cannot be used; the message says why, for the person who gave it."""


def checked_email(raw: str) -> str:
    """The address trimmed, or BadValue when it is not an email address."""
    email = raw.strip()
    if len(email) > MAX_EMAIL or ".." in email or not EMAIL.fullmatch(email):
        raise BadValue(NOT_AN_ADDRESS)
    return email


def _code(raw: str, names: dict[str, str], what: str) -> str:
    # Spreadsheets often turn the apostrophe of "children's" into a curly one.
    wanted = raw.strip().replace("\u2019", "'").casefold()
    for code, label in names.items():
        if wanted in (code, code.replace("_", " "), label.casefold()):
            return code
    listed = ", ".join(label.lower() for label in names.values())
    raise BadValue(f"The {what} {raw.strip()[:40]!r} is not one of: {listed}")


def agency_code(raw: str) -> str:
    """The agency's code from its code or its name, in any case."""
    return _code(raw, AGENCIES, "agency")


def level_code(raw: str) -> str:
    """The role level's code from its code or its name, in any case."""
    return _code(raw, LEVELS, "role level")
