"""The cache's personal data encrypted at rest: the cache and its journal are SQLCipher files
whose key is in the keyring, made at the first start; they do not open without it. Where no
keyring works the counter refuses to open the cache until an administrator chooses
(`cache_encryption` = "off"); a key that no longer opens them sets both aside, whole."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from counter_app import cache_key, payments, shifts, storage
from counter_app.credentials import SERVICE, Credentials
from counter_app.payments import PaymentRequest
from counter_app.session import CounterSession
from counter_app.settings import AppPaths, Settings
from counter_app.sync.engine import SyncEngine
from counter_app.sync.push import push
from local_cache import cipher, journal, outbox
from local_cache.db import JOURNAL_FILE, Cache
from province_api.embedded import EmbeddedServer
from tests.support.memory_keyring import MemoryKeyring
from tests.test_crash_journal import booked
from tests.test_payments_flow import FLOAT, a_line

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))


def db_files(folder: Path) -> dict[str, bytes]:
    """The raw bytes of the cache, the journal and their WAL files, as they are on disk."""
    names = ("cache.db", "cache.db-wal", JOURNAL_FILE, f"{JOURNAL_FILE}-wal")
    return {n: (folder / n).read_bytes() for n in names if (folder / n).exists()}


def a_customer(cache: Cache) -> tuple[str, str, str]:
    with cache.read() as conn:
        row = conn.exec_driver_sql(
            "SELECT id, id_number, name FROM customer WHERE id_number IS NOT NULL "
            "AND length(id_number) = 18 ORDER BY id LIMIT 1"
        ).one()
    return str(row[0]), str(row[1]), str(row[2])


def pulled(province: EmbeddedServer, path: Path, key: bytes | None) -> tuple[Cache, str, str]:
    """A cache pulled from the province, with one customer's full ID written in the journal's
    audit too (as a revealed ID's row would be): (cache, ID number, name)."""
    from counter_app import auth
    from counter_app.api_client import ApiClient

    creds = Credentials()
    signed = auth.sign_in(creds, province.url, "H001", "C01", "H001-C01", "demo")
    cache = Cache(path, key=key)
    SyncEngine(ApiClient(province.url, creds.get(signed.token_key)), cache).pull()
    _id, id_number, name = a_customer(cache)
    with cache.write() as conn:
        journal.audit(conn, datetime.now(UTC).isoformat(), "test", {"id": id_number}, None)
    return cache, id_number, name


def test_a_cache_file_does_not_open_without_its_key(
    sqlite_province: EmbeddedServer, tmp_path: Path
) -> None:
    plain_cache, plain_id, _ = pulled(sqlite_province, tmp_path / "plain" / "cache.db", None)
    try:  # the check below can see an ID number: a plain cache holds it in clear
        assert any(plain_id.encode() in data for data in db_files(tmp_path / "plain").values())
    finally:
        plain_cache.close()

    folder = tmp_path / "enc"
    cache, id_number, name = pulled(sqlite_province, folder / "cache.db", KEY)
    try:
        on_disk = db_files(folder)  # open, its WAL files full
        assert {"cache.db-wal", f"{JOURNAL_FILE}-wal"} <= set(on_disk)
        for file_name, data in on_disk.items():
            assert id_number.encode() not in data, file_name
            assert name.encode("utf-8") not in data, file_name
            assert not data.startswith(cipher.PLAIN_HEADER), file_name
    finally:
        cache.close()
    for file_name, data in db_files(folder).items():  # closed: all in the main files
        assert id_number.encode() not in data, file_name

    for db_file in (folder / "cache.db", folder / JOURNAL_FILE):
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            sqlite3.connect(db_file).execute("SELECT count(*) FROM sqlite_master").fetchone()
        wrong = sqlcipher.connect(str(db_file))
        wrong.execute(f"PRAGMA key = \"x'{OTHER_KEY.hex()}'\"")
        with pytest.raises(sqlcipher.DatabaseError, match="not a database"):
            wrong.execute("SELECT count(*) FROM sqlite_master").fetchone()
        wrong.close()
        assert cipher.state(db_file, None) == cipher.LOCKED
        assert cipher.state(db_file, OTHER_KEY) == cipher.LOCKED
        assert cipher.state(db_file, KEY) == cipher.OPENS

    again = Cache(folder / "cache.db", key=KEY)  # and with its key, all of it
    try:
        assert a_customer(again)[1] == id_number
        with again.read() as conn:
            assert journal.audit_log(conn, "test")[0]["detail"] == {"id": id_number}
    finally:
        again.close()


def take_cash(sess: CounterSession, amount_fen: int = 1000) -> str:
    line, account, customer = a_line(sess)
    req = PaymentRequest("topup", customer, account, amount_fen, "cash", line, amount_fen)
    return str(payments.take_payment(sess, req).payment["receipt_no"])


def test_a_plain_cache_with_an_outbox_entry_is_encrypted_in_place_and_the_entry_kept(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    shifts.open_shift(sess, FLOAT)
    receipt = take_cash(sess)
    before = {e.id: (e.kind, e.body) for e in outbox.entries(sess.cache)}
    storage.daily_copy(sess.cache, "20261201")  # a copy made before encryption, and a
    sess.cache.backup("v8")  # migration's
    sess.cache.close()
    folder = sess.cache.path.parent
    assert cipher.is_plain(sess.cache.path) and cipher.is_plain(folder / JOURNAL_FILE)

    cache, found = storage.open_cache(sess.cache.path)  # the app's path: the key made
    try:
        assert found.encrypted and not found.key_lost
        assert cache.key is not None
        for db_file in (sess.cache.path, folder / JOURNAL_FILE):
            assert cipher.state(db_file, None) == cipher.LOCKED
            assert cipher.state(db_file, cache.key) == cipher.OPENS
        copies = [*folder.glob("backups/*.db"), folder / "cache.db.v8.bak"]
        assert len(copies) == 3 and all(cipher.state(c, cache.key) == cipher.OPENS for c in copies)
        left = [p.name for p in folder.iterdir() if "encrypting" in p.name]
        assert left == []  # no plain copy or partial file stays
        assert {e.id: (e.kind, e.body) for e in outbox.entries(cache)} == before
        again = CounterSession(cache, sess.signed, sess.settings, sess.make_api)
        later = take_cash(again, 1500)  # numbering and the queue's order go on
        seqs = [e.seq for e in outbox.entries(cache)]
        assert seqs == sorted(seqs) and later > receipt
        push(again.make_api(), cache, force=True, staff_id=sess.signed.staff_id)
        assert {receipt, later} <= {p.receipt_no for p in booked(sqlite_province)}
    finally:
        cache.close()


def test_killed_while_encrypting_the_counter_keeps_a_whole_file_and_starts_again(
    sess: CounterSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    shifts.open_shift(sess, FLOAT)
    receipt = take_cash(sess)
    sess.cache.close()
    folder = sess.cache.path.parent
    real_swap = cipher._swap
    swaps: list[Path] = []

    def killed_at_second_swap(partial: Path, path: Path) -> None:
        swaps.append(path)
        if len(swaps) == 2:  # the cache is encrypted; the journal's copy is written, unswapped
            raise KeyboardInterrupt("killed")
        real_swap(partial, path)

    monkeypatch.setattr(cipher, "_swap", killed_at_second_swap)
    with pytest.raises(KeyboardInterrupt):
        Cache(sess.cache.path, key=KEY)
    monkeypatch.setattr(cipher, "_swap", real_swap)
    assert swaps == [sess.cache.path, folder / JOURNAL_FILE]
    assert cipher.state(sess.cache.path, KEY) == cipher.OPENS
    assert cipher.is_plain(folder / JOURNAL_FILE)  # whole, as it was
    assert (folder / f"{JOURNAL_FILE}.encrypting").exists()

    cache = Cache(sess.cache.path, key=KEY)  # the next start finishes the work
    try:
        assert cipher.state(folder / JOURNAL_FILE, KEY) == cipher.OPENS
        assert not (folder / f"{JOURNAL_FILE}.encrypting").exists()
        assert [e.body["receipt_no"] for e in outbox.entries(cache) if e.kind == "payment"] == [
            receipt
        ]
    finally:
        cache.close()


def test_the_key_is_in_the_keyring_only_one_per_data_folder(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    paths = AppPaths.under(tmp_path / "counter")
    cache, _found = storage.open_cache(paths.cache_file)
    cache.close()
    [(service, name)] = memory_keyring.store
    assert service == SERVICE and name == cache_key.key_name(paths.data_dir)
    stored = memory_keyring.store[(service, name)]
    assert cache.key is not None and bytes.fromhex(stored) == cache.key
    for path in tmp_path.rglob("*"):  # never written anywhere else
        if path.is_file():
            data = path.read_bytes()
            assert cache.key not in data and stored.encode() not in data, path
    again, _found = storage.open_cache(paths.cache_file)  # the same key the next time
    again.close()
    assert again.key == cache.key and len(memory_keyring.store) == 1
    other, _found = storage.open_cache(tmp_path / "elsewhere" / "cache.db")
    other.close()
    assert other.key != cache.key and len(memory_keyring.store) == 2


@pytest.fixture
def no_keyring() -> Iterator[None]:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(MemoryKeyring())


def test_with_no_keyring_the_cache_is_not_opened_unless_the_administrator_said_off(
    tmp_path: Path, no_keyring: None
) -> None:
    creds = Credentials()
    assert creds.warning  # the sign-in is kept in memory: the cache key is not
    path = tmp_path / "counter" / "data" / "cache.db"
    with pytest.raises(storage.NoKeyringForCache) as refused:
        storage.open_cache(path, creds)
    assert cache_key.SETTING in str(refused.value)
    assert not path.exists()  # nothing made, nothing to lose

    cache, found = storage.open_cache(path, creds, cache_key.OFF)
    try:
        assert cache.key is None and not found.encrypted and found.worth_telling
        assert cipher.is_plain(path)
    finally:
        cache.close()


def test_off_over_an_encrypted_cache_refuses_rather_than_set_it_aside(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    cache, _found = storage.open_cache(path)
    cache.close()
    with pytest.raises(storage.CacheEncryptedButOff):
        storage.open_cache(path, Credentials(), cache_key.OFF)
    assert sorted(p.name for p in tmp_path.iterdir() if "damaged" in p.name) == []


def test_an_unreadable_keyring_is_not_taken_for_an_empty_one(
    tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keyring.errors import KeyringLocked

    path = tmp_path / "cache.db"
    cache, _found = storage.open_cache(path)
    cache.close()
    kept = dict(memory_keyring.store)

    def locked(_service: str, _name: str) -> str | None:
        raise KeyringLocked("locked")

    monkeypatch.setattr(memory_keyring, "get_password", locked)
    with pytest.raises(storage.NoKeyringForCache):
        storage.open_cache(path)
    assert memory_keyring.store == kept  # no new key written over the old one


def test_refused_at_start_with_a_dialog_naming_the_setting(
    qapp, tmp_path: Path, no_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import logging

    from PySide6.QtWidgets import QMessageBox

    from ui import main as entry

    shown: list[tuple[str, str]] = []

    def exec_(box: QMessageBox) -> int:
        shown.append((box.objectName(), box.text()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    sigint, umask = signal.getsignal(signal.SIGINT), os.umask(0o077)
    font, style = qapp.font(), qapp.styleSheet()  # main() sets the app's: later tests lay out
    try:
        assert entry.main(["--home", str(tmp_path / "home"), "--language", "en"]) == 1
    finally:
        qapp.setFont(font)
        qapp.setStyleSheet(style)
        os.umask(umask)
        signal.signal(signal.SIGINT, sigint)
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)
    [(name, text)] = shown
    assert name == "cacheRefused"
    assert '"cache_encryption": "off"' in text and "settings.json" in text and "keyring" in text
    assert not (tmp_path / "home" / "data" / "cache.db").exists()


def test_the_refusal_and_the_notices_are_in_chinese(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.i18n import install_translators
    from ui.main import cache_refusal

    paths = AppPaths.under(tmp_path)
    try:
        assert install_translators(qapp, "zh_CN")
        for exc in (cache_key.NoKeyringForCache("fail"), cache_key.CacheEncryptedButOff("x")):
            text = cache_refusal(exc, paths)
            assert "cache_encryption" in text and str(paths.settings_file) in text
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
    finally:
        install_translators(qapp, "en")


def test_unencrypted_by_choice_is_said_at_the_first_screen(
    qtbot, tmp_path: Path, no_keyring: None
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from ui.app import CounterApp

    paths = AppPaths.under(tmp_path / "counter")
    creds = Credentials()
    cache, found = storage.open_cache(paths.cache_file, creds, cache_key.OFF)
    app = CounterApp(paths, Settings(language="en"), creds, cache, found)
    try:
        notice = app.show_login().findChild(QMessageBox, "recoveryNotice")
        assert notice is not None and "not encrypted" in notice.text()
        assert "cache_encryption" in notice.text() and str(paths.settings_file) in notice.text()
    finally:
        app.shutdown()


def test_a_key_that_no_longer_opens_the_files_sets_both_aside_whole_and_says_so(
    qtbot, sess: CounterSession, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from ui.app import CounterApp

    sess.cache.close()
    cache, _found = storage.open_cache(sess.cache.path)
    again = CounterSession(cache, sess.signed, sess.settings, sess.make_api)
    shifts.open_shift(again, FLOAT)
    receipt = take_cash(again)
    old_key = cache.key
    cache.close()
    memory_keyring.store.clear()  # the keyring reset: a new key is made at the next start

    cache, found = storage.open_cache(sess.cache.path)
    try:
        assert found.key_lost and cache.key not in (None, old_key)
        assert not found.rebuilt and not found.journal_problem  # not taken for damage
        old_journal, old_cache = found.locked_aside
        assert old_journal.name.startswith(f"{JOURNAL_FILE}.other-key-")
        assert old_cache.name.startswith("cache.db.other-key-")
        assert [e.kind for e in outbox.entries(cache)] == ["audit"]  # its own notice only
        with cache.read() as conn:
            [note] = journal.audit_log(conn, "cache_key_lost")
        assert note["detail"]["set_aside"] == [str(old_journal), str(old_cache)]
        # Nothing deleted: with the old key, the old journal still holds the payment.
        kept = cipher.connect(old_journal, old_key, read_only=True)
        try:
            bodies = [json.loads(b) for (b,) in kept.execute("SELECT body FROM outbox")]
        finally:
            kept.close()
        assert receipt in {b.get("receipt_no") for b in bodies}

        paths = AppPaths.under(tmp_path / "counter")
        app = CounterApp(paths, Settings(language="en"), Credentials(), cache, found)
        try:
            notice = app.show_login().findChild(QMessageBox, "recoveryNotice")
            assert notice is not None
            assert "set-aside journal" in notice.text() and "hall manager" in notice.text()
            assert str(old_journal) in notice.detailedText()
        finally:
            app.shutdown()
    finally:
        cache.close()


def test_one_file_that_does_not_open_is_damage_not_a_lost_key(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    cache, _found = storage.open_cache(path)
    cache.close()
    (tmp_path / JOURNAL_FILE).write_bytes(os.urandom(8192))
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"{JOURNAL_FILE}{suffix}").unlink(missing_ok=True)
    cache, found = storage.open_cache(path)
    try:
        assert found.journal_problem and not found.key_lost and found.encrypted
    finally:
        cache.close()
