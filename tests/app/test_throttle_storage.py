"""Rate-limit buckets in Redis hold keyed hashes of addresses, with a short expiry."""

import os

import pytest

from app import create_app
from tests.conftest import TEST_KEY

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")


@pytest.mark.skipif(not REDIS_URL, reason="TEST_REDIS_URL is not set: Redis check skipped")
def test_redis_buckets_never_hold_the_address(tmp_path):
    import redis

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": TEST_KEY,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite'}",
            "RATELIMIT_STORAGE_URI": REDIS_URL,
            "LINK_FAILURE_LIMIT": "3 per minute",
        }
    )
    from app.extensions import db
    from app.models import Base

    with app.app_context():
        Base.metadata.create_all(db.engine)
    store = redis.Redis.from_url(REDIS_URL)
    store.flushdb()  # TEST_REDIS_URL names a database kept for tests
    client = app.test_client()
    codes = [
        client.get(f"/r/i{'B' * 22}.x{n}", environ_base={"REMOTE_ADDR": "203.0.113.9"}).status_code
        for n in range(4)
    ]
    assert codes == [404, 404, 404, 429]
    keys = [k.decode() for k in store.scan_iter("*")]
    try:
        assert keys, "the limiter wrote its buckets to Redis"
        assert all("203.0.113.9" not in k for k in keys)
        assert all(0 < store.ttl(k) <= 86400 for k in keys)
    finally:
        for key in keys:
            store.delete(key)
