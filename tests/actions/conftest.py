"""Fixtures for "you said, we did": two boards with managers, surveys, and an action maker."""

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app.models import AuditEvent
from tests.app.test_concurrency import ONE_PAGE
from tests.helpers import hidden_fields
from tests.panel.conftest import add_member  # noqa: F401  (the panel's member maker)

TODAY = date.today()
CHILD_ONE_PAGE: dict[str, Any] = {
    "slug": "how-safe",
    "title": "How safe",
    "audience": "child",
    "age_range": "8-12",
    "version": 1,
    "summary": "One page for children",
    "intro": "Tell us how you feel.",
    "sections": [
        {
            "title": "Feeling safe",
            "questions": [
                {
                    "key": "safe_school",
                    "type": "faces",
                    "text": "How safe do you feel at school?",
                    "required": True,
                },
            ],
        }
    ],
}
FOR_CHILDREN = "You said the bus station feels scary at night. Now the police walk there."
FIELDS = {
    "theme": "",
    "you_said": "Children said the bus station feels unsafe after dark.",
    "we_did": "The police now patrol the bus station on Friday evenings.",
    "for_children": FOR_CHILDREN,
    "acted_on": TODAY.isoformat(),
    "status": "planned",
}


@pytest.fixture
def riverton(make_board):  # type: ignore[no-untyped-def]
    return make_board("riverton")


@pytest.fixture
def hillford(make_board):  # type: ignore[no-untyped-def]
    return make_board("hillford")


@pytest.fixture
def manager(make_user, staff_client, riverton):  # type: ignore[no-untyped-def]
    return staff_client(make_user("manager@riverton.example", "manager", riverton))


@pytest.fixture
def closed_survey(make_survey, riverton):  # type: ignore[no-untyped-def]
    """Riverton's children's survey that closed ten days ago."""
    return make_survey(
        CHILD_ONE_PAGE,
        board=riverton,
        status="closed",
        opens_on=TODAY - timedelta(days=40),
        closes_on=TODAY - timedelta(days=10),
    )


@pytest.fixture
def child_survey(make_survey, riverton):  # type: ignore[no-untyped-def]
    """A later children's survey of Riverton, open now."""
    return make_survey(CHILD_ONE_PAGE, board=riverton)


@pytest.fixture
def staff_survey(make_survey, riverton):  # type: ignore[no-untyped-def]
    """A later practitioners' survey of Riverton, open now."""
    return make_survey(ONE_PAGE, board=riverton)


def post_action(client, board: str = "riverton", url: str = "new", **fields: Any):  # type: ignore[no-untyped-def]
    """Post the action form as a browser would, after opening it."""
    page = client.get(f"/boards/{board}/actions/{url}")
    return client.post(
        f"/boards/{board}/actions/{url}", data={**hidden_fields(page.data), **FIELDS, **fields}
    )


def post_status(client, action_id: int, status: str, board: str = "riverton"):  # type: ignore[no-untyped-def]
    page = client.get(f"/boards/{board}/actions")
    return client.post(
        f"/boards/{board}/actions/{action_id}/status",
        data={"csrf_token": hidden_fields(page.data).get("csrf_token", ""), "status": status},
    )


def audit_actions(db) -> list[str]:  # type: ignore[no-untyped-def]
    query = select(AuditEvent.action).where(AuditEvent.action.startswith("action."))
    return list(db.session.scalars(query.order_by(AuditEvent.id)))
