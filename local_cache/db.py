"""Opening the cache: one SQLAlchemy engine over a WAL-mode SQLite file, migrated on open,
with the journal (local_cache.journal: what must never be lost) attached to every connection.
Given a key, both files are SQLCipher files with it (local_cache.cipher); a plain cache or
journal found then is encrypted in place first.

Every unit of work takes its own connection from the pool (`cache.read()` / `cache.write()`),
so each thread works on its own SQLite connection; SQLite serialises the writers.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

from local_cache import cipher, journal, private_files
from local_cache.schema import BEFORE, MIGRATIONS, REFILLS, SCHEMA_VERSION

log = logging.getLogger(__name__)


JOURNAL_FILE = "journal.db"


class Cache:
    def __init__(
        self, path: Path | str, journal_path: Path | None = None, key: bytes | None = None
    ) -> None:
        """With `key` (32 bytes) the cache and the journal are SQLCipher files with it; an
        existing plain one is encrypted in place first. Without, both are plain SQLite."""
        self.path = Path(path)
        self.journal_path = journal_path or self.path.with_name(JOURNAL_FILE)
        self.key = key
        private_files.make_dir(self.path.parent)
        for db_file in (self.path, self.journal_path):  # made 0600 before SQLite opens them:
            private_files.tighten_database(db_file)  # its -wal, -shm, -journal follow
            if key is not None:
                cipher.encrypt_in_place(db_file, key)
            private_files.private_file(db_file)
        self.engine: Engine = create_engine(
            f"sqlite:///{self.path}",
            module=cipher.module(key),
            connect_args={"check_same_thread": False, "timeout": 15},
            pool_size=8,
            max_overflow=8,
        )
        if key is not None:  # the key first, before any other statement
            event.listen(self.engine, "connect", lambda conn, _r: cipher.apply_key(conn, key))
        event.listen(self.engine, "connect", _pragmas)
        event.listen(self.engine, "begin", _begin)
        event.listen(
            self.engine, "connect", lambda conn, _r: journal.attach(conn, self.journal_path, key)
        )
        self.migrate()

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self, durable: bool = True) -> Iterator[Connection]:
        """One transaction, taking the write lock at its start (BEGIN IMMEDIATE): what it
        reads is what it writes on (a receipt number, a balance), whoever writes at the same
        moment. Committed on success, rolled back on any error.

        `durable=False` is for what the province can send again (a page of the feed with its
        cursor): the cache file is not synced at its commit (synchronous=NORMAL in WAL). A
        power cut may then lose the transaction, never half of it; the journal stays FULL."""
        with self.engine.connect() as conn:
            conn.execution_options(write=True)
            raw = conn.connection.driver_connection  # (a pragma outside any transaction)
            assert raw is not None
            if not durable:
                raw.execute("PRAGMA main.synchronous=NORMAL")
            try:
                with conn.begin():
                    yield conn
            finally:
                if not durable:
                    raw.execute("PRAGMA main.synchronous=FULL")

    def close(self) -> None:
        self.engine.dispose()

    # -- schema ------------------------------------------------------------------------
    def schema_version(self) -> int:
        with self.read() as conn:
            return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())

    def migrate(self) -> None:
        with self.write() as conn:
            journal.migrate(conn)  # first: the cache's v9 moves its outbox there
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise RuntimeError(
                f"cache {self.path} has schema {current}, newer than this app's {SCHEMA_VERSION}"
            )
        if current == SCHEMA_VERSION:
            return
        if current > 0:
            backup = self.backup(f"v{current}")
            log.info("cache schema %s -> %s; copy kept at %s", current, SCHEMA_VERSION, backup)
        for version in range(current + 1, SCHEMA_VERSION + 1):
            if version in BEFORE:
                with self.write() as conn:
                    BEFORE[version](conn)
            with self.write() as conn:
                MIGRATIONS[version](conn)
                if current > 0 and version in REFILLS:  # (a new cache has no rows to fill)
                    pending = set(json.loads(get_meta(conn, REFILL_KEY, "[]") or "[]"))
                    set_meta(conn, REFILL_KEY, json.dumps(sorted(pending | set(REFILLS[version]))))
                conn.exec_driver_sql(f"PRAGMA user_version = {version}")

    def backup(self, suffix: str) -> Path:
        """A consistent copy of the file beside it (SQLite's online backup), encrypted with
        the same key as the cache."""
        target = self.path.with_name(f"{self.path.name}.{suffix}.bak")
        target.unlink(missing_ok=True)  # (an older copy of that name, perhaps another key's)
        private_files.private_file(target)
        src = cipher.connect(self.path, self.key)
        dst = cipher.connect(target, self.key)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        return target


def _begin(conn: Connection) -> None:
    """The driver leaves transactions to us (isolation_level None): reads BEGIN deferred,
    writes BEGIN IMMEDIATE (SQLAlchemy's recipe for pysqlite)."""
    write = conn.get_execution_options().get("write")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


CACHE_KIB = 64 * 1024  # SQLite's page cache per connection
# While a bulk load builds its indexes: a sort needs few cached pages, and its runs are held in
# memory (temp_store=MEMORY, so that no sorted personal data goes to a temporary file).
BULK_CACHE_KIB = 16 * 1024


def _pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # no implicit BEGIN from the driver: see _begin
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")  # payments and shifts are written here too
    cur.execute("PRAGMA busy_timeout=15000")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cur.close()


REFILL_KEY = "refill_pending"  # entities a migration left incomplete (JSON list)


def get_meta(conn: Connection, key: str, default: str | None = None) -> str | None:
    value = conn.exec_driver_sql("SELECT value FROM meta WHERE key = ?", (key,)).scalar()
    return default if value is None else str(value)


def set_meta(conn: Connection, key: str, value: str) -> None:
    conn.exec_driver_sql(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
