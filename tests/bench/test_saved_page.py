"""The ceilings serve exactly the bytes Chorus sent, with the page's own headers."""

import gzip

from bench import report, servers
from bench.saved_page import create


def _saved(root, headers: dict[str, str]) -> None:
    (root / "page.html").write_bytes(b"<p>page</p>")
    (root / "page.html.gz").write_bytes(gzip.compress(b"<p>page</p>"))
    report.write_headers(root / "headers.txt", headers)


def _get(app, accept: str = "") -> tuple[str, dict[str, str], bytes]:
    seen: dict[str, object] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        seen.update(status=status, headers=dict(headers))

    body = b"".join(app({"HTTP_ACCEPT_ENCODING": accept}, start_response))
    return str(seen["status"]), seen["headers"], body  # type: ignore[return-value]


def test_it_sends_the_saved_page_gzipped_only_when_asked(tmp_path, monkeypatch) -> None:
    _saved(tmp_path, {"content-security-policy": "default-src 'self'"})
    monkeypatch.setenv("BENCH_PAGE_DIR", str(tmp_path))
    app = create()

    status, headers, body = _get(app, "gzip, deflate")
    assert status == "200 OK"
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == b"<p>page</p>"
    assert headers["Content-Length"] == str(len(body))
    assert headers["content-security-policy"] == "default-src 'self'"

    status, headers, body = _get(app)
    assert body == b"<p>page</p>"
    assert "Content-Encoding" not in headers


def test_only_the_pages_own_headers_are_saved_for_the_ceilings() -> None:
    sent = {
        "content-security-policy": "default-src 'self'",
        "cache-control": "no-store",
        "set-cookie": "__Host-chorus=abc",
        "date": "Thu, 26 Nov 2026 10:00:00 GMT",
        "content-length": "2225",
    }
    assert servers.copied_headers(sent) == {
        "content-security-policy": "default-src 'self'",
        "cache-control": "no-store",
    }


def test_shares_compare_any_two_servers() -> None:
    rounds = [
        {"compare.chorus.wrk": 100.0, "compare.gunicorn.wrk": 400.0, "compare.nginx.wrk": 1000.0},
        {"compare.chorus.wrk": 120.0, "compare.nginx.wrk": 0.0},
    ]
    assert report._shares(rounds, "wrk") == [10.0]
    assert report._shares(rounds, "wrk", "gunicorn") == [25.0]
    assert report._shares(rounds, "wrk", "nginx", "gunicorn") == [40.0]
    assert report._shares(rounds, "python") == []
