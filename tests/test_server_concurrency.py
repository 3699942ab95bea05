"""Two counters at once: nothing booked twice, no update lost (SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from province_api.embedded import EmbeddedServer
from province_api.models import Account, Bill, Payment
from tests.test_server_api import API, token
from tests.test_server_inputs import close_shift
from tests.test_server_payments import a_topup, open_shift, post


def test_the_same_key_at_once_is_booked_once(province: EmbeddedServer) -> None:
    tok = token(province, "H002-C01", "H002")
    shift_id = open_shift(province, tok)
    body = a_topup(province, tok, shift_id)
    key = str(uuid.uuid4())
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: post(province, tok, "/payments", body, key), range(4)))
    assert [a.status_code for a in answers] == [201] * 4, [a.text for a in answers]
    assert len({a.text for a in answers}) == 1
    with Session(province.app.state.engine) as s:
        assert s.scalar(select(Payment).where(Payment.id == body["id"])) is not None


def test_two_payments_at_once_both_count(province: EmbeddedServer) -> None:
    tok_a = token(province, "H003-C01", "H003")
    tok_b = token(province, "H003-S01", "H003")
    shift_a, shift_b = open_shift(province, tok_a), open_shift(province, tok_b)
    base = a_topup(province, tok_a, shift_a)
    with Session(province.app.state.engine) as s:
        before = s.get(Account, base["account_id"]).balance_fen
        bill = s.scalar(select(Bill).where(Bill.status != "paid").order_by(Bill.id))
        owed = bill.amount_fen - bill.paid_fen
        paid_before = bill.paid_fen
    assert owed >= 2
    now = datetime.now(UTC).isoformat()

    def pay(i: int) -> requests.Response:
        tok, shift = (tok_a, shift_a) if i % 2 == 0 else (tok_b, shift_b)
        if i < 2:  # two top-ups to the same account
            body = {
                **base,
                "id": str(uuid.uuid4()),
                "receipt_no": f"H0-C-{uuid.uuid4().int % 10**12:012d}",
                "shift_id": shift,
                "created_at": now,
            }
        else:  # two part-payments of the same bill
            body = {
                "id": str(uuid.uuid4()),
                "receipt_no": f"H0-C-{uuid.uuid4().int % 10**12:012d}",
                "kind": "bill",
                "account_id": bill.account_id,
                "bill_ids": [bill.id],
                "amount_fen": 1,
                "method": "cash",
                "tendered_fen": 1,
                "created_at": now,
                "shift_id": shift,
            }
        return post(province, tok, "/payments", body, str(uuid.uuid4()))

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(pay, range(4)))
    assert [a.status_code for a in answers] == [201] * 4, [a.text for a in answers]
    with Session(province.app.state.engine) as s:
        assert s.get(Account, base["account_id"]).balance_fen == before + 2 * base["amount_fen"]
        assert s.get(Bill, bill.id).paid_fen == paid_before + 2
    for tok, shift in ((tok_a, shift_a), (tok_b, shift_b)):  # PostgreSQL's data is shared
        close_shift(province, tok, shift)


def test_hostile_money_bodies_never_500(province: EmbeddedServer) -> None:
    tok = token(province, "H002-S01", "H002")  # each test its own clerk: PG is shared
    shift_id = open_shift(province, tok)
    body = a_topup(province, tok, shift_id)
    auth = {"Authorization": f"Bearer {tok}", "Idempotency-Key": str(uuid.uuid4())}
    for change in (
        {"id": "x\u0000y"},
        {"receipt_no": "R\u0000"},
        {"amount_fen": True},
        {"amount_fen": "100"},
        {"amount_fen": 10**30},
        {"id": "not-a-uuid"},
        {"qr_code": "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨", "method": "qr"},
        {"bill_ids": ["\u0000"]},
        {"created_at": "yesterday"},
    ):
        answer = requests.post(
            f"{province.url}{API}/payments",
            json={**body, **change},
            headers={**auth, "Idempotency-Key": str(uuid.uuid4())},
            timeout=10,
        )
        assert 400 <= answer.status_code < 500, (change, answer.status_code, answer.text)
    for path, payload in (
        (
            f"/shifts/{shift_id}/close",
            {
                "closed_at": datetime.now(UTC).isoformat(),
                "counted_denominations": {},
                "counted_fen": 0,
                "expected_fen": 10**20,
            },
        ),
        ("/shifts/%00/close", {}),
        (f"/payments/{uuid.uuid4()}\u0000/void", {}),
        (
            "/auth/approvals",
            {"staff_no": "\u0000", "password": "x", "action": "void", "target_id": "x"},
        ),
    ):
        answer = requests.post(f"{province.url}{API}{path}", json=payload, headers=auth, timeout=10)
        assert 400 <= answer.status_code < 500, (path, answer.status_code, answer.text)
    huge = requests.get(
        f"{province.url}{API}/sync/changes", params={"since": 2**70}, headers=auth, timeout=10
    )
    assert huge.status_code == 422


def test_on_sqlite_reads_take_no_write_lock(sqlite_province: EmbeddedServer) -> None:
    """While a writer holds SQLite's write lock, the feed, searches and token checks of
    GET requests still answer: they read a snapshot and never queue behind writers."""
    import sqlite3

    tok = token(sqlite_province, "H001-C02", "H001")
    path = sqlite_province.app.state.engine.url.database
    writer = sqlite3.connect(path, isolation_level=None, timeout=1)
    try:
        writer.execute("BEGIN IMMEDIATE")  # a long write somewhere else
        headers = {"Authorization": f"Bearer {tok}"}
        for path_q in ("/sync/counts", "/sync/changes?since=0&limit=5", "/customers?q=138"):
            answer = requests.get(f"{sqlite_province.url}{API}{path_q}", headers=headers, timeout=5)
            assert answer.status_code == 200, (path_q, answer.text)
        # A wrong password is hashed without the lock, but its failure must be counted (the
        # sign-in guard) before it is answered: until it can be, the province is busy, and
        # says nothing of whether the password was right.
        guess = {
            "staff_no": "H001-S01",
            "password": "guess",
            "hall_code": "H001",
            "counter_id": "C9",
        }
        answer = requests.post(f"{sqlite_province.url}{API}/auth/login", json=guess, timeout=30)
        assert answer.status_code == 503 and answer.headers["Retry-After"]
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_write_that_cannot_get_the_lock_is_told_busy_and_does_nothing(
    sqlite_template: Path, tmp_path: Path
) -> None:
    """Past its lock wait a write is answered 503 with Retry-After (not queued forever, not
    a 500), leaves nothing behind, and goes through when sent again."""
    import sqlite3

    from province_api.db import make_engine
    from tests.support import servers

    url = servers.copy_sqlite(sqlite_template, tmp_path / "province.db")
    server = EmbeddedServer(make_engine(url, lock_wait_s=0.5))
    server.start()
    try:
        tok = token(server, "H001-C02", "H001")
        body = {
            "id": str(uuid.uuid4()),
            "opening_float_fen": 10000,
            "float_denominations": {"10000": 1},
            "opened_at": datetime.now(UTC).isoformat(),
        }
        headers = {"Authorization": f"Bearer {tok}", "Idempotency-Key": str(uuid.uuid4())}
        writer = sqlite3.connect(server.app.state.engine.url.database, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        try:
            busy = requests.post(
                f"{server.url}{API}/shifts", json=body, headers=headers, timeout=10
            )
        finally:
            writer.execute("ROLLBACK")
            writer.close()
        assert busy.status_code == 503 and busy.headers["Retry-After"].isdigit()
        assert busy.headers["content-type"].startswith("application/problem+json")
        again = requests.post(f"{server.url}{API}/shifts", json=body, headers=headers, timeout=10)
        assert again.status_code == 201, again.text
    finally:
        server.stop()
        server.app.state.engine.dispose()


def test_past_its_bound_the_province_refuses_at_once_and_health_still_answers(
    sqlite_template: Path, tmp_path: Path
) -> None:
    """Requests beyond the bound are answered 503 with Retry-After straight away instead
    of queueing; those admitted finish once the lock is free; /health answers all along."""
    import sqlite3
    import threading

    from province_api.db import make_engine
    from tests.support import servers

    url = servers.copy_sqlite(sqlite_template, tmp_path / "province.db")
    server = EmbeddedServer(make_engine(url, lock_wait_s=8), max_in_flight=3)
    server.start()
    login = {"staff_no": "H001-C02", "password": "demo", "hall_code": "H001", "counter_id": "C8"}
    try:
        writer = sqlite3.connect(
            server.app.state.engine.url.database, isolation_level=None, check_same_thread=False
        )
        writer.execute("BEGIN IMMEDIATE")  # sign-ins must wait for it to write their token
        release = threading.Timer(1.5, lambda: writer.execute("ROLLBACK"))
        release.start()
        with ThreadPoolExecutor(10) as pool:
            answers = list(
                pool.map(
                    lambda _: requests.post(
                        f"{server.url}{API}/auth/login", json=login, timeout=20
                    ),
                    range(10),
                )
            )
            health = requests.get(f"{server.url}/health", timeout=5)
        release.join()
        writer.close()
        statuses = sorted(a.status_code for a in answers)
        assert set(statuses) == {200, 503}, statuses
        assert statuses.count(200) >= 3  # the admitted ones, once the lock was free
        assert all(a.headers["Retry-After"].isdigit() for a in answers if a.status_code == 503)
        assert health.status_code == 200
        after = requests.post(f"{server.url}{API}/auth/login", json=login, timeout=10)
        assert after.status_code == 200  # recovered as soon as the flood was over
    finally:
        server.stop()
        server.app.state.engine.dispose()


def test_a_writes_token_check_holds_nothing_when_it_hands_over(
    sqlite_province: EmbeddedServer,
) -> None:
    """Between the token check and the endpoint FastAPI hops to another worker thread; a
    write request's check must not carry SQLite's write lock (or an open transaction)
    across that hop, where it would hold up every other writer."""
    import sqlite3

    from starlette.requests import Request

    from province_api.auth import current_staff

    tok = token(sqlite_province, "H001-C02", "H001")
    app = sqlite_province.app
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/v1/payments",
        "headers": [(b"authorization", f"Bearer {tok}".encode())],
        "app": app,
    }
    with app.state.sessionmaker() as db:
        staff = current_staff(Request(scope), db)
        assert staff.staff_no == "H001-C02"
        assert not db.in_transaction()
        other = sqlite3.connect(app.state.engine.url.database, isolation_level=None, timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")  # would fail at once if the lock were held
            other.execute("ROLLBACK")
        finally:
            other.close()


def test_a_counters_idle_connection_outlives_its_wait_between_pulls(
    sqlite_province: EmbeddedServer,
) -> None:
    """The province keeps an idle connection open longer than a counter waits between two
    pulls, so it is not closed under the counter just as the counter sends on it (a GET
    cut like that is not resent: the clerk would see the province as unreachable)."""
    import http.client
    import time

    from counter_app.settings import Settings
    from province_api.app import SERVER_OPTIONS

    assert SERVER_OPTIONS["timeout_keep_alive"] > Settings().sync_interval_s
    host, port = sqlite_province.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    try:
        conn.request("GET", "/health")
        assert conn.getresponse().read()
        first = conn.sock
        time.sleep(6)  # past uvicorn's default keep-alive of 5 s
        conn.request("GET", "/health")
        assert conn.getresponse().status == 200 and conn.sock is first
    finally:
        conn.close()
