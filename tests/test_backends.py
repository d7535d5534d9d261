"""Which databases this run covers; the skip says why PostgreSQL was left out."""

import pytest
from sqlalchemy import text

from tests.conftest import POSTGRES_URL


@pytest.mark.skipif(not POSTGRES_URL, reason="TEST_DATABASE_URL is not set: PostgreSQL run skipped")
def test_postgresql_is_reachable_for_the_postgresql_run() -> None:
    from sqlalchemy import create_engine

    from app.config import normalise_db_url

    engine = create_engine(normalise_db_url(POSTGRES_URL))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar() == 1
    engine.dispose()
