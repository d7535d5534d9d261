"""Faults under load through nginx: a node killed, Redis stopped; nothing lost or doubled.

The short versions of ``bench.chaos``: a few respondents for a few seconds, and only a
generous bound on recovery (this machine is shared); the full run prints the figures.
"""

import threading
import time
from collections.abc import Callable
from urllib.parse import urlencode

from bench import driver, seed
from bench.respondent import BROWSER, FORM_HEADERS
from bench.stats import Tally
from bench.wire import WireError
from tests.helpers import hidden_fields
from tests.ops.conftest import PASSWORD, STAFF

ONE_PAGE = "touchstones-quick-check"
RECOVERS_WITHIN = 60.0  # seconds: generous, as the machine is shared


def under_load(region, fault: Callable[[], None], seconds: float = 8.0) -> Tally:  # type: ignore[no-untyped-def]
    """Respondents through nginx for `seconds`, the fault two seconds in; their tally."""
    links = [(region.tokens[ONE_PAGE].pop(), ONE_PAGE) for _ in range(40)]
    plan = driver.Plan(region.port, 4, seconds, 1, links=links, retries=6, timeout=15)
    tallies: list[Tally] = []
    load = threading.Thread(target=lambda: tallies.append(driver.run(plan)))
    load.start()
    time.sleep(4)  # the client process starts, then two seconds of load
    fault()
    load.join()
    return tallies[0]


def assert_nothing_lost_or_doubled(tally: Tally, stored: seed.Stored) -> None:
    accepted = tally.accepted.total()
    assert accepted > 0
    assert accepted <= stored.responses <= accepted + tally.unconfirmed
    assert stored.used_links == stored.responses


def answers_again(region) -> bool:  # type: ignore[no-untyped-def]
    give_up = time.monotonic() + RECOVERS_WITHIN
    while time.monotonic() < give_up:
        try:
            if region.wire().request("GET", "/healthz").status == 200:
                return True
        except (OSError, WireError):
            pass
        time.sleep(0.2)
    return False


def test_a_node_killed_mid_load_loses_nothing_and_comes_back(region):
    before = seed.count_stored(region.database_url, region.key)
    node = region.nodes[0]

    def kill_and_restart() -> None:
        node.kill()
        time.sleep(1)
        node.start(wait=RECOVERS_WITHIN)

    tally = under_load(region, kill_and_restart)
    assert_nothing_lost_or_doubled(
        tally, seed.count_stored(region.database_url, region.key) - before
    )
    assert answers_again(region)
    assert region.metric(node, "chorus_database_up") == 1.0  # the restarted node serves again


def test_redis_stopped_mid_load_loses_nothing_and_sign_in_still_works(region):
    before = seed.count_stored(region.database_url, region.key)
    seen: dict[str, int] = {}

    def stop_use_and_start() -> None:
        region.redis.stop()
        seen["bad link"] = region.wire().request("GET", "/r/not-a-real-link").status
        seen["sign in"] = _sign_in(region)
        region.redis.start()

    tally = under_load(region, stop_use_and_start)
    assert_nothing_lost_or_doubled(
        tally, seed.count_stored(region.database_url, region.key) - before
    )
    assert seen == {"bad link": 404, "sign in": 302}  # counted per process meanwhile, no failure
    assert answers_again(region)


def _sign_in(region) -> int:  # type: ignore[no-untyped-def]
    wire = region.wire()
    page = wire.request("GET", "/login", BROWSER)
    cookie = page.headers["set-cookie"].split(";", 1)[0]
    fields = {**hidden_fields(page.text()), "email": STAFF, "password": PASSWORD}
    headers = {**BROWSER, **FORM_HEADERS, "Cookie": cookie}
    return wire.request("POST", "/login", headers, urlencode(fields).encode()).status
