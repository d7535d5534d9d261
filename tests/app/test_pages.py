"""Public pages, error pages and the headers every response carries."""

import pytest

from tests.helpers import page_text


@pytest.mark.parametrize("path", ["/", "/help", "/privacy", "/accessibility", "/nowhere"])
def test_security_headers_on_every_page(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "object-src 'none'" in csp and "base-uri 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    permissions = response.headers["Permissions-Policy"]
    assert all(f"{f}=()" in permissions for f in ("geolocation", "camera", "microphone"))


def test_hsts_over_https(client):
    response = client.get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.parametrize("path", ["/", "/help", "/privacy", "/accessibility", "/nowhere"])
def test_every_page_shows_where_to_get_help(client, path):
    text = page_text(client.get(path))
    assert "Get help now" in text


def test_help_page_lists_childline_and_999(client):
    text = page_text(client.get("/help"))
    assert "0800 1111" in text and "999" in text


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert "Page not found" in page_text(response)
    assert "Traceback" not in page_text(response)


def test_wrong_method_is_a_friendly_405(client):
    response = client.post("/help")
    assert response.status_code in (400, 405)  # CSRF is checked before routing on POST
    assert "<h1" in response.get_data(as_text=True)


def test_unexpected_error_is_a_generic_500(app, client):
    @app.get("/explode")
    def explode() -> str:
        raise RuntimeError("secret detail with an answer in it")

    response = client.get("/explode")
    assert response.status_code == 500
    assert "secret detail" not in response.get_data(as_text=True)
    assert "Sorry, something went wrong" in page_text(response)


def test_static_css_is_served_compressed_and_cached(client):
    import re

    html = client.get("/").get_data(as_text=True)
    href = re.search(r'href="(/static/build/chorus\.css\?v=[0-9a-f]+)"', html)
    assert href, "stylesheet link with a content hash"
    response = client.get(href.group(1), headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") == "gzip"
    assert "max-age=31536000" in response.headers["Cache-Control"]


@pytest.mark.parametrize("failure", ["pool", "operational"])
def test_database_overload_is_a_busy_page_not_a_failure(app, client, failure):
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    @app.route("/busy", methods=["GET", "POST"])
    def busy() -> str:
        if failure == "pool":
            raise PoolTimeout("QueuePool limit reached")
        raise OperationalError("SELECT 1", {}, Exception("too many clients"))

    response = client.get("/busy")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "Chorus is busy" in page_text(response)
