"""The counter's sync engine against the real province server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.api_client import ApiClient, OfflineError
from counter_app.sync.engine import Progress, SyncEngine
from local_cache import sync_store
from local_cache.db import Cache
from province_api import changes
from province_api.embedded import EmbeddedServer
from province_api.models import Number
from tests.test_server_api import API, token


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    c = Cache(tmp_path / "cache.db")
    yield c
    c.close()


def schema_objects(cache: Cache) -> set[tuple[str, str]]:
    with cache.read() as conn:
        return {
            (kind, name)
            for kind, name in conn.exec_driver_sql(
                "SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger')"
            )
        }


def engine_for(server: EmbeddedServer, cache: Cache, page_size: int = 500) -> SyncEngine:
    return SyncEngine(ApiClient(server.url, token(server)), cache, page_size=page_size)


def server_counts(server: EmbeddedServer, tok: str) -> dict:
    return requests.get(
        f"{server.url}{API}/sync/counts", timeout=10, headers={"Authorization": f"Bearer {tok}"}
    ).json()


def test_bootstrap_fills_the_cache(province: EmbeddedServer, cache: Cache) -> None:
    engine = engine_for(province, cache)
    seen: list[Progress] = []
    result = engine.pull(seen.append)
    assert result.bootstrap and result.pages > 1 and result.repulled == {}
    head = server_counts(province, engine.api.token or "")
    assert sync_store.local_counts(cache) == head["counts"]
    assert sync_store.get_cursor(cache) == head["as_of"] == result.cursor
    assert seen[-1].percent == 100 and seen[-1].rows == result.rows
    assert schema_objects(cache) == schema_objects(Cache(cache.path.with_name("fresh.db")))
    assert [p.percent for p in seen] == sorted(p.percent for p in seen)
    again = engine.pull()
    assert not again.bootstrap and again.rows == 0


def test_a_server_change_arrives_by_the_next_pull(
    sqlite_province: EmbeddedServer, cache: Cache
) -> None:
    engine = engine_for(sqlite_province, cache)
    engine.pull()
    auth = {"Authorization": f"Bearer {engine.api.token}"}
    with cache.read() as conn:
        cid, version = conn.exec_driver_sql(
            "SELECT id, version FROM customer ORDER BY customer_no LIMIT 1"
        ).one()
    answer = requests.patch(
        f"{sqlite_province.url}{API}/customers/{cid}",
        timeout=10,
        headers={**auth, "If-Match": str(version)},
        json={"name": "欧阳娜娜", "address": "新地址"},
    )
    assert answer.status_code == 200, answer.text
    result = engine.pull()
    assert result.rows == 1 and not result.bootstrap
    with cache.read() as conn:
        row = conn.exec_driver_sql(
            "SELECT name, address, version, name_initials FROM customer WHERE id = ?", (cid,)
        ).one()
    assert tuple(row) == ("欧阳娜娜", "新地址", version + 1, "oynn")
    # The search index follows the change (its triggers are back after the bootstrap).
    from counter_app.customers import search_customers

    assert cid in [h.customer_id for h in search_customers(cache, "阳娜").hits]


def test_tombstones_delete_locally(sqlite_province: EmbeddedServer, cache: Cache) -> None:
    engine = engine_for(sqlite_province, cache)
    engine.pull()
    staff = requests.get(
        f"{sqlite_province.url}{API}/auth/me",
        timeout=10,
        headers={"Authorization": f"Bearer {engine.api.token}"},
    ).json()
    assert staff["hall_code"] == "H001"
    with Session(sqlite_province.app.state.engine) as s, s.begin():
        with cache.read() as conn:
            number_id = conn.exec_driver_sql("SELECT id FROM number LIMIT 1").scalar_one()
        number = s.scalar(select(Number).where(Number.id == number_id))
        assert number is not None
        s.delete(number)
        changes.record(
            s,
            "number",
            [changes.ChangedRow(number.id, number.version + 1, number.hall_id)],
            op="delete",
        )
    assert engine.pull().rows == 1
    with cache.read() as conn:
        assert (
            conn.exec_driver_sql(
                "SELECT count(*) FROM number WHERE id = ?", (number_id,)
            ).scalar_one()
            == 0
        )


def test_a_pull_cut_off_midway_resumes_with_nothing_lost_or_doubled(
    sqlite_province: EmbeddedServer, cache: Cache
) -> None:
    engine = engine_for(sqlite_province, cache, page_size=200)
    pages: list[Progress] = []

    def cut_after_three_pages(progress: Progress) -> None:
        pages.append(progress)
        if len(pages) == 3:
            sqlite_province.stop()  # the link goes down mid-bootstrap

    with pytest.raises(OfflineError):
        engine.pull(cut_after_three_pages)
    cursor = sync_store.get_cursor(cache)
    assert cursor > 0
    assert sync_store.bulk_loading(cache)  # indexes still set aside for the bootstrap
    partial = sync_store.local_counts(cache)
    assert sum(partial.values()) == pages[-1].rows == 600

    sqlite_province.start()  # the link is back
    engine.api.token = token(sqlite_province)
    result = engine.pull()
    assert not result.bootstrap and result.repulled == {}
    head = server_counts(sqlite_province, engine.api.token)
    assert sync_store.local_counts(cache) == head["counts"]
    assert sync_store.get_cursor(cache) == head["as_of"]
    assert sum(partial.values()) + result.rows == sum(head["counts"].values())
    assert not sync_store.bulk_loading(cache)
    assert schema_objects(cache) == schema_objects(Cache(cache.path.with_name("fresh.db")))


def test_count_check_repairs_a_damaged_cache(province: EmbeddedServer, cache: Cache) -> None:
    engine = engine_for(province, cache)
    engine.pull()
    good = sync_store.local_counts(cache)
    with cache.write() as conn:  # rows lost and a stray row, behind the cursor's back
        conn.exec_driver_sql("DELETE FROM customer WHERE id IN (SELECT id FROM customer LIMIT 5)")
        conn.exec_driver_sql(
            "INSERT INTO bill (id, version, account_id, period, amount_fen, "
            "paid_fen, status) VALUES ('stray', 1, 'x', '2020-01', 1, 0, 'x')"
        )
    result = engine.pull(verify=True)
    assert set(result.repulled) == {"customer", "bill"}
    assert sync_store.local_counts(cache) == good
    with cache.read() as conn:
        assert (
            conn.exec_driver_sql("SELECT count(*) FROM bill WHERE id = 'stray'").scalar_one() == 0
        )
        hits = conn.exec_driver_sql(
            "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH '\"张\"'"
        ).scalar_one()
        assert hits > 0


def test_a_rebuilt_province_is_bootstrapped_again(
    sqlite_province: EmbeddedServer, cache: Cache, tmp_path: Path
) -> None:
    engine = engine_for(sqlite_province, cache)
    engine.pull()
    with cache.write() as conn:  # a payment the province has not seen yet stays
        conn.exec_driver_sql(
            "INSERT INTO payment (id, version, receipt_no, sync_state) "
            "VALUES ('mine', 0, 'H001-C01-000009', 'pending')"
        )
    from tests.support.servers import seed_into

    rebuilt_db = f"sqlite:///{tmp_path / 'rebuilt.db'}"
    seed_into(rebuilt_db, customers=60)
    rebuilt = EmbeddedServer(rebuilt_db)
    rebuilt.start()
    try:
        fresh = engine_for(rebuilt, cache)
        result = fresh.pull()
        assert result.bootstrap
        head = server_counts(rebuilt, fresh.api.token or "")
        local = sync_store.local_counts(cache)
        assert local["customer"] == head["counts"]["customer"] == 60
        with cache.read() as conn:
            assert (
                conn.exec_driver_sql("SELECT count(*) FROM payment WHERE id = 'mine'").scalar_one()
                == 1
            )
    finally:
        rebuilt.stop()


def test_a_migration_that_adds_a_column_fills_it_at_the_next_sync(sess, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A cache made before staff had `approval_salt` (schema 3) is migrated on opening, and
    its next sync pulls the staff again so the new column is filled (offline approvals
    need it), not left NULL in the rows it already had."""
    from sqlalchemy import create_engine

    from counter_app.sync.engine import SyncEngine
    from local_cache import sync_store
    from local_cache.db import Cache
    from local_cache.schema import MIGRATIONS

    old_path = tmp_path / "old" / "cache.db"
    old_path.parent.mkdir()
    engine = create_engine(f"sqlite:///{old_path}")
    with sess.cache.read() as conn:
        staff = conn.exec_driver_sql(
            "SELECT id, version, staff_no, name, role, hall_id, offline_verifier, active FROM staff"
        ).all()
        cursor = sync_store.get_cursor(sess.cache)
    with engine.begin() as conn:
        for version in (1, 2, 3):
            MIGRATIONS[version](conn)
        for row in staff:
            conn.exec_driver_sql("INSERT INTO staff VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tuple(row))
        conn.exec_driver_sql("INSERT INTO meta VALUES (?, ?)", (sync_store.CURSOR_KEY, str(cursor)))
        conn.exec_driver_sql("PRAGMA user_version = 3")
    engine.dispose()

    cache = Cache(old_path)
    try:
        # v4 added staff.approval_salt; v7 added number holds, plan changes, orders, policy.
        assert sorted(sync_store.pending_refills(cache)) == [
            "number",
            "policy",
            "product_order",
            "staff",
            "subscription",
        ]
        with cache.read() as conn:
            assert conn.exec_driver_sql(
                "SELECT count(*) FROM staff WHERE approval_salt IS NULL"
            ).scalar_one() == len(staff)
        result = SyncEngine(sess.make_api(), cache).pull()
        assert result.repulled["staff"] >= len(staff)
        assert result.repulled["policy"] == 1
        with cache.read() as conn:
            rows = conn.exec_driver_sql("SELECT approval_salt, version FROM staff").all()
        assert len(rows) == len(staff)
        assert all(salt and version > 0 for salt, version in rows)
        assert sync_store.pending_refills(cache) == []
    finally:
        cache.close()


def test_a_delta_pull_asks_for_the_feed_head_not_the_counts(
    sqlite_province: EmbeddedServer, cache: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counting a province's rows takes seconds at a million customers: only a bootstrap (or
    an asked-for check) counts; a delta pull asks `/sync/head`, which agrees with the counts."""
    engine = engine_for(sqlite_province, cache)
    asked: list[str] = []
    for name in ("counts", "head"):
        original = getattr(engine.api, name)

        def spy(*args: object, _name: str = name, _original: object = original) -> object:
            asked.append(_name)
            return _original(*args)  # type: ignore[operator]

        monkeypatch.setattr(engine.api, name, spy)
    engine.pull()
    assert asked[0] == "counts"  # the bootstrap: the snapshot's choice and the count check
    asked.clear()
    assert engine.pull().rows == 0 and asked == ["head"]
    asked.clear()
    engine.pull(verify=True)
    assert "head" not in asked and "counts" in asked
    tok = engine.api.token or ""
    head = requests.get(
        f"{sqlite_province.url}{API}/sync/head",
        timeout=10,
        headers={"Authorization": f"Bearer {tok}"},
    )
    assert head.json() == {"as_of": server_counts(sqlite_province, tok)["as_of"]}
    assert requests.get(f"{sqlite_province.url}{API}/sync/head", timeout=10).status_code == 401


def test_head_falls_back_to_counts_on_an_older_province(
    sqlite_province: EmbeddedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from counter_app.api_client import ApiError

    api = ApiClient(sqlite_province.url, token(sqlite_province))
    real_get = api.get_json

    def older(path: str, *args: object, **kwargs: object) -> object:
        if path == "/sync/head":  # what a province from before /sync/head answers
            raise ApiError(404, "Not Found")
        return real_get(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "get_json", older)
    assert api.head() == int(api.counts()["as_of"])
