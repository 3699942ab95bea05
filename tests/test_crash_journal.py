"""Crashes with real processes (issue 10, points 4 and 5): a counter killed with `kill -9`
in the middle of a card charge, of a run of cash payments, of a push and of a pull, then
started again over the same files (encrypted, as the app keeps them); every action booked
exactly once at the province."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import pytest
from sqlalchemy import func, select

from counter_app import charges, payments, shifts
from counter_app.session import CounterSession
from counter_app.sync.engine import SyncEngine
from counter_app.sync.push import push
from local_cache import outbox, recovery, sync_store
from province_api.embedded import EmbeddedServer
from province_api.models import Payment
from tests.support.counter_child import CACHE_KEY_ENV
from tests.test_payments_flow import FLOAT, server

ROOT = Path(__file__).resolve().parent.parent


def encrypted(cache: Path) -> bytes:
    """The cache and its journal encrypted as the app opens them (the key made in the
    keyring); the key, which the children are given as their keyring would give it."""
    from counter_app.storage import open_cache

    opened, _found = open_cache(cache)
    opened.close()
    assert opened.key is not None
    return opened.key


def folder_key(cache: Path) -> str | None:
    from counter_app.cache_key import key_name
    from counter_app.credentials import SERVICE

    return keyring.get_password(SERVICE, key_name(cache.parent))


@contextmanager
def child(action: str, cache: Path, url: str, n: int = 1) -> Iterator[subprocess.Popen[str]]:
    key = folder_key(cache)  # (a cache encrypted by the test's app: the child's keyring)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.counter_child", action, str(cache), url, str(n)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            **({CACHE_KEY_ENV: key} if key else {}),
        },
    )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)


def read_until(proc: subprocess.Popen[str], prefix: str, timeout: float = 60) -> list[str]:
    """The child's lines up to and including the first that starts with `prefix`."""
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"child ended: {proc.stderr.read() if proc.stderr else ''}")
        lines.append(line.strip())
        if line.startswith(prefix):
            return lines
    raise AssertionError(f"no {prefix!r} from the child in {timeout} s: {lines}")


def kill9(proc: subprocess.Popen[str]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)


def reopened(sess: CounterSession) -> CounterSession:
    """Started again as the app starts: checked, and anything without its entry queued."""
    from counter_app.storage import open_cache

    cache, _found = open_cache(sess.cache.path)
    return CounterSession(cache, sess.signed, sess.settings, sess.make_api)


def booked(province: EmbeddedServer, receipt_no: str | None = None) -> list[Payment]:
    with server(province) as s:
        query = select(Payment).where(Payment.method.is_not(None))
        if receipt_no:
            query = query.where(Payment.receipt_no == receipt_no)
        return list(s.scalars(query))


def test_a_card_charged_then_the_counter_killed_is_settled_once_at_restart(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    shifts.open_shift(sess, FLOAT)
    sess.cache.close()
    encrypted(sess.cache.path)
    with child("card-hang", sess.cache.path, sqlite_province.url) as proc:
        read_until(proc, "charging")
        state = sess.cache.path.parent / "card-simulator.json"
        deadline = time.monotonic() + 30
        while not state.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert state.exists()  # the terminal took the money; the counter never heard
        kill9(proc)

    again = reopened(sess)
    [intent] = charges.open_intents(again)  # shown to the clerk, not dropped, not repeated
    assert intent.amount_fen == 1000 and intent.method == "card" and intent.receipt_no
    assert [e.kind for e in outbox.entries(again.cache)] == ["shift_open"]  # no payment yet
    # Until it is settled no other card is charged (the terminal keeps its last one only),
    # and the shift does not close.
    from counter_app.devices.card_terminal import SimulatedCardTerminal
    from counter_app.payments import PaymentRefused, PaymentRequest
    from tests.test_payments_flow import a_line

    line, account, customer = a_line(again)
    card = PaymentRequest("topup", customer, account, 500, "card", line)
    with pytest.raises(PaymentRefused, match="Settle the unfinished card charge"):
        payments.take_payment(again, card, SimulatedCardTerminal())
    with pytest.raises(PaymentRefused, match="Settle the unfinished card charge"):
        shifts.close_shift(again, {10000: 2})
    terminal = payments_terminal(again)
    record = charges.ask_terminal(intent, terminal)
    assert record is not None and record.approved
    done = payments.settle_charged(again, intent, record.reference, record.card_masked)
    assert done.payment["receipt_no"] == intent.receipt_no
    assert charges.open_intents(again) == []
    for _ in range(2):
        push(again.make_api(), again.cache, force=True)
    [paid] = booked(sqlite_province, intent.receipt_no)
    assert paid.amount_fen == 1000 and record.reference in (paid.reference or "")


def payments_terminal(sess: CounterSession):  # type: ignore[no-untyped-def]
    from counter_app.devices.card_terminal import make_terminal

    return make_terminal("simulator", sess.data_dir)


def test_a_card_never_charged_is_cancelled_and_its_number_not_reused(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    shifts.open_shift(sess, FLOAT)
    sess.cache.close()
    encrypted(sess.cache.path)
    with child("card-slow", sess.cache.path, sqlite_province.url) as proc:
        read_until(proc, "charging")
        time.sleep(0.5)
        kill9(proc)
    again = reopened(sess)
    [intent] = charges.open_intents(again)
    assert charges.ask_terminal(intent, payments_terminal(again)) is None  # nothing charged
    charges.cancel(again, intent, "the terminal has no such charge", by=again.signed.staff_id)
    assert charges.open_intents(again) == []
    assert booked(sqlite_province) == []


def test_killed_among_cash_payments_loses_no_confirmed_one_and_books_each_once(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    shifts.open_shift(sess, FLOAT)
    sess.cache.close()
    encrypted(sess.cache.path)
    with child("cash", sess.cache.path, sqlite_province.url, 200) as proc:
        lines = read_until(proc, "done", timeout=60)
        while len([x for x in lines if x.startswith("done")]) < 5:
            lines += read_until(proc, "done")
        kill9(proc)
    confirmed = {x.split()[1] for x in lines if x.startswith("done")}
    again = reopened(sess)
    queued = {e.body["receipt_no"] for e in outbox.entries(again.cache) if e.kind == "payment"}
    assert confirmed <= queued  # every payment the clerk saw done is there
    with again.cache.read() as conn:  # and its record, pending
        records = {
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT receipt_no FROM payment WHERE sync_state = 'pending'"
            )
        }
    assert records == queued
    for _ in range(3):
        push(again.make_api(), again.cache, force=True)
    at_province = [p.receipt_no for p in booked(sqlite_province)]
    assert sorted(at_province) == sorted(queued) and len(set(at_province)) == len(at_province)


def test_killed_while_pushing_and_while_pulling_then_started_again(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    shifts.open_shift(sess, FLOAT)
    sess.cache.close()
    encrypted(sess.cache.path)
    with child("cash", sess.cache.path, sqlite_province.url, 30) as proc:
        proc.wait(60)
    with child("push", sess.cache.path, sqlite_province.url) as proc:
        read_until(proc, "pushing")
        time.sleep(0.3)  # in the middle of sending: some answered, one perhaps in flight
        kill9(proc)
    again = reopened(sess)
    sent = outbox.entries(again.cache, ("pending", "accepted"))
    receipts = {e.body["receipt_no"] for e in sent if e.kind == "payment"}
    push(again.make_api(), again.cache, force=True)
    at_province = [p.receipt_no for p in booked(sqlite_province)]
    assert sorted(at_province) == sorted(receipts) and len(at_province) == 30
    total = sum(p.amount_fen for p in booked(sqlite_province))
    assert total == sum(1000 + i for i in range(30))  # to the fen
    again.cache.close()

    # A pull from the start, killed half-way: the next one carries on from its cursor.
    fresh = sess.cache.path.with_name("other.db")
    with child("pull", fresh, sqlite_province.url) as proc:
        read_until(proc, "page")
        read_until(proc, "page")
        kill9(proc)
    cache, _ = recovery.open_checked(fresh, bytes.fromhex(folder_key(fresh) or ""))
    cursor = sync_store.get_cursor(cache)
    SyncEngine(again.make_api(), cache).pull(verify=True)
    assert sync_store.get_cursor(cache) >= cursor
    with cache.read() as conn, server(sqlite_province) as s:
        from province_api.models import Customer

        here = conn.exec_driver_sql("SELECT count(*) FROM customer").scalar_one()
        assert here == s.scalar(select(func.count()).select_from(Customer))
    cache.close()


def test_killed_while_copying_a_snapshot_in_then_started_again(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    """The snapshot goes in in one transaction: killed in the middle of it, the cache has
    nothing of it (no cursor), and the next pull makes a whole cache. Encrypted, as the app
    keeps it: the plain snapshot file is attached to a SQLCipher cache."""
    sess.cache.close()
    encrypted(sess.cache.path)
    again = reopened(sess)
    fresh = sess.cache.path.with_name("snap.db")
    with child("snapshot", fresh, sqlite_province.url) as proc:
        read_until(proc, "copying")
        read_until(proc, "copying")
        kill9(proc)
    cache, _ = recovery.open_checked(fresh, bytes.fromhex(folder_key(fresh) or ""))
    assert sync_store.get_cursor(cache) == 0
    with cache.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM customer").scalar_one() == 0
    assert cache.encrypted
    result = SyncEngine(again.make_api(), cache, snapshot_min_rows=0).pull()
    assert result.snapshot_rows > 0 and result.repulled == {}
    assert sync_store.local_counts(cache) == sync_store.local_counts(again.cache)
    assert not sync_store.bulk_loading(cache)
    assert list(fresh.parent.glob("snapshot-*")) == []
    cache.close()
    again.cache.close()


def test_killed_while_the_province_asked_the_wallet_then_asked_again_once(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    from tests.support.fault_proxy import FaultProxy

    shifts.open_shift(sess, FLOAT)
    push(sess.make_api(), sess.cache, force=True)
    sess.cache.close()
    encrypted(sess.cache.path)
    with FaultProxy("127.0.0.1", sqlite_province.port) as proxy:
        with child("qr", sess.cache.path, proxy.url) as proc:
            read_until(proc, "charging")
            proxy.hold = True  # the wallet is charged, the answer never comes back
            deadline = time.monotonic() + 30
            while not booked(sqlite_province) and time.monotonic() < deadline:
                time.sleep(0.05)
            kill9(proc)
        proxy.hold = False
    [taken] = booked(sqlite_province)
    again = reopened(sess)
    [intent] = charges.open_intents(again)
    assert intent.method == "qr" and intent.receipt_no == taken.receipt_no
    done = payments.ask_again(again, intent)  # the same request, the same key: once
    assert done.state == "accepted" and done.payment["receipt_no"] == taken.receipt_no
    assert charges.open_intents(again) == []
    assert [p.receipt_no for p in booked(sqlite_province)] == [taken.receipt_no]
