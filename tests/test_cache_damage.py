"""What is precious is kept apart from what can be pulled again (issue 10, points 5 and 7):
the cache deleted, truncated or damaged in the middle with payments queued loses nothing
unsent and reuses no receipt number; a damaged journal is set aside and reported. The files
are encrypted (SQLCipher, the key in the keyring) as the app keeps them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from counter_app import payments, shifts
from counter_app.cache_key import cache_key
from counter_app.credentials import Credentials
from counter_app.payments import PaymentRequest
from counter_app.session import CounterSession
from counter_app.storage import open_cache
from counter_app.sync.engine import SyncEngine
from counter_app.sync.push import push
from local_cache import journal, outbox, recovery
from local_cache.db import JOURNAL_FILE
from province_api.embedded import EmbeddedServer
from tests.test_crash_journal import booked
from tests.test_payments_flow import FLOAT, a_line


def queue_twenty(sess: CounterSession) -> list[str]:
    shifts.open_shift(sess, FLOAT)
    line, account, customer = a_line(sess)
    receipts = []
    for i in range(20):
        req = PaymentRequest("topup", customer, account, 1000 + i, "cash", line, 5000)
        receipts.append(payments.take_payment(sess, req).payment["receipt_no"])
    sess.cache.close()
    cache, _found = open_cache(sess.cache.path)  # encrypted, as the app keeps them
    cache.close()
    return receipts


def key(sess: CounterSession) -> bytes:
    """The key the keyring keeps for the cache's folder (made at the first open_cache)."""
    found = cache_key(Credentials(), sess.cache.path.parent)
    assert found is not None
    return found


def delete(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def truncate(path: Path) -> None:
    with path.open("r+b") as f:
        f.truncate(path.stat().st_size // 2)


def damage_middle(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.seek(size // 2 - (size // 2) % 4096)
        f.write(os.urandom(16 * 4096))


@pytest.mark.parametrize("harm", [delete, truncate, damage_middle])
def test_the_cache_lost_or_damaged_with_payments_queued(
    harm, sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    receipts = queue_twenty(sess)
    harm(sess.cache.path)

    cache, found = recovery.open_checked(sess.cache.path, key(sess))
    assert found.rebuilt and found.records_restored == 21  # the shift and twenty payments
    again = CounterSession(cache, sess.signed, sess.settings, sess.make_api)
    assert sorted(e.body["receipt_no"] for e in outbox.entries(cache) if e.kind == "payment") == (
        sorted(receipts)
    )
    with cache.read() as conn:
        assert journal.audit_log(conn, "cache_rebuilt")
    # Pulled again from the province; the queue goes; the next receipt is a new number.
    SyncEngine(again.make_api(), cache).pull()
    assert payments.current_shift(again) is not None
    line, account, customer = a_line(again)
    req = PaymentRequest("topup", customer, account, 500, "cash", line, 500)
    receipt = payments.take_payment(again, req).payment["receipt_no"]
    assert receipt not in receipts and receipt > max(receipts)
    push(again.make_api(), cache, force=True)
    at_province = sorted(p.receipt_no for p in booked(sqlite_province))
    assert at_province == sorted([*receipts, receipt])
    cache.close()


def test_receipt_numbers_continue_above_the_receipt_files_when_both_are_lost(
    sess: CounterSession,
) -> None:
    receipts = queue_twenty(sess)
    folder = sess.cache.path.parent / "receipts"
    folder.mkdir()
    (folder / f"{receipts[-1]}.pdf").write_bytes(b"%PDF-")  # what was handed over
    delete(sess.cache.path)
    delete(sess.cache.path.with_name(JOURNAL_FILE))
    cache, _found = open_cache(sess.cache.path)
    again = CounterSession(cache, sess.signed, sess.settings, sess.make_api)
    SyncEngine(again.make_api(), cache).pull()
    shifts.open_shift(again, FLOAT)
    line, account, customer = a_line(again)
    req = PaymentRequest("topup", customer, account, 500, "cash", line, 500)
    assert payments.take_payment(again, req).payment["receipt_no"] > receipts[-1]
    cache.close()


def test_a_damaged_journal_is_set_aside_and_what_it_held_is_told(sess: CounterSession) -> None:
    receipts = queue_twenty(sess)
    journal_file = sess.cache.path.with_name(JOURNAL_FILE)
    size = journal_file.stat().st_size
    with journal_file.open("r+b") as f:  # the file's last pages: an index, the audit
        f.seek(size - 2 * 4096)
        f.write(os.urandom(4096))
    cache, found = recovery.open_checked(sess.cache.path, key(sess))
    assert found.journal_problem
    assert list(sess.cache.path.parent.glob(f"{JOURNAL_FILE}.damaged-*"))
    told = found.salvaged
    assert set(told) >= {"waiting", "refused", "charges_open", "receipt_floor", "unreadable"}
    waiting = {w["receipt_no"] for w in told["waiting"] if w["kind"] == "payment"}
    assert waiting, told
    assert waiting <= set(receipts)
    kept = {e.body.get("receipt_no") for e in outbox.entries(cache) if e.kind == "payment"}
    assert kept == waiting  # what could be read goes on being sent
    with cache.read() as conn:
        [note] = journal.audit_log(conn, "journal_damaged")
    assert note["detail"]["waiting"] == told["waiting"]
    cache.close()


def test_a_copy_a_day_kept_for_a_week(sess: CounterSession, tmp_path: Path) -> None:
    sess.cache.close()
    cache, _found = open_cache(sess.cache.path)  # encrypted, as the app keeps it
    folder = tmp_path / "backups"
    for day in range(1, 10):
        recovery.daily_copy(cache, folder, f"202612{day:02d}")
    assert recovery.daily_copy(cache, folder, "20261209") is None  # once a day
    kept = sorted(p.name for p in folder.glob("cache-*.db"))
    assert kept == [f"cache-202612{d:02d}.db" for d in range(3, 10)]
    assert len(list(folder.glob("journal-*.db"))) == 7
    cache.close()


def test_the_clerk_is_told_at_the_first_screen_what_a_damaged_journal_held(
    qtbot, sess: CounterSession, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from counter_app.credentials import Credentials
    from counter_app.settings import AppPaths, Settings
    from ui.app import CounterApp

    receipts = queue_twenty(sess)
    journal_file = sess.cache.path.with_name(JOURNAL_FILE)
    size = journal_file.stat().st_size
    with journal_file.open("r+b") as f:
        f.seek(size - 2 * 4096)
        f.write(os.urandom(4096))
    cache, found = recovery.open_checked(sess.cache.path, key(sess))
    app = CounterApp(
        AppPaths.under(tmp_path / "counter"), Settings(language="en"), Credentials(), cache, found
    )
    try:
        login = app.show_login()
        notice = login.findChild(QMessageBox, "recoveryNotice")
        assert notice is not None and "journal" in notice.text() and "hall manager" in notice.text()
        assert any(r in notice.detailedText() for r in receipts)
    finally:
        app.shutdown()


def test_the_journal_forgets_what_the_province_took_a_month_ago(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    from counter_app import storage

    receipts = queue_twenty(sess)
    cache, _found = recovery.open_checked(sess.cache.path, key(sess))
    push(CounterSession(cache, sess.signed, sess.settings, sess.make_api).make_api(), cache)
    with cache.write() as conn:  # ten of them were taken long ago
        conn.exec_driver_sql(
            "UPDATE outbox SET done_at = '2026-01-01T00:00:00+00:00' WHERE seq IN "
            "(SELECT seq FROM outbox WHERE state = 'accepted' ORDER BY seq LIMIT 10)"
        )
    storage.daily_copy(cache, "20261203")
    left = outbox.entries(cache, ("accepted",))
    assert len(left) == 11 and {e.body.get("receipt_no") for e in left} <= {None, *receipts}
    cache.close()


def test_the_journal_deleted_with_payments_queued_sends_them_again_from_their_records(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    receipts = queue_twenty(sess)
    delete(sess.cache.path.with_name(JOURNAL_FILE))
    cache, found = open_cache(sess.cache.path)
    assert found.journal_missing and found.requeued == 21 and found.worth_telling
    again = CounterSession(cache, sess.signed, sess.settings, sess.make_api)
    line, account, customer = a_line(again)  # numbering goes on above what is recorded
    req = PaymentRequest("topup", customer, account, 500, "cash", line, 500)
    receipt = payments.take_payment(again, req).payment["receipt_no"]
    assert receipt > max(receipts)
    push(again.make_api(), cache, force=True)
    assert sorted(p.receipt_no for p in booked(sqlite_province)) == sorted([*receipts, receipt])
    with cache.read() as conn:
        assert journal.audit_log(conn, "journal_missing")
    cache.close()


# -- a province-sized cache: the whole check deferred to a worker (local_cache.cache_check) --


def test_a_large_cache_is_checked_lightly_at_the_start_and_whole_in_use(
    sess: CounterSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Damage in the middle of a cache too large to check whole before the first window is
    found by the check in use, told, audited, and set aside at the next start."""
    from counter_app import storage
    from local_cache import cache_check

    receipts = queue_twenty(sess)
    monkeypatch.setattr(cache_check, "FULL_CHECK_MAX_BYTES", 0)  # every cache is "large"
    path = sess.cache.path
    cache, found = recovery.open_checked(path, key(sess))
    assert found.check_in_use and not found.rebuilt
    assert storage.check_in_use(cache) is None and not cache_check.marker(path).exists()
    cache.close()

    damage_middle(path)
    cache, found = recovery.open_checked(path, key(sess))
    assert found.check_in_use and not found.rebuilt  # the light check does not see it
    problem = storage.check_in_use(cache)
    assert problem and cache_check.marker(path).read_text(encoding="utf-8") == problem
    with cache.read() as conn:
        assert journal.audit_log(conn, "cache_damage_found")
    cache.close()

    cache, found = recovery.open_checked(path, key(sess))  # the next start checks whole
    assert found.rebuilt and not found.check_in_use and found.records_restored == 21
    assert not cache_check.marker(path).exists()
    assert sorted(e.body["receipt_no"] for e in outbox.entries(cache) if e.kind == "payment") == (
        sorted(receipts)
    )
    cache.close()


def test_a_large_cache_cut_short_is_rebuilt_at_the_start(
    sess: CounterSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    from local_cache import cache_check

    queue_twenty(sess)
    monkeypatch.setattr(cache_check, "FULL_CHECK_MAX_BYTES", 0)
    truncate(sess.cache.path)
    cache, found = recovery.open_checked(sess.cache.path, key(sess))
    assert found.rebuilt and found.records_restored == 21 and not found.check_in_use
    cache.close()


def test_the_clerk_is_told_when_the_check_in_use_finds_damage(
    qtbot, sess: CounterSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from counter_app.settings import AppPaths, Settings
    from local_cache import cache_check
    from ui.app import CounterApp

    queue_twenty(sess)
    monkeypatch.setattr(cache_check, "FULL_CHECK_MAX_BYTES", 0)
    damage_middle(sess.cache.path)
    cache, found = recovery.open_checked(sess.cache.path, key(sess))
    assert found.check_in_use
    app = CounterApp(
        AppPaths.under(tmp_path / "counter"), Settings(language="en"), Credentials(), cache, found
    )
    try:
        login = app.show_login()
        qtbot.waitUntil(
            lambda: login.findChild(QMessageBox, "cacheDamagedInUse") is not None, timeout=20_000
        )
        box = login.findChild(QMessageBox, "cacheDamagedInUse")
        assert "Restart Counter" in box.text() and "Nothing waiting" in box.text()
        assert cache_check.marker(sess.cache.path).exists()
    finally:
        app.shutdown()
