"""/metrics: Prometheus text for permitted addresses only, labelled by route pattern."""

from datetime import UTC, date, datetime, timedelta

import pytest
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample
from sqlalchemy import select

from app import create_app
from app.mail import Mail, queue
from app.metrics.access import BadMetricsAddress, allowed, networks
from app.metrics.queues import QUEUES, age_seconds
from app.models import Flag
from app.security.personal import sealer
from tests.conftest import TEST_KEY
from tests.helpers import hidden_fields

PAGE_ONE = {"safe_school": "4", "adults_listen": "5", "know_who": "yes"}
PAGE_TWO = {"places": ["home"], "score": "7", "age": "11-12", "safer": "More lights"}


def scrape(client, address: str = "127.0.0.1") -> list[Sample]:  # type: ignore[no-untyped-def]
    """Every sample /metrics gives, parsed as Prometheus would."""
    reply = client.get("/metrics", environ_base={"REMOTE_ADDR": address})
    assert reply.status_code == 200
    assert reply.headers["Content-Type"].startswith("text/plain; version=")
    families = text_string_to_metric_families(reply.get_data(as_text=True))
    return [sample for family in families for sample in family.samples]


def value(samples: list[Sample], name: str, **labels: str) -> float:
    """The sum of the samples of that name whose labels include these."""
    return sum(s.value for s in samples if s.name == name and labels.items() <= s.labels.items())


def answer_all(client, token: str) -> None:  # type: ignore[no-untyped-def]
    for page, answers in ((1, PAGE_ONE), (2, PAGE_TWO)):
        fields = hidden_fields(client.get(f"/r/{token}?page={page}").data)
        client.post(f"/r/{token}?page={page}", data={**fields, **answers})


def test_local_address_reads_metrics_and_others_get_not_found(client):
    assert value(scrape(client), "chorus_database_up") == 1.0
    assert scrape(client, "::1")
    for outsider in ("203.0.113.9", "10.0.0.5", "127.0.0.2"):
        reply = client.get("/metrics", environ_base={"REMOTE_ADDR": outsider})
        assert reply.status_code == 404
        assert b"chorus_" not in reply.data


def test_configured_networks_replace_the_default(app, monkeypatch):
    monkeypatch.setenv("CHORUS_METRICS_FROM", "10.0.0.0/8, 192.0.2.7")
    configured = create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                             "SECRET_KEY": TEST_KEY})  # fmt: skip
    with configured.test_client() as client:
        assert client.get("/metrics", environ_base={"REMOTE_ADDR": "10.9.8.7"}).status_code == 200
        assert client.get("/metrics", environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 200
        assert client.get("/metrics", environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code == 404
    configured.extensions["sqlalchemy"].engines[None].dispose()


def test_a_bad_address_refuses_to_start(app, monkeypatch):
    monkeypatch.setenv("CHORUS_METRICS_FROM", "127.0.0.1,prometheus.internal")
    with pytest.raises(BadMetricsAddress, match=r"'prometheus\.internal' is not an address"):
        create_app({"SECRET_KEY": TEST_KEY})


def test_behind_a_proxy_the_forwarded_client_address_decides(app):
    proxied = create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                          "SECRET_KEY": TEST_KEY, "TRUSTED_PROXIES": 1})  # fmt: skip
    with proxied.test_client() as client:
        # nginx on the same machine connects from 127.0.0.1 for a visitor from outside.
        outside = {"X-Forwarded-For": "203.0.113.9"}
        assert client.get("/metrics", headers=outside).status_code == 404
        assert client.get("/metrics", headers={"X-Forwarded-For": "127.0.0.1"}).status_code == 200
    proxied.extensions["sqlalchemy"].engines[None].dispose()


def test_requests_are_counted_by_route_pattern_never_by_url(client, make_survey, make_links):
    token = make_links(make_survey())[0]
    before = scrape(client)
    answer_all(client, token)
    client.get("/no/such/page/secret-path")
    after = scrape(client)
    text = client.get("/metrics").get_data(as_text=True)
    assert token not in text and "secret-path" not in text

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    route = "/r/<token>"
    assert grew("chorus_http_requests_total", method="GET", route=route, status="200") == 2
    assert grew("chorus_http_requests_total", method="POST", route=route, status="303") == 1
    assert grew("chorus_http_requests_total", method="POST", route=route, status="200") == 1
    assert grew("chorus_http_requests_total", route="<unmatched>", status="404") == 1
    assert grew("chorus_http_request_duration_seconds_count", route=route) == 4
    assert grew("chorus_http_request_duration_seconds_sum", route=route) > 0


def test_responses_stored_counts_each_response_once(client, make_survey, make_links):
    token = make_links(make_survey())[0]
    before = REGISTRY.get_sample_value("chorus_responses_stored_total") or 0.0
    answer_all(client, token)
    answer_all(client, token)  # the link is spent: nothing more is stored
    assert REGISTRY.get_sample_value("chorus_responses_stored_total") == before + 1
    assert value(scrape(client), "chorus_responses_stored_total") == before + 1


def test_oldest_unsent_mail_is_its_age_and_sent_mail_is_not_waiting(app, client, db):
    assert value(scrape(client), "chorus_mail_unsent_oldest_age_seconds") == 0.0
    mail = Mail(kind="test", to="someone@example.org", subject="Hello", text="Hi", html="<p>Hi</p>")
    old = queue(db.session, sealer(app), mail)
    old.created_at = datetime.now(UTC) - timedelta(hours=2)
    sent = queue(db.session, sealer(app), mail)
    sent.created_at = datetime.now(UTC) - timedelta(days=3)
    sent.sent_at = datetime.now(UTC)
    db.session.commit()
    age = value(scrape(client), "chorus_mail_unsent_oldest_age_seconds")
    assert 7190 < age < 7300


def test_every_queue_gauge_is_exported(client):
    names = {sample.name for sample in scrape(client)}
    assert {f"chorus_{found.name}_oldest_age_seconds" for found in QUEUES} <= names


def test_ages_count_days_from_their_start_and_naive_times_as_utc():
    now = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    assert age_seconds(None, now) == 0.0
    assert age_seconds(now.date() - timedelta(days=1), now) == 36 * 3600
    assert age_seconds(datetime(2026, 11, 29, 11, 0), now) == 3600
    assert age_seconds(now + timedelta(minutes=1), now) == 0.0


def test_address_lists_parse_addresses_and_networks():
    permitted = networks("127.0.0.1, ::1,10.1.0.0/16,")
    assert allowed("10.1.200.3", permitted) and allowed("::1", permitted)
    assert not allowed("10.2.0.1", permitted)
    assert not allowed(None, permitted) and not allowed("not-an-address", permitted)


def test_oldest_unreviewed_flag_is_its_age_until_a_reviewer_records_an_outcome(
    client, db, make_survey, make_links
):
    gauge = "chorus_safeguarding_unreviewed_oldest_age_seconds"
    assert value(scrape(client), gauge) == 0.0
    token = make_links(make_survey())[0]
    for page, answers in (
        (1, PAGE_ONE),
        (2, {**PAGE_TWO, "safer": "my dad hits me when he drinks"}),
    ):
        fields = hidden_fields(client.get(f"/r/{token}?page={page}").data)
        client.post(f"/r/{token}?page={page}", data={**fields, **answers})
    flag = db.session.scalars(select(Flag)).one()
    flag.flagged_on = date.today() - timedelta(days=2)
    db.session.commit()
    assert 2 * 86400 <= value(scrape(client), gauge) < 3 * 86400
    flag.outcome, flag.note = "no_concern", "Read"
    db.session.commit()
    assert value(scrape(client), gauge) == 0.0
