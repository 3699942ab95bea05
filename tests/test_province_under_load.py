"""A hall's worth of counters at once, in a closed loop: the province keeps answering.

100 simulated counters (bench/province_load.py) read the feed, search, open customers, book
top-ups, suspend and resume their lines and try wrong passwords for 20 s against the real
server on loopback, on SQLite and (with CMS_TEST_POSTGRES_URL) on PostgreSQL. Every request
gets an answer before the counter's timeout; the only 5xx is 503 (busy, with Retry-After);
and the province's books hold exactly the payments the counters believe they booked, and
each line the state its completed orders left it in.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from bench import province_load
from province_api.db import make_engine
from province_api.embedded import EmbeddedServer
from tests.support import servers

COUNTERS = 100
SECONDS = 20


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def private_province(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path
) -> Iterator[str]:
    """A seeded province of this test's own (it adds 100 clerks and their shifts)."""
    if request.param == "sqlite":
        yield servers.copy_sqlite(sqlite_template, tmp_path / "province.db")
        return
    with servers.seeded_postgres() as url:
        yield url


def test_a_hundred_counters_at_once_are_answered_and_booked_exactly_once(
    private_province: str,
) -> None:
    engine = make_engine(private_province)
    world = province_load.prepare(engine, COUNTERS, lines=200)
    server = EmbeddedServer(engine)
    server.start()
    try:
        result = province_load.run(server.url, world, SECONDS)
        health = requests.get(f"{server.url}/health", timeout=5)
    finally:
        server.stop()
    try:
        assert not result.setup_failures, result.setup_failures[:3]
        summary = result.summary()
        kinds = province_load.kinds_table(result.samples)
        assert summary["timeouts"] == 0 and summary["cut"] == 0, (summary, kinds)
        assert not result.unexpected(), (result.unexpected()[:5], kinds)
        served = {s.kind for s in result.in_window() if s.status in (200, 201, 401)}
        assert served == {"feed", "search", "customer", "payment", "order", "wrong_password"}, kinds
        assert health.status_code == 200
        assert province_load.check_exactly_once(engine, world, result) == []
        assert sum(b.settled for b in result.bookings) > COUNTERS  # it did take payments
        assert sum(done for done, _ in result.orders.values()) > COUNTERS / 4  # and orders
    finally:
        engine.dispose()
