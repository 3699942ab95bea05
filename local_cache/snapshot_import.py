"""A province snapshot (province_api.snapshots: one SQLite table per synced entity, columns as
the feed sends them) copied into the cache in one transaction, with its feed cursor.

The copy is SQLite's own (`INSERT … SELECT` from the attached snapshot file): no row passes
through Python but for the columns the cache derives (`name_tokens`, `id_rev`). Columns the
cache has and the snapshot lacks stay NULL; tables and columns the cache does not know are
left behind. Either the whole snapshot and its cursor are in, or nothing is: a crash before
the commit leaves the cache as it was (empty: a snapshot is only for a first bootstrap).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError

from local_cache import cipher, sync_store
from local_cache.db import Cache, set_meta
from local_cache.schema import ENTITIES

FORMAT = 1  # the snapshot file format this cache reads
UNREADABLE: tuple[type[Exception], ...] = (DBAPIError, *cipher.DATABASE_ERRORS)
SCHEMA = "snap"
# The SQL functions the copy derives columns with (registered on its connection).
_DERIVED_SQL = {
    "name_tokens": "counter_name_tokens(s.name)",
    "id_rev": "counter_reverse(s.id_number)",
}


class SnapshotRefused(Exception):
    """The file is not a snapshot this cache can take (format, hall, damage): pull the feed."""


@dataclass(frozen=True)
class SnapshotMeta:
    format: int
    hall_id: str
    province_id: str
    cursor: int
    counts: dict[str, int]


@dataclass(frozen=True)
class Imported:
    cursor: int
    rows: int
    counts: dict[str, int]


def read_meta(path: Path) -> SnapshotMeta:
    """The snapshot's stamp; SnapshotRefused when it is not one this cache reads."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = dict(conn.execute("SELECT key, value FROM snapshot_meta").fetchall())
        finally:
            conn.close()
        meta = {k: json.loads(v) for k, v in rows.items()}
        found = SnapshotMeta(
            int(meta["format"]),
            str(meta["hall_id"]),
            str(meta.get("province_id") or ""),
            int(meta["cursor"]),
            {str(k): int(v) for k, v in dict(meta.get("counts") or {}).items()},
        )
    except (sqlite3.DatabaseError, KeyError, ValueError, TypeError) as exc:
        raise SnapshotRefused(f"not a snapshot: {type(exc).__name__}: {exc}") from exc
    if found.format != FORMAT:
        raise SnapshotRefused(f"snapshot format {found.format}; this cache reads {FORMAT}")
    return found


def _reverse(text: Any) -> str:
    return str(text or "")[::-1]


def _tokens(name: Any) -> str:
    return sync_store.name_tokens(str(name or ""))


def _copy_sql(raw: Any, entity: str) -> str | None:
    """INSERT … SELECT of one entity, or None when the snapshot has no table for it."""
    table = ENTITIES[entity]
    have = {r[1] for r in raw.execute(f"PRAGMA {SCHEMA}.table_info({entity})").fetchall()}
    if not have:
        return None
    exprs = []
    for col in table.columns:
        if col in table.derived:
            exprs.append(_DERIVED_SQL[col])
        elif col in have:
            exprs.append(f"s.{col}")
        else:
            exprs.append("NULL")
    updates = ", ".join(f"{c} = excluded.{c}" for c in table.columns if c != "id")
    # The province writes each table in id order, so a plain scan copies in id order: the
    # cache's unique index on id grows at its end, page after page, with no sort here (a
    # sort of a million rows would be held in memory: temp_store=MEMORY).
    return (
        f"INSERT INTO main.{entity} ({', '.join(table.columns)}) "
        f"SELECT {', '.join(exprs)} FROM {SCHEMA}.{entity} AS s WHERE true "
        f"ON CONFLICT(id) DO UPDATE SET {updates} WHERE excluded.version > {entity}.version"
    )


def import_snapshot(cache: Cache, path: Path, hall_id: str) -> Imported:
    """Copy the snapshot at `path` into the cache and set the cursor to its stamp. The cache's
    synced rows are replaced (what the counter wrote and has not delivered stays)."""
    meta = read_meta(path)
    if meta.hall_id != hall_id:
        raise SnapshotRefused("the snapshot is of another hall")
    sync_store.begin_bulk_load(cache)  # indexes and search triggers set aside until the end
    sync_store.forget_synced(cache)
    counts: dict[str, int] = {}
    with cache.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        # ATTACH cannot be inside a transaction: on the bare connection, before the one below.
        key = " KEY ''" if cache.encrypted else ""  # the snapshot file is plain SQLite
        raw.execute(f"ATTACH DATABASE ? AS {SCHEMA}{key}", (str(path),))
        try:
            raw.create_function("counter_name_tokens", 1, _tokens, deterministic=True)
            raw.create_function("counter_reverse", 1, _reverse, deterministic=True)
            # One transaction, so a crash leaves nothing of it; NORMAL (in WAL) is enough for
            # that, and spares a million rows the fsyncs FULL takes (put back below).
            raw.execute("PRAGMA synchronous=NORMAL")
            conn.execution_options(write=True)
            with conn.begin():
                for entity in ENTITIES:
                    sql = _copy_sql(raw, entity)
                    if sql is not None:
                        counts[entity] = int(conn.exec_driver_sql(sql).rowcount or 0)
                set_meta(conn, sync_store.CURSOR_KEY, str(meta.cursor))
        except UNREADABLE as exc:
            raise SnapshotRefused(f"the snapshot could not be read: {exc}") from exc
        finally:
            raw.execute("PRAGMA synchronous=FULL")
            raw.execute(f"DETACH DATABASE {SCHEMA}")
    sync_store.end_bulk_load(cache)
    return Imported(meta.cursor, sum(counts.values()), counts)
