"""One simulated respondent: open a link, answer every page as a browser would, send, read thanks.

Pages are read with regular expressions rather than an HTML parser: the client shares the
machine with the server, so every microsecond it spends is taken from what it measures.
"""

import html
import random
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from bench.stats import Tally
from bench.wire import Reply, Wire, WireError

THANKS = b"Your answers have been sent"
LAST_PAGE = b"Send my answers"
EXPECTED = {"page": 200, "save": 303, "send": 200}
BROWSER = {"Accept-Encoding": "gzip", "User-Agent": "chorus-bench"}
FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}
# A person told "busy, try again" or "something went wrong" presses the button again.
TRY_AGAIN = frozenset({429, 500, 502, 503, 504})
FORM_ACTION = re.compile(rb'<form method="post" action="([^"]*)"')
INPUT = re.compile(rb"<input ([^>]*)>")
TEXTAREA = re.compile(rb'<textarea [^>]*name="([^"]+)"')
ATTRIBUTE = re.compile(rb'([a-z-]+)="([^"]*)"')
WORDS = ("More lights in the park", "Someone to talk to", "Nothing, it is fine", "Safer buses")


@dataclass
class Form:
    """What a questionnaire page asks: where to post, hidden fields and the questions."""

    action: str
    hidden: list[tuple[str, str]] = field(default_factory=list)
    radios: dict[str, list[str]] = field(default_factory=dict)
    checkboxes: dict[str, list[str]] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)


def read_form(page: bytes) -> Form | None:
    """The form of a questionnaire page, or None when the page has none."""
    action = FORM_ACTION.search(page)
    if action is None:
        return None
    form = Form(html.unescape(action.group(1).decode()))
    for tag in INPUT.finditer(page):
        attrs = {k.decode(): html.unescape(v.decode()) for k, v in ATTRIBUTE.findall(tag.group(1))}
        kind, name, value = attrs.get("type"), attrs.get("name", ""), attrs.get("value", "")
        if kind == "hidden":
            form.hidden.append((name, value))
        elif kind in ("radio", "checkbox") and value:
            group = form.radios if kind == "radio" else form.checkboxes
            group.setdefault(name, []).append(value)
        elif kind == "text":
            form.texts.append(name)
    form.texts += [name.decode() for name in TEXTAREA.findall(page)]
    return form


def answers_for(form: Form, rng: random.Random) -> list[tuple[str, str]]:
    """An answer to every question: one option, one to three boxes, a short sentence."""
    chosen = [(name, rng.choice(values)) for name, values in form.radios.items()]
    for name, values in form.checkboxes.items():
        picks = rng.sample(values, rng.randint(1, min(3, len(values))))
        chosen += [(name, value) for value in picks]
    chosen += [(name, rng.choice(WORDS)) for name in form.texts]
    return chosen


class Respondent:
    """Answers one link after another on one thread, recording into its own tally."""

    def __init__(self, wire: Wire, tally: Tally, deadline: float, retries: int, seed: int) -> None:
        self.wire = wire
        self.tally = tally
        self.deadline = deadline
        self.retries = retries
        self.rng = random.Random(seed)
        self.cookie = ""

    def answer(self, token: str, questionnaire: str) -> None:
        """Take one link from its first page to the thank-you page, or give up at the deadline."""
        self.cookie = ""
        self.tally.started += 1
        path: str | None = f"/r/{token}"
        sent = 0
        while path is not None and (page := self._call("page", "GET", path)) is not None:
            body = page.text()
            form = read_form(body)
            if form is None:
                self.tally.errors[f"page {page.status} without a form"] += 1
                return
            chosen = answers_for(form, self.rng)
            sent += len(chosen)
            kind = "send" if LAST_PAGE in body else "save"
            posted = urlencode([*form.hidden, *chosen]).encode()
            reply = self._call(kind, "POST", form.action, posted)
            path = _next_page(reply) if kind == "save" else None
            if kind == "send":
                self._finish(reply, questionnaire, sent)

    def _finish(self, reply: Reply | None, questionnaire: str, sent: int) -> None:
        if reply is not None and reply.status == 200 and THANKS in reply.text():
            self.tally.accepted[questionnaire] += 1
            self.tally.answers += sent
        else:  # perhaps stored, perhaps not: the respondent cannot know
            self.tally.unconfirmed += 1
            self.tally.unconfirmed_answers += sent

    def _call(self, kind: str, method: str, path: str, body: bytes = b"") -> Reply | None:
        """One request, tried again after a pause while the server says it is busy or fails."""
        for attempt in range(self.retries + 1):
            if kind == "page" and time.monotonic() >= self.deadline:
                return None
            reply = self._timed(kind, method, path, body)
            if reply is not None and reply.status not in TRY_AGAIN:
                return reply
            if attempt < self.retries:
                self.tally.retries += 1
                time.sleep(0.2 * 2**attempt * (0.5 + self.rng.random()))
        return None

    def _timed(self, kind: str, method: str, path: str, body: bytes) -> Reply | None:
        headers = {**BROWSER, **(FORM_HEADERS if method == "POST" else {})}
        if self.cookie:
            headers["Cookie"] = self.cookie
        started = time.perf_counter()
        try:
            reply = self.wire.request(method, path, headers, body)
        except (OSError, WireError) as error:
            self.tally.errors[f"{kind} {type(error).__name__}"] += 1
            return None
        took = time.perf_counter() - started
        if cookie := reply.headers.get("set-cookie"):
            self.cookie = cookie.split(";", 1)[0]
        if reply.status == EXPECTED[kind]:
            self.tally.record(kind, took)
        else:
            self.tally.errors[f"{kind} {reply.status}"] += 1
        return reply


def _next_page(reply: Reply | None) -> str | None:
    """The path and query a 303 after a saved page points to, None after anything else."""
    if reply is None or reply.status != 303:
        return None
    location = urlsplit(reply.headers.get("location", ""))
    return f"{location.path}?{location.query}" if location.query else location.path
