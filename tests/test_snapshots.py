"""A first bootstrap from the province's snapshot (province_api.snapshots, counter_app.sync.
snapshot, local_cache.snapshot_import), against the real province on loopback."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counter_app.api_client import ApiClient, OfflineError
from counter_app.sync.engine import SyncEngine
from local_cache import sync_store
from local_cache.db import Cache
from local_cache.schema import ENTITIES
from province_api import changes
from province_api.embedded import EmbeddedServer
from province_api.models import Customer
from tests.support.fault_proxy import FaultProxy
from tests.test_server_api import API, assert_problem, token


class RecordingApi(ApiClient):
    """The real client, keeping the headers of each snapshot download it sends."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.downloads: list[dict[str, str]] = []

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        if path.startswith("/sync/snapshot/"):
            self.downloads.append(dict(kwargs.get("headers") or {}))
        return super().request(method, path, **kwargs)


def snapshot_engine(url: str, tok: str, cache: Cache) -> SyncEngine:
    return SyncEngine(RecordingApi(url, tok), cache, snapshot_min_rows=0)


def feed_engine(url: str, tok: str, cache: Cache) -> SyncEngine:
    return SyncEngine(ApiClient(url, tok), cache, snapshot_min_rows=None)


def rows_of(cache: Cache) -> dict[str, list[tuple]]:
    with cache.read() as conn:
        return {
            name: [tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {name} ORDER BY id")]
            for name in ENTITIES
        }


def objects(cache: Cache) -> set[tuple[str, str]]:
    with cache.read() as conn:
        return set(
            conn.exec_driver_sql(
                "SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger')"
            ).all()
        )


@pytest.fixture
def caches(tmp_path: Path) -> Iterator[tuple[Cache, Cache]]:
    one, two = Cache(tmp_path / "a" / "cache.db"), Cache(tmp_path / "b" / "cache.db")
    yield one, two
    one.close()
    two.close()


def test_a_snapshot_bootstrap_equals_the_feed_one(
    province: EmbeddedServer, caches: tuple[Cache, Cache]
) -> None:
    by_snapshot, by_feed = caches
    tok = token(province)
    engine = snapshot_engine(province.url, tok, by_snapshot)
    seen: list[str] = []
    result = engine.pull(lambda p: seen.append(p.phase))
    assert result.bootstrap and result.snapshot_rows > 0 and result.repulled == {}
    assert "snapshot" in seen and "snapshot-import" in seen
    feed_engine(province.url, tok, by_feed).pull()
    assert rows_of(by_snapshot) == rows_of(by_feed)  # every row and column, derived ones too
    assert sync_store.get_cursor(by_snapshot) == sync_store.get_cursor(by_feed)
    assert objects(by_snapshot) == objects(by_feed)  # indexes and search triggers back
    assert not sync_store.bulk_loading(by_snapshot)
    with by_snapshot.read() as conn:  # the name search index was built
        name = conn.exec_driver_sql("SELECT name FROM customer LIMIT 1").scalar_one()
        hits = conn.exec_driver_sql(
            "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH ?", (f'"{name}"',)
        ).scalar_one()
    assert hits >= 1
    assert list(by_snapshot.path.parent.glob("snapshot-*")) == []  # nothing left in the clear


def test_changes_after_the_snapshot_come_with_the_feed(
    sqlite_province: EmbeddedServer, tmp_path: Path
) -> None:
    tok = token(sqlite_province)
    store = sqlite_province.app.state.snapshots
    first = snapshot_engine(sqlite_province.url, tok, Cache(tmp_path / "x" / "cache.db"))
    first.pull()  # makes the hall's snapshot
    made = list(store.folder.glob("*.json"))
    assert len(made) == 1
    with Session(sqlite_province.app.state.engine) as db, db.begin():
        customer = db.scalars(select(Customer).limit(1)).one()
        db.execute(
            update(Customer)
            .where(Customer.id == customer.id)
            .values(name="钱多多", version=Customer.version + 1)
        )
        changes.record_objects(db, "customer", [db.get(Customer, customer.id)])
        renamed = customer.id
    cache = Cache(tmp_path / "y" / "cache.db")
    result = snapshot_engine(sqlite_province.url, tok, cache).pull()
    assert list(store.folder.glob("*.json")) == made  # one change: the same snapshot served
    assert result.snapshot_rows > 0
    with cache.read() as conn:
        name = conn.exec_driver_sql(
            "SELECT name FROM customer WHERE id = ?", (renamed,)
        ).scalar_one()
    assert name == "钱多多"
    assert json.loads(made[0].read_text())["hall_id"] == sqlite_province_hall(sqlite_province)
    cache.close()
    first.cache.close()


def test_a_cut_download_goes_on_from_where_it_stopped(
    sqlite_province: EmbeddedServer, tmp_path: Path
) -> None:
    tok = token(sqlite_province)
    cache = Cache(tmp_path / "c" / "cache.db")
    with FaultProxy("127.0.0.1", sqlite_province.port) as proxy:
        engine = snapshot_engine(proxy.url, tok, cache)
        proxy.truncate_path = b"/sync/snapshot/"
        with pytest.raises(OfflineError):
            engine.pull()
        parts = list(cache.path.parent.glob("snapshot-*.zst.part"))
        assert len(parts) == 1 and parts[0].stat().st_size > 0
        have = parts[0].stat().st_size
        assert sync_store.get_cursor(cache) == 0
        proxy.truncate_path = None
        result = engine.pull()
    api = engine.api
    assert isinstance(api, RecordingApi)
    assert api.downloads[-1].get("Range") == f"bytes={have}-"  # only the rest was asked for
    assert result.snapshot_rows > 0
    feed = Cache(tmp_path / "d" / "cache.db")
    feed_engine(sqlite_province.url, tok, feed).pull()
    assert rows_of(cache) == rows_of(feed)
    assert list(cache.path.parent.glob("snapshot-*")) == []
    cache.close()
    feed.close()


def test_a_damaged_snapshot_is_refused_and_the_feed_does_the_bootstrap(
    sqlite_province: EmbeddedServer, tmp_path: Path
) -> None:
    tok = token(sqlite_province)
    store = sqlite_province.app.state.snapshots
    hall_id = sqlite_province_hall(sqlite_province)
    info = store.build(hall_id)
    packed = store.file(info)
    data = bytearray(packed.read_bytes())
    data[len(data) // 2] ^= 0xFF
    packed.write_bytes(bytes(data))
    cache = Cache(tmp_path / "e" / "cache.db")
    engine = snapshot_engine(sqlite_province.url, tok, cache)
    result = engine.pull()
    assert result.snapshot_rows == 0 and result.bootstrap  # the feed did it
    assert len(engine.api.downloads) == 2  # type: ignore[attr-defined]  # tried twice
    head = sync_store.local_counts(cache)
    assert head["customer"] > 0
    assert list(cache.path.parent.glob("snapshot-*")) == []
    cache.close()


def sqlite_province_hall(server: EmbeddedServer, code: str = "H001") -> str:
    from province_api.models import Hall

    with Session(server.app.state.engine) as db:
        return str(db.scalar(select(Hall.id).where(Hall.code == code)))


def test_a_snapshot_of_another_database_is_never_served(
    sqlite_province: EmbeddedServer, tmp_path: Path
) -> None:
    tok = token(sqlite_province)
    store = sqlite_province.app.state.snapshots
    info = store.build(sqlite_province_hall(sqlite_province))
    sidecar = store.folder / f"{info.id}.json"
    stamp = json.loads(sidecar.read_text())
    sidecar.write_text(json.dumps(stamp | {"province_id": "another-province"}))
    answer = requests.get(
        f"{sqlite_province.url}{API}/sync/snapshot",
        headers={"Authorization": f"Bearer {tok}"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["id"] != info.id  # a new one was made for this database
    assert not sidecar.exists()  # and the other's removed


def test_a_snapshot_is_the_callers_halls_only(province: EmbeddedServer) -> None:
    headers = {"Authorization": f"Bearer {token(province)}"}
    answer = requests.get(f"{province.url}{API}/sync/snapshot", headers=headers, timeout=30)
    assert answer.status_code == 200, answer.text
    info = answer.json()
    assert info["ready"] and info["size"] > 0 and len(info["sha256"]) == 64
    other = {"Authorization": f"Bearer {token(province, 'H002-C01', 'H002')}"}
    url = f"{province.url}{API}/sync/snapshot/{info['id']}"
    assert_problem(requests.get(url, headers=other, timeout=10), 404)
    assert_problem(requests.get(url, timeout=10), 401)
    unknown = f"{province.url}{API}/sync/snapshot/00000000-0000-4000-8000-000000000000"
    assert_problem(requests.get(unknown, headers=headers, timeout=10), 404)
    assert_problem(requests.get(f"{province.url}{API}/sync/snapshot/x", headers=headers), 422)
    part = requests.get(url, headers=headers | {"Range": "bytes=10-19"}, timeout=10)
    assert part.status_code == 206 and len(part.content) == 10


def test_the_snapshot_file_holds_what_the_feed_sends(
    sqlite_province: EmbeddedServer, tmp_path: Path
) -> None:
    """Times with their offset, JSON as text, booleans as 0/1: as a feed page has them."""
    import zstandard

    store = sqlite_province.app.state.snapshots
    info = store.build(sqlite_province_hall(sqlite_province))
    raw = tmp_path / "snap.db"
    with store.file(info).open("rb") as ifh, raw.open("wb") as ofh:
        zstandard.ZstdDecompressor().copy_stream(ifh, ofh)
    conn = sqlite3.connect(raw)
    (created,) = conn.execute("SELECT created_at FROM customer LIMIT 1").fetchone()
    eligibility, active = conn.execute(
        "SELECT eligibility, active FROM offering LIMIT 1"
    ).fetchone()
    columns = {r[1] for r in conn.execute("PRAGMA table_info(staff)")}
    conn.close()
    assert created.endswith("+00:00")
    assert isinstance(json.loads(eligibility), dict | list) and active in (0, 1)
    assert "password_hash" not in columns and "approval_key" not in columns
