"""Finding customers in a bootstrapped cache, every kind of query on its own index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.api_client import ApiClient
from counter_app.customers import audit_trail, load_view, reveal_id_number, search_customers
from counter_app.domain.search_query import QueryKind
from counter_app.sync.engine import SyncEngine
from local_cache.db import Cache
from province_api.embedded import EmbeddedServer
from tests.test_server_api import token


@pytest.fixture(scope="module")
def synced_cache(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[Cache]:
    from tests.support.servers import copy_sqlite

    root = tmp_path_factory.mktemp("search")
    server = EmbeddedServer(copy_sqlite(sqlite_template, root / "province.db"))
    server.start()
    cache = Cache(root / "cache.db")
    SyncEngine(ApiClient(server.url, token(server)), cache).pull()
    server.stop()
    yield cache
    cache.close()


def one(cache: Cache, sql: str, *params: object) -> tuple:
    with cache.read() as conn:
        return tuple(conn.exec_driver_sql(sql, params).first())


def test_phone_prefix(synced_cache: Cache) -> None:
    msisdn, cid = one(synced_cache, "SELECT msisdn, customer_id FROM subscription LIMIT 1")
    result = search_customers(synced_cache, msisdn[:7])
    assert cid in [h.customer_id for h in result.hits]
    assert all(
        h.phone_masked.startswith(msisdn[:3])
        for h in result.hits
        if h.matched_by is QueryKind.PHONE_PREFIX
    )
    full = search_customers(synced_cache, msisdn)
    assert full.hits[0].customer_id == cid
    assert full.hits[0].phone_masked == msisdn[:3] + "****" + msisdn[-4:]


def test_two_character_and_one_character_names(synced_cache: Cache) -> None:
    (name,) = one(synced_cache, "SELECT name FROM customer WHERE length(name) = 3 LIMIT 1")
    given = name[1:]  # most given names are two characters
    hits = search_customers(synced_cache, given).hits
    assert hits and all(given in h.name for h in hits)
    assert name in [h.name for h in hits]
    surname = name[0]
    hits = search_customers(synced_cache, surname).hits
    assert hits[0].name.startswith(surname)  # names starting with it come first
    exact = search_customers(synced_cache, name).hits
    assert exact[0].name == name


def test_id_tail_and_full_id(synced_cache: Cache) -> None:
    id_number, cid = one(synced_cache, "SELECT id_number, id FROM customer LIMIT 1")
    hits = search_customers(synced_cache, id_number[-6:]).hits
    assert cid in [h.customer_id for h in hits]
    hit = next(h for h in hits if h.customer_id == cid)
    assert hit.id_masked == id_number[:6] + "********" + id_number[-4:]
    assert search_customers(synced_cache, id_number.lower()).hits[0].customer_id == cid


def test_iccid_account_and_pinyin(synced_cache: Cache) -> None:
    iccid, cid = one(synced_cache, "SELECT iccid, customer_id FROM subscription LIMIT 1")
    assert search_customers(synced_cache, iccid).hits[0].customer_id == cid
    account_no, cid = one(synced_cache, "SELECT account_no, customer_id FROM account LIMIT 1")
    hits = search_customers(synced_cache, account_no).hits
    assert hits[0].customer_id == cid and hits[0].matched_by is QueryKind.ACCOUNT_NO
    initials, name = one(synced_cache, "SELECT name_initials, name FROM customer LIMIT 1")
    hits = search_customers(synced_cache, initials.upper()).hits
    assert name in [h.name for h in hits]


def test_nothing_usable(synced_cache: Cache) -> None:
    assert search_customers(synced_cache, "13").hits == ()
    assert search_customers(synced_cache, "  ").terms == ()


def test_view_and_audited_reveal(synced_cache: Cache) -> None:
    (cid,) = one(
        synced_cache,
        "SELECT s.customer_id FROM subscription s JOIN account a "
        "ON a.id = s.account_id WHERE a.kind = 'postpaid' LIMIT 1",
    )
    view = load_view(synced_cache, cid)
    assert view is not None
    with synced_cache.read() as conn:
        msisdns = {
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT msisdn FROM subscription WHERE customer_id = ?", (cid,)
            )
        }
    assert {s.msisdn for s in view.subscriptions} == msisdns
    assert all(s.plan_name for s in view.subscriptions)
    assert "*" in view.id_masked
    unpaid = [b for b in view.bills if b.status != "paid"]
    assert [b.period for b in unpaid] == sorted(b.period for b in unpaid)
    full = reveal_id_number(synced_cache, cid, "staff-1")
    assert full.endswith(view.id_masked[-4:]) and "*" not in full
    trail = audit_trail(synced_cache, cid)
    assert trail[-1]["action"] == "reveal_id_number" and trail[-1]["staff_id"] == "staff-1"


def test_long_and_rare_names_are_found(synced_cache: Cache) -> None:
    from local_cache import sync_store

    long_name = "阿卜杜热合曼·买买提依明"
    with synced_cache.write() as conn:
        sync_store.apply_changes(
            conn,
            [
                {
                    "entity": "customer",
                    "id": "long-name",
                    "op": "upsert",
                    "version": 1,
                    "data": {
                        "id": "long-name",
                        "version": 1,
                        "name": long_name,
                        "name_initials": "abdrhm",
                        "id_number": "650102198001010012",
                    },
                }
            ],
        )
    for query in ("阿卜杜", long_name, "买买提", "热合"):
        assert "long-name" in [h.customer_id for h in search_customers(synced_cache, query).hits]


def test_only_a_whole_number_or_an_iccid_names_a_line(synced_cache: Cache) -> None:
    from counter_app.customers import count_matches, line_named_by

    sub_id, customer_id, msisdn, iccid = one(
        synced_cache,
        "SELECT id, customer_id, msisdn, iccid FROM subscription WHERE status = 'active' LIMIT 1",
    )
    for text in (msisdn, f" {msisdn[:3]} {msisdn[3:7]} {msisdn[7:]} ", iccid):
        target = line_named_by(synced_cache, text)
        assert target is not None and (target.subscription_id, target.customer_id) == (
            sub_id,
            customer_id,
        ), text
    assert line_named_by(synced_cache, msisdn[:7]) is None  # a prefix: the clerk chooses
    assert line_named_by(synced_cache, "张") is None
    shown = search_customers(synced_cache, msisdn[:3], limit=2)
    assert shown.more and len(shown.hits) == 2
    assert count_matches(synced_cache, msisdn[:3]) > 2
    assert not search_customers(synced_cache, msisdn).more
