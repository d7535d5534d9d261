"""deploy/nginx/chorus.conf as shipped, with TLS: HSTS once, static files cached, the busy page."""

import http.client
import ssl
from collections.abc import Iterator
from contextlib import contextmanager

from bench import cluster
from bench.servers import free_port


@contextmanager
def https(upstreams: list[int], folder) -> Iterator[http.client.HTTPSConnection]:  # type: ignore[no-untyped-def]
    """The shipped site with a throw-away certificate in front of these upstream ports."""
    with cluster.front(upstreams, folder, tls=cluster.self_signed(folder)) as port:
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        yield http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)


def fetch(connection: http.client.HTTPSConnection, method: str, path: str, body: bytes = b""):  # type: ignore[no-untyped-def]
    connection.request(method, path, body=body or None)
    reply = connection.getresponse()
    return reply, reply.read()


def test_tls_site_sends_hsts_once_caches_static_files_and_hides_metrics(region, tmp_path):
    with https([n.port for n in region.nodes], tmp_path) as connection:
        page, _ = fetch(connection, "GET", "/")
        assert page.status == 200
        assert page.headers.get_all("Strict-Transport-Security") == [
            "max-age=31536000; includeSubDomains"
        ]
        css, body = fetch(connection, "GET", "/static/build/chorus.css")
        assert css.status == 200 and b"govuk" in body
        assert "max-age=31536000" in css.headers["Cache-Control"]
        assert fetch(connection, "GET", "/metrics")[0].status == 404
        large, _ = fetch(connection, "POST", "/login", b"x" * (3 * 1024 * 1024))
        assert large.status == 413


def test_every_node_down_gives_the_friendly_busy_page(tmp_path):
    with https([free_port(), free_port()], tmp_path) as connection:
        reply, body = fetch(connection, "GET", "/r/some-link")
    assert reply.status == 503 and reply.headers["Retry-After"] == "10"
    assert b"Chorus is busy" in body and b"0800 1111" in body
