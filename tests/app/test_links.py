"""Handing out links: batches as slips and CSV, withdrawing them, counts, the open link poster."""

import base64
import csv
import io
import re
import time
from datetime import date, timedelta

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import func, select

from app.links import export as export_module
from app.links.printing import batch_csv, formula_safe, qr_data_uri
from app.links.service import MAX_BATCH
from app.models import AuditEvent, Invitation, LinkBatch, OpenLink
from app.respond.visit import definition_of
from forms.respond import options_of
from tests.app.test_respond import answer_all
from tests.helpers import hidden_fields, page_text

QR_IMG = '<img class="chorus-slip__qr" src="data:image/svg+xml;base64,'
LINK_IN_SLIP = re.compile(r'<a href="(http://localhost/r/[^"]+)">localhost/r/([^<]+)</a>')


@pytest.fixture
def survey(make_survey, board):
    return make_survey(board=board)


def links_url(survey) -> str:
    return f"/boards/riverton/surveys/{survey.slug}/links/"


def csrf(client, url: str) -> str:
    return hidden_fields(client.get(url).data)["csrf_token"]


def make_batch(staff, survey, count: str = "30", label: str = "Year 6, Oak School"):
    data = {"csrf_token": csrf(staff, links_url(survey)), "count": count, "label": label}
    return staff.post(f"{links_url(survey)}batches", data=data)


def slip_urls(response) -> list[str]:
    return [url for url, _ in LINK_IN_SLIP.findall(response.get_data(as_text=True))]


def invitations(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Invitation))


def audit_actions(db) -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def answer_survey(client, token: str, survey):
    """Answer every page of any questionnaire, choosing the first option where one is needed."""
    response = None
    for number, page in enumerate(definition_of(survey).sections, 1):
        answers = {q.key: options_of(q)[0][0] for q in page.questions if q.required}
        fields = hidden_fields(client.get(f"/r/{token}?page={number}").data)
        response = client.post(f"/r/{token}?page={number}", data={**fields, **answers})
    return response


def test_batch_of_30_gives_30_slips_and_stores_only_hashes(db, staff, survey):
    response = make_batch(staff, survey)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert invitations(db) == 30
    batch = db.session.scalars(select(LinkBatch)).one()
    assert (batch.size, batch.label, batch.revoked) == (30, "Year 6, Oak School", False)
    assert html.count(QR_IMG) == 30
    urls = slip_urls(response)
    assert len(urls) == len(set(urls)) == 30
    assert html.count("Need help now? Childline 0800 1111") == 30
    assert html.count('<p class="chorus-slip__title">Feeling safe</p>') == 30
    assert "These links are shown only now" in html
    assert response.headers["Cache-Control"] == "no-store"
    hashes = set(db.session.scalars(select(Invitation.nonce_hash)))
    tokens = {url.rsplit("/", 1)[1] for url in urls}
    assert not any(token in hashes or token[1:23] in hashes for token in tokens)
    assert audit_actions(db) == ["links.batch_created"]
    respondent = staff.application.test_client()
    assert respondent.get(urls[0].removeprefix("http://localhost")).status_code == 200


def test_qr_codes_hold_the_printed_url(db, staff, survey):
    response = make_batch(staff, survey, count="1")
    html = response.get_data(as_text=True)
    encoded = html.split(QR_IMG, 1)[1].split('"', 1)[0]
    svg = base64.b64decode(encoded).decode()
    assert svg.startswith("<svg") and "<script" not in svg
    url = slip_urls(response)[0]
    assert qr_data_uri(url) == "data:image/svg+xml;base64," + encoded
    assert qr_data_uri(url + "x") != qr_data_uri(url)


def test_csv_download_has_a_header_and_30_protected_rows(db, staff, survey):
    page = make_batch(staff, survey, label='=HYPERLINK("http://evil.example","x")')
    urls = slip_urls(page)
    fields = hidden_fields(page.data)
    batch = db.session.scalars(select(LinkBatch)).one()
    response = staff.post(f"{links_url(survey)}batches/{batch.id}/csv", data=fields)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "no-store"
    assert (
        f'filename="{survey.slug}-batch-{batch.id}.csv"' in response.headers["Content-Disposition"]
    )
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["link", "batch"]
    assert len(rows) == 31
    assert [row[0] for row in rows[1:]] == urls
    assert {row[1] for row in rows[1:]} == {'\'=HYPERLINK("http://evil.example","x")'}
    assert audit_actions(db) == ["links.batch_created", "links.batch_exported"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\0"])
def test_every_formula_start_is_quoted(start):
    assert formula_safe(f"{start}1+1") == f"'{start}1+1"
    rows = list(csv.reader(io.StringIO(batch_csv([f"{start}cmd|' /C calc'!A0"], f"{start}x"))))
    assert rows[1] == [f"'{start}cmd|' /C calc'!A0", f"'{start}x"]
    assert formula_safe("http://localhost/r/abc") == "http://localhost/r/abc"


def test_csv_download_refuses_a_forged_or_swapped_list(db, staff, survey):
    first = make_batch(staff, survey, count="2")
    second = make_batch(staff, survey, count="2")
    first_batch, second_batch = db.session.scalars(select(LinkBatch).order_by(LinkBatch.id))
    url = f"{links_url(survey)}batches/{second_batch.id}/csv"
    swapped = staff.post(url, data=hidden_fields(first.data))
    assert swapped.status_code == 400
    assert "changed or cut short" in page_text(swapped)
    forged = {**hidden_fields(second.data)}
    forged["sealed"] = forged["sealed"][:-3] + ("AAA" if forged["sealed"][-3:] != "AAA" else "BBB")
    assert staff.post(url, data=forged).status_code == 400
    assert first_batch.id != second_batch.id
    assert "links.batch_exported" not in audit_actions(db)


def test_csv_download_expires_after_an_hour(db, staff, survey, monkeypatch):
    page = make_batch(staff, survey, count="2")
    batch = db.session.scalars(select(LinkBatch)).one()
    later = int(time.time()) + export_module.EXPORT_MAX_AGE + 5
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: later)
    response = staff.post(
        f"{links_url(survey)}batches/{batch.id}/csv", data=hidden_fields(page.data)
    )
    assert response.status_code == 410
    assert "only kept for an hour" in page_text(response)


@pytest.mark.parametrize(
    ("count", "message"),
    [("2001", "At most 2,000 links in one batch"),
     ("1000000", "At most 2,000 links in one batch"),
     ("0", "Make at least 1 link"),
     ("-5", "Make at least 1 link"),
     ("thirty", "Enter how many links as a whole number, like 30"),
     ("", "Enter how many links to make")],
)  # fmt: skip
def test_bad_batch_sizes_are_refused_without_work(db, staff, survey, count, message):
    response = make_batch(staff, survey, count=count)
    assert response.status_code == 422
    assert message in page_text(response)
    assert invitations(db) == 0
    assert db.session.scalar(select(func.count()).select_from(LinkBatch)) == 0
    assert MAX_BATCH == 2000


def test_no_links_for_a_closed_survey(db, staff, make_survey, board):
    closed = make_survey(board=board, status="closed")
    response = make_batch(staff, closed, count="3")
    assert response.status_code == 422
    assert "This survey is closed. Reopen it before making links." in page_text(response)
    assert invitations(db) == 0


def test_revoking_a_batch_asks_first_then_its_links_give_410(db, staff, survey, make_links):
    kept = make_links(survey, 1)[0]
    urls = slip_urls(make_batch(staff, survey, count="3"))
    batch = db.session.scalars(select(LinkBatch).order_by(LinkBatch.id.desc())).first()
    revoke_url = f"{links_url(survey)}batches/{batch.id}/revoke"
    confirm = staff.get(revoke_url)
    assert confirm.status_code == 200
    assert "Of its 3 links, 0 have been used and 3 have not." in page_text(confirm)
    assert staff.get(revoke_url).status_code == 200 and not batch.revoked
    response = staff.post(revoke_url, data={"csrf_token": csrf(staff, revoke_url)})
    assert response.status_code == 303
    db.session.refresh(batch)
    assert batch.revoked
    respondent = staff.application.test_client()
    for url in urls:
        refused = respondent.get(url.removeprefix("http://localhost"))
        assert refused.status_code == 410
        assert "This link has been withdrawn" in page_text(refused)
    assert respondent.get(f"/r/{kept}").status_code == 200
    assert audit_actions(db) == ["links.batch_created", "links.batch_revoked"]
    assert "Withdrawn" in page_text(staff.get(links_url(survey)))


def test_revoked_batch_cannot_be_downloaded(db, staff, survey):
    page = make_batch(staff, survey, count="2")
    batch = db.session.scalars(select(LinkBatch)).one()
    revoke_url = f"{links_url(survey)}batches/{batch.id}/revoke"
    staff.post(revoke_url, data={"csrf_token": csrf(staff, revoke_url)})
    response = staff.post(
        f"{links_url(survey)}batches/{batch.id}/csv", data=hidden_fields(page.data)
    )
    assert response.status_code == 410


def test_counts_per_batch_go_up_after_a_response(db, staff, survey):
    urls = slip_urls(make_batch(staff, survey, count="3"))
    before = page_text(staff.get(links_url(survey)))
    assert re.search(r"numeric\">3</td>\s*<td[^>]*>0</td>\s*<td[^>]*>3</td>", before)
    respondent = staff.application.test_client()
    assert answer_all(respondent, urls[1].removeprefix("http://localhost/r/")).status_code == 200
    after = page_text(staff.get(links_url(survey)))
    assert re.search(r"numeric\">3</td>\s*<td[^>]*>1</td>\s*<td[^>]*>2</td>", after)


def test_open_link_is_made_by_post_and_printed_as_a_poster(db, staff, survey):
    poster_url = f"{links_url(survey)}open"
    first = page_text(staff.get(poster_url))
    assert "This survey has no open link yet." in first
    assert db.session.scalar(select(func.count()).select_from(OpenLink)) == 0
    made = staff.post(poster_url, data={"csrf_token": csrf(staff, poster_url)})
    assert made.status_code == 303
    staff.post(poster_url, data={"csrf_token": csrf(staff, poster_url)})  # a second click
    assert db.session.scalar(select(func.count()).select_from(OpenLink)) == 1
    html = staff.get(poster_url).get_data(as_text=True)
    assert html.count('<img class="chorus-poster__qr" src="data:image/svg+xml;base64,') == 1
    assert "Need help now? Childline 0800 1111" in html
    url = re.search(r'<a href="(http://localhost/r/o[^"]+)">', html).group(1)
    token = url.rsplit("/", 1)[1]
    respondent = staff.application.test_client()
    assert answer_all(respondent, token).status_code == 200
    assert answer_all(respondent, token).status_code == 200
    assert audit_actions(db) == ["links.open_link_created"]
    page = page_text(staff.get(f"/boards/riverton/surveys/{survey.slug}"))
    assert "Through the open link</dt>" in page


def test_the_command_line_still_makes_links(runner, db, survey):
    result = runner.invoke(args=["links", survey.slug, "--count", "3"])
    assert result.exit_code == 0
    assert len(result.output.split()) == 3
    assert invitations(db) == 3
    opened = runner.invoke(args=["links", survey.slug, "--open"])
    assert opened.output.startswith("http://localhost/r/o")


def test_a_library_survey_can_be_answered_from_a_slip(db, staff, make_survey, board):
    from app.questionnaires.definition import parse_definition
    from app.questionnaires.library import library_definition
    from app.questionnaires.yaml_io import definition_to_dict

    data = definition_to_dict(library_definition("feeling-safe-8-12"))
    survey = make_survey(definition=data, board=board, opens_on=date.today() - timedelta(days=1))
    assert parse_definition(survey.version.definition).slug == "feeling-safe-8-12"
    url = slip_urls(make_batch(staff, survey, count="1"))[0]
    thanks = answer_survey(staff.application.test_client(), url.rsplit("/", 1)[1], survey)
    assert thanks.status_code == 200
    assert "Your answers have been sent" in page_text(thanks)
