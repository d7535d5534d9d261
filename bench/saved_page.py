"""The saved page as a bare WSGI app: gunicorn's own ceiling for these bytes.

gunicorn loads it as ``bench.saved_page:create()`` with BENCH_PAGE_DIR naming the folder
``load.save_page`` wrote. It answers every request with the page, gzipped when asked, and
the page's own headers as Chorus sent them, doing nothing else: what is left between it
and nginx is the cost of gunicorn's sync workers; what is left between Chorus and it is
Chorus's own.
"""

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bench.report import read_headers

StartResponse = Callable[[str, list[tuple[str, str]]], Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def create() -> WsgiApp:
    root = Path(os.environ["BENCH_PAGE_DIR"])
    plain = (root / "page.html").read_bytes()
    zipped = root / "page.html.gz"
    gzipped = zipped.read_bytes() if zipped.exists() else None
    saved = read_headers(root / "headers.txt")
    headers = [("Content-Type", "text/html; charset=utf-8"), *saved.items()]

    def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if gzipped is not None and "gzip" in environ.get("HTTP_ACCEPT_ENCODING", ""):
            body, extra = gzipped, [("Content-Encoding", "gzip")]
        else:
            body, extra = plain, []
        start_response("200 OK", [*headers, *extra, ("Content-Length", str(len(body)))])
        return [body]

    return app
