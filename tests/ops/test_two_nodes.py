"""Through nginx, two nodes act as one Chorus: nothing lost or doubled; limits, sessions shared."""

import subprocess
import sys
import threading
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import func, select

from app import ROOT
from app.extensions import db
from app.mail import Mail, queue
from app.models import Answer, OutboxMessage, Response
from app.security.personal import sealer
from bench.respondent import BROWSER, FORM_HEADERS, THANKS, Respondent, answers_for, read_form
from bench.stats import Tally
from tests.helpers import hidden_fields
from tests.ops.conftest import PASSWORD, STAFF

ONE_PAGE, FOUR_PAGES = "touchstones-quick-check", "feeling-safe-8-12"
POSTED = "chorus_http_requests_total"


def stored(region) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    app = region.app()
    with app.app_context():
        counted = (db.session.scalar(select(func.count()).select_from(Response)) or 0,
                   db.session.scalar(select(func.count()).select_from(Answer)) or 0)  # fmt: skip
        db.engine.dispose()
    return counted


def test_a_respondent_moving_between_nodes_mid_questionnaire_loses_nothing(region):
    served = {n.name: region.metric(n, POSTED, route="/r/<token>") for n in region.nodes}
    responses, answers = stored(region)
    tally = Tally()
    respondent = Respondent(region.wire(), tally, deadline=float("inf"), retries=0, seed=1)
    links = [region.tokens[FOUR_PAGES].pop() for _ in range(4)]
    for token in links:
        respondent.answer(token, FOUR_PAGES)  # eight requests, taken by the nodes in turn
    assert tally.accepted[FOUR_PAGES] == 4 and not tally.errors and not tally.unconfirmed
    assert stored(region) == (responses + 4, answers + tally.answers)
    # nginx hands the nodes requests in turn: each questionnaire's pages went to both.
    for node in region.nodes:
        assert region.metric(node, POSTED, route="/r/<token>") - served[node.name] >= 16
    logs = "".join(node.log.read_text() for node in region.nodes)
    assert '"route": "/r/<token>"' in logs and not any(token in logs for token in links)


def test_a_single_use_link_raced_on_both_nodes_is_stored_once(region):
    responses, _ = stored(region)
    links = [region.tokens[ONE_PAGE].pop() for _ in range(8)]
    thanked = []
    for token in links:
        browsers = [_opened(region, token) for _ in range(2)]
        barrier, replies = threading.Barrier(2), []

        def send(
            browser: tuple, barrier: threading.Barrier = barrier, replies: list = replies
        ) -> None:
            wire, cookie, form, body = browser
            headers = {**BROWSER, **FORM_HEADERS, "Cookie": cookie}
            barrier.wait()
            replies.append(wire.request("POST", form.action, headers, body))

        threads = [threading.Thread(target=send, args=(b,)) for b in browsers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        thanked.append(sum(r.status == 200 and THANKS in r.text() for r in replies))
        assert all(r.status < 500 for r in replies)
    assert thanked == [1] * len(links)
    assert stored(region)[0] == responses + len(links)


def _opened(region, token: str) -> tuple:  # type: ignore[no-untyped-def]
    """A browser that opened the link: its connection, cookie, form and filled-in answers."""
    wire = region.wire()
    page = wire.request("GET", f"/r/{token}", BROWSER)
    form = read_form(page.text())
    assert form is not None
    import random

    body = urlencode([*form.hidden, *answers_for(form, random.Random(token))]).encode()
    return wire, page.headers.get("set-cookie", "").split(";", 1)[0], form, body


def test_rate_limits_are_shared_by_every_process_of_both_nodes(region):
    region.redis.flush()
    statuses = []
    for n in range(26):
        # nginx replaces whatever a client claims to be with the address it sees.
        spoofed = {"X-Forwarded-For": f"198.51.100.{n}"}
        statuses.append(region.wire().request("GET", f"/r/not-a-real-token-{n}", spoofed).status)
    assert statuses[:20] == [404] * 20  # LINK_FAILURE_LIMIT: 20 a minute for one client
    assert statuses[20:] == [429] * 6  # across 4 processes on 2 nodes: counted once, in Redis
    for node in region.nodes:
        assert region.metric(node, POSTED, route="/r/<token>", status="404") > 0


def test_a_staff_session_works_on_either_node(region):
    wire = region.wire()
    login = wire.request("GET", "/login", BROWSER)
    cookie = login.headers["set-cookie"].split(";", 1)[0]
    fields = {**hidden_fields(login.text()), "email": STAFF, "password": PASSWORD}
    headers = {**BROWSER, **FORM_HEADERS, "Cookie": cookie}
    signed_in = wire.request("POST", "/login", headers, urlencode(fields).encode())
    assert signed_in.status == 302, signed_in.text()[:500]
    cookie = signed_in.headers["set-cookie"].split(";", 1)[0]
    before = {n.name: region.metric(n, POSTED, route="/boards/<board_slug>", status="200")
              for n in region.nodes}  # fmt: skip
    pages = [wire.request("GET", "/boards/bench", {**BROWSER, "Cookie": cookie}) for _ in range(6)]
    assert [p.status for p in pages] == [200] * 6
    assert all(b"Benchmark Partnership" in p.text() for p in pages)
    for node in region.nodes:
        assert (
            region.metric(node, POSTED, route="/boards/<board_slug>", status="200")
            > before[node.name]
        )


def test_send_mail_on_both_nodes_at_once_never_sends_a_message_twice(region, tmp_path: Path):
    app = region.app()
    with app.app_context():
        for n in range(60):
            mail = Mail(kind="test", to=f"person{n}@example.org", subject=f"Message {n}",
                        text="Hello", html="<p>Hello</p>")  # fmt: skip
            queue(db.session, sealer(app), mail)
        db.session.commit()
        db.engine.dispose()
    outboxes = [tmp_path / "node0", tmp_path / "node1"]
    senders = [
        subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "send-mail"], cwd=ROOT,
                         env={**region.nodes[0].env, "CHORUS_OUTBOX": str(box),
                              "CHORUS_PROCESSES": "1"},
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for box in outboxes
    ]  # fmt: skip
    outputs = [sender.communicate(timeout=120) for sender in senders]
    assert all(sender.returncode == 0 for sender in senders), outputs
    files = [path for box in outboxes for path in box.glob("*.eml")]
    ids = [BytesParser().parsebytes(path.read_bytes())["Message-ID"] for path in files]
    subjects = [BytesParser().parsebytes(path.read_bytes())["Subject"] for path in files]
    assert len(files) == 60 and len(set(ids)) == 60 and len(set(subjects)) == 60
    with app.app_context():
        waiting = (
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.sent_at.is_(None))
        )
        assert db.session.scalar(waiting) == 0
        db.engine.dispose()
