"""The bare-gunicorn ceiling serves exactly the bytes and headers Chorus sent."""

import gzip

from bench import report
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
    _saved(tmp_path, {"content-security-policy": "default-src 'self'", "set-cookie": "s=1"})
    monkeypatch.setenv("BENCH_PAGE_DIR", str(tmp_path))
    app = create()

    status, headers, body = _get(app, "gzip, deflate")
    assert status == "200 OK"
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == b"<p>page</p>"
    assert headers["Content-Length"] == str(len(body))
    assert headers["content-security-policy"] == "default-src 'self'"
    assert "set-cookie" not in headers  # only the headers nginx is given too

    status, headers, body = _get(app)
    assert body == b"<p>page</p>"
    assert "Content-Encoding" not in headers


def test_shares_compare_any_two_servers() -> None:
    rounds = [
        {"compare.chorus.wrk": 100.0, "compare.gunicorn.wrk": 400.0, "compare.nginx.wrk": 1000.0},
        {"compare.chorus.wrk": 120.0, "compare.nginx.wrk": 0.0},
    ]
    assert report._shares(rounds, "wrk") == [10.0]
    assert report._shares(rounds, "wrk", "gunicorn") == [25.0]
    assert report._shares(rounds, "wrk", "nginx", "gunicorn") == [40.0]
    assert report._shares(rounds, "python") == []
