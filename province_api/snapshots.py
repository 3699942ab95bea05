"""Snapshots of what a hall's counters cache, for a first bootstrap without replaying the feed.

A snapshot is a SQLite file, compressed with zstd, holding every row the change feed would
give the hall (one table per synced entity, its columns as the feed sends them: times as
ISO text with their offset, JSON as text, booleans as 0/1), read in one consistent
transaction and stamped with the feed cursor it matches. A counter downloads it (HTTP range
requests: a cut download resumes), checks its hash, imports it in one transaction and pulls
the feed from its cursor. Snapshots are made in the background when a hall first asks and
again when the feed has moved on; the feed stays for everything else.

Each snapshot is two files in the store's folder: `<id>.db.zst` and `<id>.json` (what
`SnapshotInfo` holds). A snapshot of another database (the province's identity differs, or
its cursor is past the feed's head: a database restored or seeded again) is never served.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import zstandard
from sqlalchemy import JSON, Boolean, Connection, Engine, func, select

from province_api import changes
from province_api.db import READ_ONLY
from province_api.models import SYNC_ENTITIES, Change, ProvinceInstance

log = logging.getLogger(__name__)

FORMAT = 1  # of the file: a counter refuses one it does not know
META_TABLE = "snapshot_meta"
BATCH = 10_000
ZSTD_LEVEL = 3  # ~6x smaller at several hundred MB/s; higher levels cost more than they save
# A snapshot is made again once the feed has moved this far past it, or it is this old
# (and the feed moved at all); until the new one is ready the old one is served.
REFRESH_AFTER_CHANGES = 50_000
REFRESH_AFTER = timedelta(minutes=30)
KEEP = 2  # snapshots kept per hall: the newest, and the one a download may still be reading


@dataclass(frozen=True)
class SnapshotInfo:
    id: str
    hall_id: str
    province_id: str
    cursor: int  # the feed's head for the hall when it was read: pull from here
    made_at: str
    size: int  # bytes of the compressed file
    sha256: str  # of the compressed file
    rows: int
    counts: dict[str, int] = field(default_factory=dict)
    format: int = FORMAT
    build_seconds: float = 0.0

    def public(self) -> dict[str, Any]:
        """What GET /sync/snapshot answers."""
        return {
            "id": self.id,
            "hall_id": self.hall_id,
            "cursor": self.cursor,
            "made_at": self.made_at,
            "size": self.size,
            "sha256": self.sha256,
            "rows": self.rows,
            "counts": self.counts,
            "format": self.format,
        }


# -- reading the province --------------------------------------------------------------------


def province_id(conn: Connection) -> str:
    return str(conn.scalar(select(ProvinceInstance.id)) or "")


def feed_head(conn: Connection, hall_id: str) -> int:
    """The newest seq the hall can see (the cursor a snapshot read now matches)."""
    head = 0
    for scope in (Change.hall_id.is_(None), Change.hall_id == hall_id):
        head = max(head, int(conn.scalar(select(func.max(Change.seq)).where(scope)) or 0))
    return head


def _columns(entity: str) -> list[Any]:
    model, _ = SYNC_ENTITIES[entity]
    hidden = changes.PRIVATE_COLUMNS.get(entity, set())
    return [c for c in model.__table__.columns if c.name not in hidden]


def _converter(column: Any) -> Any:
    """How one column's value is written into the snapshot (as the feed would send it)."""
    if isinstance(column.type, JSON):
        return lambda v: orjson.dumps(v).decode()
    if isinstance(column.type, Boolean):
        return lambda v: None if v is None else int(bool(v))
    if column.type.python_type in (datetime, date):
        return changes.to_json_value
    return None


def _live_rows(conn: Connection, entity: str, hall_id: str) -> Iterator[list[tuple[Any, ...]]]:
    """Batches of the entity's rows the hall's feed holds as live (its upserts)."""
    model, scope_col = SYNC_ENTITIES[entity]
    table = model.__table__
    cols = _columns(entity)
    converters = [(i, f) for i, c in enumerate(cols) if (f := _converter(c)) is not None]
    scopes = [Change.hall_id.is_(None)] if scope_col is None else [Change.hall_id == hall_id]
    for scope in scopes:
        query = (
            select(*cols)
            .select_from(Change.__table__.join(table, table.c.id == Change.entity_id))
            .where(scope, Change.entity == entity, Change.op == "upsert")
            .order_by(table.c.id)  # a counter copies them in this order: its id index grows
        )  # at its end (local_cache.snapshot_import)
        result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
        for part in result.partitions(BATCH):
            if not converters:
                yield [tuple(row) for row in part]
                continue
            batch = []
            for row in part:
                values = list(row)
                for i, convert in converters:
                    values[i] = convert(values[i])
                batch.append(tuple(values))
            yield batch


@contextmanager
def _consistent_read(engine: Engine) -> Iterator[Connection]:
    """One read-only transaction seeing one moment of the province, with no time limit (a
    million customers take longer than a request's statement timeout)."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                conn.exec_driver_sql("SET LOCAL statement_timeout = 0")
                conn.exec_driver_sql("SET LOCAL idle_in_transaction_session_timeout = 0")
                yield conn
        else:  # SQLite in WAL: a deferred read transaction is a snapshot and blocks no writer
            conn = conn.execution_options(**{READ_ONLY: True})
            with conn.begin():
                yield conn


def _write_sqlite(conn: Connection, hall_id: str, target: Path) -> tuple[int, int, dict[str, int]]:
    """The hall's rows into a new SQLite file; returns (cursor, rows, rows per entity)."""
    out = sqlite3.connect(target)
    try:
        out.execute("PRAGMA journal_mode=OFF")
        out.execute("PRAGMA synchronous=OFF")
        out.execute("PRAGMA page_size=8192")
        cursor = feed_head(conn, hall_id)
        counts: dict[str, int] = {}
        for entity in SYNC_ENTITIES:
            names = [c.name for c in _columns(entity)]
            out.execute(f"CREATE TABLE {entity} ({', '.join(names)})")
            insert = f"INSERT INTO {entity} VALUES ({', '.join('?' * len(names))})"
            n = 0
            for batch in _live_rows(conn, entity, hall_id):
                out.executemany(insert, batch)
                n += len(batch)
            counts[entity] = n
        meta = {
            "format": FORMAT,
            "hall_id": hall_id,
            "province_id": province_id(conn),
            "cursor": cursor,
            "made_at": datetime.now(UTC).isoformat(),
            "counts": counts,
        }
        out.execute(f"CREATE TABLE {META_TABLE} (key TEXT PRIMARY KEY, value TEXT)")
        out.executemany(
            f"INSERT INTO {META_TABLE} VALUES (?, ?)",
            [(k, json.dumps(v)) for k, v in meta.items()],
        )
        out.commit()
    finally:
        out.close()
    return cursor, sum(counts.values()), counts


def _compress(source: Path, target: Path) -> str:
    """zstd-compress `source` into `target` (both cores); returns the sha256 of `target`."""
    compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL, threads=-1)
    with source.open("rb") as ifh, target.open("wb") as ofh:
        compressor.copy_stream(ifh, ofh, size=source.stat().st_size)
        ofh.flush()
        os.fsync(ofh.fileno())
    digest = hashlib.sha256()
    with target.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# -- the store -------------------------------------------------------------------------------


class SnapshotStore:
    """The snapshots in one folder, and their making (one at a time per hall, across the
    worker processes of one server: a lock file per hall)."""

    def __init__(self, folder: Path | str, engine: Engine) -> None:
        self.folder = Path(folder)
        self.engine = engine
        self._building: dict[str, threading.Thread] = {}
        self._lock = threading.Lock()
        self.last_error: dict[str, str] = {}

    def _infos(self) -> list[SnapshotInfo]:
        infos = []
        for path in self.folder.glob("*.json"):
            with suppress(OSError, ValueError, TypeError):
                info = SnapshotInfo(**json.loads(path.read_text(encoding="utf-8")))
                if info.format == FORMAT and self.file(info).exists():
                    infos.append(info)
        return infos

    def file(self, info: SnapshotInfo) -> Path:
        return self.folder / f"{info.id}.db.zst"

    def find(self, snapshot_id: str, hall_id: str) -> SnapshotInfo | None:
        for info in self._infos():
            if info.id == snapshot_id and info.hall_id == hall_id:
                return info
        return None

    def current(self, conn: Connection, hall_id: str) -> tuple[SnapshotInfo | None, bool]:
        """The newest servable snapshot of the hall, and whether a newer one should be made."""
        ident, head = province_id(conn), feed_head(conn, hall_id)
        mine = [
            i
            for i in self._infos()
            if i.hall_id == hall_id and i.province_id == ident and i.cursor <= head
        ]
        if not mine:
            return None, True
        newest = max(mine, key=lambda i: i.cursor)
        age = datetime.now(UTC) - datetime.fromisoformat(newest.made_at)
        moved = head - newest.cursor
        stale = moved >= REFRESH_AFTER_CHANGES or (moved > 0 and age >= REFRESH_AFTER)
        return newest, stale

    def build_soon(self, hall_id: str) -> bool:
        """Make a snapshot of the hall in a background thread unless one is being made
        already (here or in another worker). True when one is under way."""
        with self._lock:
            if hall_id in self._building:
                return True
            thread = threading.Thread(
                target=self._build_in_background, args=(hall_id,), name="snapshot", daemon=True
            )
            self._building[hall_id] = thread
        thread.start()
        return True

    def wait(self, hall_id: str, seconds: float) -> None:
        """Up to `seconds` for the snapshot of the hall being made here (a small hall's is
        ready in a moment: its counter need not come back for it)."""
        with self._lock:
            thread = self._building.get(hall_id)
        if thread is not None:
            thread.join(seconds)

    def _build_in_background(self, hall_id: str) -> None:
        try:
            self.build(hall_id)
        except Exception as exc:  # logged and told to the next asker; the feed still serves
            log.exception("snapshot of hall %s failed", hall_id)
            self.last_error[hall_id] = type(exc).__name__
        finally:
            with self._lock:
                self._building.pop(hall_id, None)

    def build(self, hall_id: str) -> SnapshotInfo | None:
        """Make a snapshot of the hall now (None: another process is making one)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        lock_path = self.folder / f"{hall_id}.lock"
        with lock_path.open("a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return None
            try:
                return self._build_locked(hall_id)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _build_locked(self, hall_id: str) -> SnapshotInfo:
        started = time.perf_counter()
        snapshot_id = str(uuid.uuid4())
        raw = self.folder / f"{snapshot_id}.db.partial"
        packed = self.folder / f"{snapshot_id}.db.zst.partial"
        try:
            with _consistent_read(self.engine) as conn:
                ident = province_id(conn)
                cursor, rows, counts = _write_sqlite(conn, hall_id, raw)
            sha256 = _compress(raw, packed)
            info = SnapshotInfo(
                id=snapshot_id,
                hall_id=hall_id,
                province_id=ident,
                cursor=cursor,
                made_at=datetime.now(UTC).isoformat(),
                size=packed.stat().st_size,
                sha256=sha256,
                rows=rows,
                counts=counts,
                build_seconds=round(time.perf_counter() - started, 2),
            )
            os.replace(packed, self.file(info))
            sidecar = self.folder / f"{snapshot_id}.json"
            sidecar.with_suffix(".partial").write_text(json.dumps(asdict(info)), "utf-8")
            os.replace(sidecar.with_suffix(".partial"), sidecar)  # last: now it is servable
        finally:
            raw.unlink(missing_ok=True)
            packed.unlink(missing_ok=True)
        log.info(
            "snapshot %s of hall %s: %s rows at cursor %s, %.1f MB, %.1f s",
            info.id,
            hall_id,
            info.rows,
            info.cursor,
            info.size / 1e6,
            info.build_seconds,
        )
        self._prune(hall_id, ident)
        self.last_error.pop(hall_id, None)
        return info

    def _prune(self, hall_id: str, ident: str) -> None:
        """Keep the KEEP newest of the hall; drop every snapshot of another database."""
        infos = self._infos()
        mine = sorted((i for i in infos if i.hall_id == hall_id), key=lambda i: i.made_at)
        for old in [i for i in infos if i.province_id != ident] + mine[:-KEEP]:
            (self.folder / f"{old.id}.json").unlink(missing_ok=True)
            self.file(old).unlink(missing_ok=True)


def default_folder(db_url: str) -> Path:
    """Beside a SQLite database file (`province.db.snapshots/`); for PostgreSQL, a folder
    of the database's own in the province user's cache folder. `CMS_SNAPSHOT_DIR` chooses
    another."""
    chosen = os.environ.get("CMS_SNAPSHOT_DIR")
    if chosen:
        return Path(chosen)
    if db_url.startswith("sqlite") and ":memory:" not in db_url:
        path = db_url.split(":///", 1)[-1].split("?", 1)[0]
        if path:
            return Path(path).with_name(Path(path).name + ".snapshots")
    import platformdirs

    name = hashlib.sha256(db_url.encode()).hexdigest()[:16]
    return platformdirs.user_cache_path("province-api") / "snapshots" / name
