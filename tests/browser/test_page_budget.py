"""A respondent page on first load: few requests, few bytes, one host, safe headers, no traces."""

from collections.abc import Callable

from playwright.sync_api import Page, Request, expect

from tests.browser.conftest import Live

MAX_REQUESTS = 4
MAX_BYTES = 60 * 1024


def directives(policy: str) -> dict[str, list[str]]:
    """A Content-Security-Policy as {directive: [sources]}."""
    parsed = {}
    for part in policy.split(";"):
        if words := part.split():
            parsed[words[0].lower()] = words[1:]
    return parsed


def transferred(request: Request) -> int:
    """Bytes of a response as sent: headers plus the body still compressed."""
    sizes = request.sizes()
    return int(sizes["responseHeadersSize"]) + int(sizes["responseBodySize"])


def test_first_load_is_small_local_and_leaves_nothing_behind(
    live: Live, new_page: Callable[..., Page]
) -> None:
    page = new_page()
    requests: list[Request] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    link = live.links(live.survey("child"))[0]

    document = page.goto(link)
    page.wait_for_load_state("networkidle")

    assert document is not None and document.status == 200
    network = [r for r in requests if not r.url.startswith("data:")]
    assert all(r.url.startswith(live.origin + "/") for r in network), [r.url for r in network]
    assert len(network) <= MAX_REQUESTS, [r.url for r in network]
    # Named by type and file, never by URL: a respondent URL holds the link's token.
    sizes = {f"{r.resource_type} {r.url.split('?')[0].rsplit('/', 1)[-1][-14:]}": transferred(r)
             for r in network if r.resource_type != "document"}  # fmt: skip
    sizes["document"] = transferred(document.request)
    assert sum(sizes.values()) <= MAX_BYTES, sizes
    for request in network:
        response = request.response()
        assert response is not None and response.status == 200, request.url
        assert response.headers.get("content-encoding") == "gzip", request.url
    print(f"first load: {len(network)} requests, {sum(sizes.values()):,} bytes {sizes}")

    headers = document.headers
    policy = directives(headers["content-security-policy"])
    assert "'unsafe-inline'" not in policy.get("script-src", policy["default-src"])
    assert "'unsafe-eval'" not in policy.get("script-src", policy["default-src"])
    assert policy["object-src"] == ["'none'"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers.get("x-frame-options") == "DENY" or policy["frame-ancestors"] == ["'none'"]
    permissions = headers["permissions-policy"].replace(" ", "").split(",")
    assert {"geolocation=()", "camera=()", "microphone=()"} <= set(permissions)
    assert headers["cache-control"] == "no-store"

    page.get_by_role("group", name="How safe do you feel at home?").get_by_label("Okay").tap()
    page.get_by_role("button", name="Continue").tap()
    expect(page.locator(".chorus-progress")).to_contain_text("Part 2 of 4")
    stored = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""]  # the session cookie is HttpOnly: no script can read it
    assert problems == []
