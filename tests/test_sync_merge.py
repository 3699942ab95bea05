"""A delta page sets only what changed in a cached row (see `sync_store._merge`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from counter_app.customers import search_customers
from local_cache import sync_store
from local_cache.db import Cache

BASE = {
    "customer_no": "C0000000001",
    "name": "王小红",
    "name_initials": "wxh",
    "customer_type": "individual",
    "id_type": "resident_id",
    "id_number": "330102199001011234",
    "gender": "F",
    "birth_date": "1990-01-01",
    "contact_phone": "13800000000",
    "address": "杭州",
    "vip_level": "none",
    "home_hall_id": None,
    "created_at": "2024-01-01T00:00:00+00:00",
    "updated_at": "2024-01-01T00:00:00+00:00",
}


def change(entity_id: str, version: int, **data: Any) -> dict[str, Any]:
    row = {**BASE, **data, "id": entity_id, "version": version}
    return {"entity": "customer", "id": entity_id, "op": "upsert", "version": version, "data": row}


def row(cache: Cache, entity_id: str) -> dict[str, Any]:
    with cache.read() as conn:
        found = conn.exec_driver_sql("SELECT * FROM customer WHERE id = ?", (entity_id,))
        return dict(found.mappings().one())


def test_a_delta_sets_the_changed_columns_and_keeps_the_version_order(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.db")
    a, b, c = "a" * 8 + "-0000-7000-8000-" + "0" * 12, "b" * 36, "c" * 36
    sync_store.apply_page(cache, [change(a, 1), change(b, 1)], 2)
    before_b = row(cache, b)
    page = [
        change(a, 2, address="宁波"),  # one column changed
        change(b, 1, address="旧的"),  # not newer: ignored
        change(c, 1),  # new to the cache
        change(a, 3, address="温州", name="王小明"),  # the same row twice: the newest wins
    ]
    assert sync_store.apply_page(cache, page, 6, merge=True) == 4
    got = row(cache, a)
    assert (got["version"], got["address"], got["name"]) == (3, "温州", "王小明")
    assert got["name_tokens"] == sync_store.name_tokens("王小明")  # derived columns follow
    assert got["id_number"] == BASE["id_number"] and got["id_rev"] == BASE["id_number"][::-1]
    assert row(cache, b) == before_b
    assert row(cache, c)["version"] == 1
    assert sync_store.get_cursor(cache) == 6
    # the name search follows a merged name change (its triggers fire on the columns set)
    assert a in [h.customer_id for h in search_customers(cache, "王小明").hits]
    assert a not in [h.customer_id for h in search_customers(cache, "王小红").hits]
    # an older version arriving late changes nothing
    sync_store.apply_page(cache, [change(a, 2, address="宁波")], 7, merge=True)
    assert row(cache, a)["address"] == "温州"
    cache.close()
