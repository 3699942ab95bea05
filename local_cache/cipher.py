"""The cache and the journal encrypted at rest (SQLCipher, through `sqlcipher3`).

Both files hold personal data (the cache every customer's ID, phone and address; the journal
the payments and the audit), so with a key both are SQLCipher files. The key is a raw 256-bit
key (`x'…'`, 64 hex digits), not a passphrase: SQLCipher derives nothing from it, so opening
a connection stays fast. It is the first statement of every connection. Without a key the
files are plain SQLite, as before. Where the key is kept is the counter's business
(counter_app.cache_key: the OS keyring); this module never writes it anywhere.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from local_cache import private_files

KEY_BYTES = 32
PLAIN_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every plain SQLite file
# A damaged or unreadable file raises one or the other, as it was opened; SQLCipher, once a
# page failed to decrypt, answers what follows with SQLITE_NOMEM (MemoryError in Python).
DATABASE_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.DatabaseError,
    sqlcipher.DatabaseError,
    MemoryError,
)

# What a file on disk is, to this key (`state`).
MISSING = "missing"  # not there, or empty: SQLite makes a new database in it
PLAIN = "plain"  # a plain SQLite file
OPENS = "opens"  # a SQLCipher file this key opens
LOCKED = "locked"  # neither: another key's, or not a database at all (damaged)


def module(key: bytes | None) -> Any:
    """The DB-API module for files with this key (for SQLAlchemy's `module=`)."""
    return sqlite3 if key is None else sqlcipher


def key_literal(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError(f"a cache key has {KEY_BYTES} bytes, not {len(key)}")
    return f"x'{key.hex()}'"


def apply_key(dbapi_conn: Any, key: bytes) -> None:
    """The key, as the connection's first statement (a PRAGMA takes no bound parameter: the
    text is hex digits only, made here)."""
    cur = dbapi_conn.cursor()
    cur.execute(f'PRAGMA key = "{key_literal(key)}"')
    cur.close()


def connect(path: Path | str, key: bytes | None, *, read_only: bool = False) -> Any:
    """A DB-API connection to `path`: SQLCipher opened with `key`, or plain sqlite3 without.
    Every place that opens the cache or the journal directly comes through here."""
    target, uri = (f"file:{path}?mode=ro", True) if read_only else (str(path), False)
    if key is None:
        return sqlite3.connect(target, uri=uri)
    conn = sqlcipher.connect(target, uri=uri)
    try:
        apply_key(conn, key)
    except BaseException:
        conn.close()
        raise
    return conn


def is_plain(path: Path) -> bool:
    try:
        with Path(path).open("rb") as f:
            return f.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except OSError:
        return False


def state(path: Path, key: bytes | None) -> str:
    """MISSING, PLAIN, OPENS or LOCKED: what `path` is to `key` (read only, nothing changed)."""
    path = Path(path)
    try:
        if path.stat().st_size == 0:
            return MISSING
    except FileNotFoundError:
        return MISSING
    if is_plain(path):
        return PLAIN
    if key is None:
        return LOCKED
    try:
        conn = connect(path, key, read_only=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except DATABASE_ERRORS:
        return LOCKED
    return OPENS


def inspect(path: Path, key: bytes | None) -> Any:
    """A read-only connection to a file as it is found: a plain file as plain SQLite (one from
    before encryption, or not yet converted), any other with the key. For the checks, the
    salvage and the schema version read before the cache is opened."""
    return connect(path, None if is_plain(path) else key, read_only=True)


def _table_counts(conn: Any) -> dict[str, int]:
    names = [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0 "
            "AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}


def encrypt_in_place(path: Path, key: bytes) -> bool:
    """A plain SQLite file made a SQLCipher file with `key`, under the same name; False when
    it was not plain (already encrypted, missing or empty: nothing done).

    Crash-safe: the plain file's WAL is first folded into it (and removed, so that none of it
    can be applied to the new file); the encrypted copy is written beside it
    (`sqlcipher_export`), read back whole, its tables counted against the plain file's, and
    synced to disk; only then is it renamed over the plain file in one step. Killed at any
    moment, the counter finds under `path` either the whole plain file (converted again at
    the next start) or the whole encrypted one; the plain copy is gone once it is replaced.
    """
    path = Path(path)
    partial = path.with_name(f"{path.name}.encrypting")
    for suffix in ("", *private_files.SQLITE_SIDE_FILES):  # (left by a crash: start again)
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    if state(path, None) != PLAIN:
        return False
    try:
        _export(path, partial, key)
    except Exception:
        partial.unlink(missing_ok=True)
        raise
    _fsync(partial)
    _swap(partial, path)
    return True


def _export(path: Path, partial: Path, key: bytes) -> None:
    plain = sqlite3.connect(path, isolation_level=None)
    try:
        version = int(plain.execute("PRAGMA user_version").fetchone()[0])
        plain.execute("PRAGMA journal_mode=DELETE")  # the WAL checkpointed and removed
        expected = _table_counts(plain)
    finally:
        plain.close()
    private_files.private_file(partial)
    conn = sqlcipher.connect(str(path), isolation_level=None)  # no key: the plain file
    try:
        conn.execute("ATTACH DATABASE ? AS enc KEY ?", (str(partial), key_literal(key)))
        conn.execute("SELECT sqlcipher_export('enc')")
        conn.execute(f"PRAGMA enc.user_version = {version}")  # (not exported)
        conn.execute("DETACH DATABASE enc")
    finally:
        conn.close()
    check = connect(partial, key)
    try:
        answers = [r[0] for r in check.execute("PRAGMA quick_check")]
        counts = _table_counts(check)
    finally:
        check.close()
    if answers != ["ok"] or counts != expected:
        raise sqlcipher.DatabaseError(f"the encrypted copy of {path.name} did not read back whole")


def _swap(partial: Path, path: Path) -> None:
    """The encrypted copy in the plain file's place, in one step (a rename), made durable."""
    os.replace(partial, path)
    _fsync(path.parent)


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # (a folder cannot be opened so on every system)
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
