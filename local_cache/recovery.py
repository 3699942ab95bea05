"""Opening the cache and the journal after whatever happened to them: a crash, a power cut,
a deleted or damaged file, a key that no longer opens them. The cache can always be pulled
again; the journal cannot."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from local_cache import cache_check, cipher, journal, orders_store, private_files
from local_cache import payments_store as store
from local_cache.db import JOURNAL_FILE, Cache

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recovery:
    """What opening found and did, for the clerk and the hall manager."""

    cache_problem: str | None = None  # the cache was damaged or gone: set aside, rebuilt
    cache_set_aside: Path | None = None
    journal_problem: str | None = None  # the journal was damaged: what could be read is kept
    salvaged: dict[str, Any] = field(default_factory=dict)
    records_restored: int = 0  # waiting actions written again into the cache
    journal_missing: bool = False  # a cache with data, and no journal beside it
    requeued: int = 0  # payments without an entry, queued again from their record
    unsaved: tuple[str, ...] = ()  # receipts of payments that could not be: for a person
    encrypted: bool = False  # the cache and the journal are SQLCipher files (local_cache.cipher)
    # The key no longer opens either file (the keyring was reset): both set aside, kept whole
    # for whoever has the old key; the journal's entries cannot be read without it.
    locked_aside: tuple[Path, ...] = ()
    # A large cache got a light check at the start; the whole check is to run in use
    # (local_cache.cache_check).
    check_in_use: bool = False

    @property
    def rebuilt(self) -> bool:
        return self.cache_problem is not None

    @property
    def key_lost(self) -> bool:
        return bool(self.locked_aside)

    @property
    def worth_telling(self) -> bool:
        return bool(
            self.rebuilt
            or self.journal_problem
            or self.journal_missing
            or self.unsaved
            or self.key_lost
            or not self.encrypted
        )


def open_checked(path: Path, key: bytes | None = None) -> tuple[Cache, Recovery]:
    """The cache and its journal, each checked (SQLite's quick check) before use; with `key`,
    both SQLCipher files with it (plain ones found are encrypted in place)."""
    path = Path(path)
    journal_path = path.with_name(JOURNAL_FILE)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    locked_aside = _set_aside_locked(path, journal_path, key, stamp)
    salvaged = None
    journal_problem = journal.check(journal_path, key)
    if journal_problem:
        salvaged = journal.salvage(journal.set_aside(journal_path, stamp), key)
    # (A cache from before schema v9 has no journal yet: its migration makes one.)
    journal_missing = not journal_path.exists() and _user_version(path, key) >= JOURNAL_SINCE
    cache_problem, check_in_use = cache_check.at_start(path, key)
    cache_aside = journal.set_aside(path, stamp) if cache_problem else None
    if not check_in_use:
        cache_check.cleared(path)
    if cache_problem is None and not path.exists() and journal_path.exists():
        cache_problem = "the cache file was missing"
    try:
        cache = Cache(path, journal_path, key)
    except cipher.DATABASE_ERRORS as exc:  # damage the quick check did not see
        cache_problem, cache_aside = str(exc), journal.set_aside(path, stamp)
        cache = Cache(path, journal_path, key)
    now = datetime.now(UTC).isoformat()
    with cache.write() as conn:
        if locked_aside:
            journal.audit(
                conn, now, "cache_key_lost", {"set_aside": [str(p) for p in locked_aside]}, None
            )
        if salvaged is not None:
            journal.restore(conn, salvaged)
            journal.audit(conn, now, "journal_damaged", salvaged.summary(), None)
        if cache_problem:
            journal.audit(conn, now, "cache_rebuilt", {"problem": cache_problem}, None)
        if journal_missing:
            journal.audit(conn, now, "journal_missing", {"journal": str(journal_path)}, None)
        restored = journal.reconcile(conn, _put)
    return cache, Recovery(
        cache_problem,
        cache_aside,
        journal_problem,
        salvaged.summary() if salvaged is not None else {},
        restored,
        journal_missing,
        encrypted=key is not None,
        locked_aside=locked_aside,
        check_in_use=check_in_use and cache_problem is None,
    )


def _set_aside_locked(
    path: Path, journal_path: Path, key: bytes | None, stamp: str
) -> tuple[Path, ...]:
    """Both files there, and the key opens neither: the key is not theirs (the keyring was
    reset, or the files came from another counter). Damage strikes one file, not both on
    their first page: one that does not open alone is damage, checked as such. Both are set
    aside whole (never deleted: they open again with the old key) and the counter starts
    anew; the province's data comes with the next pull, the journal's entries do not."""
    if key is None:
        return ()
    states = {cipher.state(p, key) for p in (path, journal_path)}
    if states != {cipher.LOCKED}:
        return ()
    aside = []
    for db_file in (journal_path, path):
        target = db_file.with_name(f"{db_file.name}.other-key-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            part = Path(f"{db_file}{suffix}")
            if part.exists():
                part.rename(Path(f"{target}{suffix}"))
                private_files.tighten(Path(f"{target}{suffix}"))
        aside.append(target)
    return tuple(aside)


def encrypted_files(path: Path) -> list[Path]:
    """The cache and its journal, of those there, that are not plain SQLite (encrypted, or
    not a database at all): what opening them without a key would set aside as damaged."""
    files = (path, path.with_name(JOURNAL_FILE))
    return [p for p in files if cipher.state(p, None) == cipher.LOCKED]


_UNREADABLE: tuple[type[Exception], ...] = (*cipher.DATABASE_ERRORS, OSError)


def encrypt_copies(copies: Iterable[Path], key: bytes) -> list[Path]:
    """Copies made before the cache was encrypted (the daily copies, a migration's), each
    encrypted in place with the cache's key; one that cannot be read is left as it is (and
    logged by name). Returns those encrypted now."""
    done = []
    for copy in copies:
        try:
            if cipher.encrypt_in_place(copy, key):
                done.append(copy)
        except _UNREADABLE as exc:
            log.warning("a plain copy could not be encrypted: %s (%s)", copy.name, exc)
    return done


JOURNAL_SINCE = 9  # the cache schema that moved the outbox into the journal


def _user_version(path: Path, key: bytes | None = None) -> int:
    if not path.exists():
        return 0
    try:
        conn = cipher.inspect(path, key)
        try:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except cipher.DATABASE_ERRORS:
        return 0


def _put(conn: Connection, entity: str, row: dict[str, Any]) -> None:
    if entity == "product_order":
        orders_store.put_order(conn, row, sync_state="pending")
    else:
        store.put(conn, entity, row, sync_state="pending", force=True)


_RECEIPT_FILE = re.compile(r"^(?P<prefix>[^-]+-[^-]+-)(?P<number>\d{6,})(?:-reprint\d+)?\.pdf$")


def floor_from_files(cache: Cache, folder: Path) -> None:
    """Never number below a receipt already handed out: its PDF is in the receipts folder
    (the journal lost with the cache, or restored from an older copy)."""
    highest: dict[str, int] = {}
    if folder.is_dir():
        for entry in folder.iterdir():
            match = _RECEIPT_FILE.match(entry.name)
            if match:
                prefix, number = match["prefix"], int(match["number"])
                highest[prefix] = max(highest.get(prefix, 0), number)
    if highest:
        with cache.write() as conn:
            for prefix, number in highest.items():
                journal.raise_floor(conn, prefix, number)


def daily_copy(cache: Cache, folder: Path, today: str, keep: int = 7) -> Path | None:
    """Once a day, a consistent copy of the cache and the journal (SQLite's online backup,
    encrypted with the cache's key); copies older than `keep` days are removed. None when
    today's copy is already there."""
    private_files.private_dir(folder)
    target = folder / f"cache-{today}.db"
    if target.exists():
        return None
    for source, name in ((cache.journal_path, f"journal-{today}.db"), (cache.path, target.name)):
        partial = folder / f"{name}.part"
        partial.unlink(missing_ok=True)  # (one left by a crash: start it again)
        src = cipher.connect(source, cache.key)
        dst = cipher.connect(private_files.private_file(partial), cache.key)
        try:
            src.backup(dst, pages=4096)
        finally:
            dst.close()
            src.close()
        partial.replace(folder / name)
    days = sorted({p.name[len("cache-") : -len(".db")] for p in folder.glob("cache-*.db")})
    for old in days[:-keep]:
        for stale in (folder / f"cache-{old}.db", folder / f"journal-{old}.db"):
            stale.unlink(missing_ok=True)
    return target
