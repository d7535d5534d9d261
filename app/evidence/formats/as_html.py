"""The pack as one self-contained, accessible HTML page, printable on A4.

Rendered with a plain Jinja environment over the repository's templates, not Flask's, so
the command line can write a pack without an app or a request. The body is the macro in
``templates/evidence/_pack.html``, which a staff page can call inside the site layout.
"""

from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from analysis.pack import Pack
from app import ROOT

TEMPLATE = "evidence/pack.html"


@cache
def environment() -> Environment:
    """Autoescaped, like Flask's: quoted comments are text, never markup."""
    return Environment(
        loader=FileSystemLoader(ROOT / "templates"),
        autoescape=select_autoescape(),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def as_html(pack: Pack) -> bytes:
    """UTF-8 HTML with its own small stylesheet, inline SVG charts and no outside requests."""
    return environment().get_template(TEMPLATE).render(pack=pack).encode()
