"""Fixtures shared by the staff-page tests: a board, its manager, and their signed-in client."""

import pytest


@pytest.fixture
def board(make_board):  # type: ignore[no-untyped-def]
    return make_board("riverton")


@pytest.fixture
def manager(make_user, board):  # type: ignore[no-untyped-def]
    return make_user("manager@riverton.example", "manager", board)


@pytest.fixture
def staff(staff_client, manager):  # type: ignore[no-untyped-def]
    return staff_client(manager)


@pytest.fixture
def riverton(board):  # type: ignore[no-untyped-def]
    """The same board, by its name, for the account tests."""
    return board


@pytest.fixture
def admin(make_user):  # type: ignore[no-untyped-def]
    return make_user("admin@chorus.example", "admin")


@pytest.fixture
def admin_client(staff_client, admin):  # type: ignore[no-untyped-def]
    return staff_client(admin)
