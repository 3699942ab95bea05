"""Versions on the wire: what the province states, a counter too old refused with its queue
kept, bodies of the previous API read by its rules, and a counter upgraded with a queue from
before (old cache schema, old body shapes) that books every entry once."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app import __version__, approvals, auth, payments, shifts
from counter_app.api_client import ApiClient, ApiError
from counter_app.approvals import ApprovalRefused
from counter_app.credentials import Credentials
from counter_app.domain.api_versions import (
    API_VERSION,
    API_VERSION_HEADER,
    OLDEST_API_VERSION,
)
from counter_app.domain.problems import ProblemType
from counter_app.payments import PaymentRequest
from counter_app.session import CounterSession
from counter_app.settings import Settings
from counter_app.sync.engine import SyncEngine
from counter_app.sync.push import push
from local_cache import outbox
from local_cache.db import JOURNAL_FILE, REFILL_KEY, Cache, get_meta
from province_api.embedded import EmbeddedServer
from province_api.models import Payment, Shift
from province_api.models import Session as AuthSession
from tests.support.servers import SUPERVISOR_PASSWORD
from tests.test_payments_flow import a_line, account_with_unpaid_bills

FLOAT = {10000: 2, 1000: 5}
HALL_ZONE = ZoneInfo("Asia/Shanghai")
LOGIN = {"staff_no": "H001-C02", "password": "demo", "hall_code": "H001", "counter_id": "C02"}


def test_health_and_sign_in_state_the_versions(sqlite_province: EmbeddedServer) -> None:
    health = requests.get(f"{sqlite_province.url}/api/v1/health", timeout=5).json()
    assert health["api_version"] == API_VERSION
    assert health["oldest_api_version"] == OLDEST_API_VERSION
    assert health["min_client_version"] == "0.1.0"
    answer = ApiClient(sqlite_province.url).login(**LOGIN)
    assert answer["api_version"] == API_VERSION
    assert answer["oldest_api_version"] == OLDEST_API_VERSION
    assert answer["min_client_version"] == "0.1.0"
    with Session(sqlite_province.app.state.engine) as db:
        versions = db.scalars(select(AuthSession.client_version)).all()
    assert versions == [__version__]  # the province sees which counters run what


def queue_some(sess: CounterSession) -> None:
    """A shift opened and two cash payments taken, all waiting in the outbox."""
    shifts.open_shift(sess, FLOAT)
    account, customer, bills = account_with_unpaid_bills(sess)
    payments.take_payment(
        sess, PaymentRequest("bill", customer, account, bills[0][2], "cash", tendered_fen=10**6)
    )
    sub, sub_account, sub_customer = a_line(sess)
    payments.take_payment(
        sess,
        PaymentRequest("topup", sub_customer, sub_account, 5000, "cash", sub, tendered_fen=5000),
    )
    assert outbox.count(sess.cache) == 3


def test_a_counter_too_old_is_told_at_sign_in_and_keeps_its_queue(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    from ui.messages import describe

    queue_some(sess)
    before = [(e.id, e.body) for e in outbox.entries(sess.cache)]
    sqlite_province.app.state.min_client_version = "9.1.0"
    with pytest.raises(ApiError) as refused:
        auth.sign_in(Credentials(), sqlite_province.url, "H001", "C01", "H001-C01", "demo")
    assert refused.value.status == 426
    assert refused.value.problem_type is ProblemType.CLIENT_TOO_OLD
    text = describe(refused.value)
    assert f"Counter {__version__}" in text and "9.1.0 or newer" in text
    assert "entries waiting on it are kept" in text
    assert [(e.id, e.body) for e in outbox.entries(sess.cache)] == before

    sqlite_province.app.state.min_client_version = __version__  # the counter is updated
    assert not push(sess.make_api(), sess.cache, force=True).offline
    assert outbox.count(sess.cache) == 0


def post(server: EmbeddedServer, token: str, body: dict, version: str | None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": body["id"]}
    if version is not None:
        headers[API_VERSION_HEADER] = version
    return requests.post(f"{server.url}/api/v1/shifts", json=body, headers=headers, timeout=10)


def test_a_body_is_read_by_the_rules_of_its_api_version(sqlite_province: EmbeddedServer) -> None:
    token = ApiClient(sqlite_province.url).login(**LOGIN)["token"]
    body = {
        "id": "6a1f0c1e-0b43-4b7e-9a55-0d3d3b2b0001",
        "opening_float_fen": 20000,
        "float_denominations": {"10000": 2},
        "opened_at": "2026-12-02T09:30:00",  # no offset: API 1 allowed it
    }
    refused = post(sqlite_province, token, body, "2")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "opened_at"
    for bad in ("3", "0", "two"):
        answer = post(sqlite_province, token, body, bad)
        assert answer.status_code == 400
        assert answer.json()["type"].endswith("/unsupported-api-version")

    booked = post(sqlite_province, token, body, None)  # no header: an old counter, API 1
    assert booked.status_code == 201, booked.text
    with Session(sqlite_province.app.state.engine) as db:
        shift = db.get(Shift, body["id"])
        assert shift is not None
        opened = shift.opened_at.replace(tzinfo=shift.opened_at.tzinfo or UTC)
    # Read as the halls' clock: 09:30 in Shanghai is 01:30 UTC.
    assert opened == datetime(2026, 12, 2, 9, 30, tzinfo=HALL_ZONE)


TIME_FIELDS = ("created_at", "opened_at", "closed_at")


def as_cache_v3_with_api_1_bodies(path: Path) -> None:
    """Turn a current cache into one from before schema v4, its queue written as API 1
    bodies (times without an offset, on the halls' clock) as an old counter left it."""
    with sqlite3.connect(path) as conn:
        # Before v9 the queue, the receipts printed and the numbering were in the cache.
        journal_file = path.with_name(JOURNAL_FILE)
        conn.execute("ATTACH DATABASE ? AS journal", (str(journal_file),))
        conn.execute(
            "CREATE TABLE main.outbox AS SELECT seq, id, idempotency_key, kind, method, path, "
            "body, entity, entity_id, customer_id, shift_id, depends_on, state, attempts, "
            "next_attempt_at, last_error, response, created_at, done_at FROM journal.outbox"
        )
        conn.execute(
            "CREATE TABLE main.receipt_print AS SELECT id, receipt_no, printed_at, staff_id, "
            "reprint FROM journal.receipt_print"
        )
        conn.execute(
            "INSERT INTO main.meta (key, value) SELECT 'receipt_seq:' || prefix, last "
            "FROM journal.receipt_seq"
        )
        conn.commit()
        conn.execute("DETACH DATABASE journal")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{journal_file}{suffix}").unlink(missing_ok=True)
        for entry_id, body in conn.execute("SELECT id, body FROM outbox").fetchall():
            data = json.loads(body)
            for name in TIME_FIELDS:
                if data.get(name):
                    local = datetime.fromisoformat(data[name]).astimezone(HALL_ZONE)
                    data[name] = local.replace(tzinfo=None).isoformat()
            conn.execute("UPDATE outbox SET body = ? WHERE id = ?", (json.dumps(data), entry_id))
        for statement in (  # v8, v7
            "ALTER TABLE customer DROP COLUMN contact_name",
            "ALTER TABLE customer DROP COLUMN contact_id_number",
            "DROP TABLE product_order",
            "DROP TABLE policy",
            "DROP INDEX ix_number_hall_status",
            "DROP INDEX ix_sim_hall_status",
            "ALTER TABLE number DROP COLUMN held_by",
            "ALTER TABLE number DROP COLUMN held_until",
            "ALTER TABLE subscription DROP COLUMN next_plan_id",
            "ALTER TABLE subscription DROP COLUMN next_plan_from",
        ):
            conn.execute(statement)
        conn.execute("ALTER TABLE staff DROP COLUMN approval_salt")  # v4
        conn.execute("PRAGMA user_version = 3")


def test_a_counter_upgraded_with_a_queue_from_before_books_every_entry_once(
    sess: CounterSession, sqlite_province: EmbeddedServer, tmp_path: Path
) -> None:
    queue_some(sess)
    queued = {e.entity_id: e.created_at for e in outbox.entries(sess.cache)}
    receipts = [e.body["receipt_no"] for e in outbox.entries(sess.cache) if e.kind == "payment"]
    path = sess.cache.path
    sess.cache.close()
    as_cache_v3_with_api_1_bodies(path)

    cache = Cache(path)  # the new client opens it: copied, migrated, told what to refill
    assert (path.parent / f"{path.name}.v3.bak").exists()
    with cache.read() as conn:
        refills = sorted(json.loads(get_meta(conn, REFILL_KEY) or "[]"))
        assert refills == ["number", "policy", "product_order", "staff", "subscription"]
    entries = outbox.entries(cache)
    assert [e.api_version for e in entries] == [1, 1, 1]
    assert len(entries) == 3
    # Until the staff are pulled again, an offline approval says why it cannot be made
    # (rather than make a proof from a NULL key that the province would refuse).
    unplugged = CounterSession(
        cache, sess.signed, Settings(), lambda: ApiClient("http://127.0.0.1:9", None)
    )
    paid = next(e.entity_id for e in entries if e.kind == "payment")
    assert paid is not None
    with pytest.raises(ApprovalRefused, match="next sync"):
        approvals.obtain(unplugged, "H001-S01", SUPERVISOR_PASSWORD, "void", paid)

    creds = Credentials()
    signed = auth.sign_in(creds, sqlite_province.url, "H001", "C01", "H001-C01", "demo")
    api = ApiClient(sqlite_province.url, creds.get(signed.token_key))
    for _ in range(2):  # the second push finds nothing to send
        result = push(api, cache, force=True)
        assert not result.offline and result.rejected == 0
    SyncEngine(api, cache).pull()
    assert outbox.count(cache) == 0 and outbox.count(cache, "rejected") == 0
    with cache.read() as conn:
        assert json.loads(get_meta(conn, REFILL_KEY) or "[]") == []
        salts = conn.exec_driver_sql("SELECT approval_salt FROM staff").scalars().all()
    assert salts and all(salts)
    assert (
        approvals.obtain(unplugged, "H001-S01", SUPERVISOR_PASSWORD, "void", paid).method
        == "offline"
    )

    with Session(sqlite_province.app.state.engine) as db:
        for receipt in receipts:
            assert (
                db.scalar(
                    select(func.count()).select_from(Payment).where(Payment.receipt_no == receipt)
                )
                == 1
            )
        booked = {p.id: p.created_at for p in db.scalars(select(Payment))}
    for entity_id, created in queued.items():
        if entity_id in booked:  # the same instant, read from the halls' clock
            at = booked[entity_id]
            at = at if at.tzinfo else at.replace(tzinfo=UTC)
            assert at == datetime.fromisoformat(created)
    cache.close()
