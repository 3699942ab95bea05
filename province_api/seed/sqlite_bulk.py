"""Writing a large seed into SQLite at the speed of the database, not of the ORM.

The customer tables of a million-customer province hold 5.7M rows and as many feed rows.
Through SQLAlchemy each row costs ~19 µs of Python (dicts, bind processing) and every
secondary index takes a random insert, which stops fitting in the page cache past a few
hundred thousand customers (26 minutes for 1M). Here the rows go as value lists to the
driver's `executemany`, the secondary indexes of the tables being filled are dropped for the
load and built again from their own `CREATE INDEX` text at the end (a sorted build), and
foreign keys are not checked row by row (the generator makes them consistent; `seed` is for
an empty database only, and a failed seed leaves a database to throw away).

Packing the rows (`RowPacker`: dicts to value lists, with SQLAlchemy's own bind processing)
happens here, in the writer: the process that makes the rows has more to do (measured).
"""

from __future__ import annotations

import contextlib
import operator
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

from province_api.models import SYNC_ENTITIES, Change

CACHE_KIB = 256 * 1024

Converter = Callable[[Any], Any] | None


@dataclass(frozen=True)
class PackedRows:
    """One table's rows as the driver takes them, with what the feed needs of each row."""

    names: tuple[str, ...]
    values: list[list[Any]]
    feed: list[tuple[str, int, str | None]]  # (id, version, hall id or None)


PackedBatch = dict[str, PackedRows]
# A table's rows in transit: the column names once, then each row's values in that order
# (half the pickling of dicts between the processes).
Tabular = tuple[tuple[str, ...], list[tuple[Any, ...]]]


def tabular(rows: list[dict[str, Any]]) -> Tabular:
    """Rows that all have the same keys, as a Tabular."""
    if not rows:
        return (), []
    names = tuple(rows[0])
    if len(names) == 1:
        return names, [(r[names[0]],) for r in rows]
    get = operator.itemgetter(*names)
    return names, [get(r) for r in rows]


def as_dicts(table: Tabular) -> list[dict[str, Any]]:
    names, rows = table
    return [dict(zip(names, row, strict=True)) for row in rows]


class RowPacker:
    """Turns rows into value lists in the columns' own storage form (times, dates,
    JSON as SQLite stores them through SQLAlchemy). Columns left out are NULL; one that has a
    default must be given, since the default is SQLAlchemy's to fill and this path skips it."""

    def __init__(self, tables: Sequence[Table]) -> None:
        dialect = SQLiteDialect_pysqlite()
        self._defaulted = {
            t.name: {
                c.name for c in t.columns if c.default is not None or c.server_default is not None
            }
            for t in tables
        }
        self._converters: dict[str, dict[str, Converter]] = {
            t.name: {c.name: c.type._cached_bind_processor(dialect) for c in t.columns}
            for t in tables
        }

    def pack(self, entity: str, table: Tabular) -> PackedRows:
        names, rows = table
        missing = self._defaulted[entity] - set(names)
        if rows and missing:
            raise ValueError(f"{entity} rows lack {sorted(missing)}")
        converters = self._converters[entity]
        unknown = set(names) - converters.keys()
        if unknown:
            raise ValueError(f"{entity} has no column {sorted(unknown)}")
        convert = [(i, fn) for i, name in enumerate(names) if (fn := converters[name])]
        values: list[list[Any]] = []
        for row in rows:
            out = list(row)
            for i, fn in convert:
                if out[i] is not None:
                    out[i] = fn(out[i])
            values.append(out)
        _, scope = SYNC_ENTITIES[entity]
        at_id, at_version = names.index("id"), names.index("version")
        at_hall = names.index(scope) if scope else None
        feed = [(r[at_id], r[at_version], None if at_hall is None else r[at_hall]) for r in rows]
        return PackedRows(names, values, feed)

    def pack_batch(self, batch: dict[str, Tabular]) -> PackedBatch:
        return {entity: self.pack(entity, table) for entity, table in batch.items()}


class SqliteBulkWriter:
    """Appends packed rows of whole tables and their feed rows over one raw connection."""

    def __init__(self, conn: Connection, tables: Sequence[Table]) -> None:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        self._raw = raw
        self._tables: list[Table] = [*tables, Change.__table__]  # type: ignore[list-item]
        self._packer = RowPacker(tables)
        self._indexes: list[str] = []

    @contextlib.contextmanager
    def loading(self) -> Iterator[SqliteBulkWriter]:
        """Drops the secondary indexes, relaxes the pragmas; puts everything back after."""
        raw = self._raw
        old_cache = raw.execute("PRAGMA cache_size").fetchone()[0]
        where = (
            "type = 'index' AND sql IS NOT NULL AND tbl_name IN ("
            + ", ".join(f"'{t.name}'" for t in self._tables)
            + ")"
        )
        self._indexes = [
            sql for (sql,) in raw.execute(f"SELECT sql FROM sqlite_master WHERE {where}")
        ]
        dropped = [name for (name,) in raw.execute(f"SELECT name FROM sqlite_master WHERE {where}")]
        raw.execute("PRAGMA foreign_keys=OFF")
        raw.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        raw.execute("BEGIN IMMEDIATE")
        for name in dropped:
            raw.execute(f'DROP INDEX "{name}"')
        raw.execute("COMMIT")
        try:
            yield self
            raw.execute("PRAGMA threads=2")  # lets an index build sort on both cores
            raw.execute("BEGIN IMMEDIATE")
            for sql in self._indexes:
                raw.execute(sql)
            raw.execute("COMMIT")
        finally:
            if raw.in_transaction:
                raw.execute("ROLLBACK")
            raw.execute("PRAGMA threads=0")
            raw.execute(f"PRAGMA cache_size={old_cache}")
            raw.execute("PRAGMA foreign_keys=ON")

    def write_batch(self, rows: dict[str, Tabular]) -> dict[str, int]:
        """One transaction: the batch's rows and their feed rows; returns rows per table."""
        raw = self._raw
        batch = self._packer.pack_batch(rows)
        raw.execute("BEGIN IMMEDIATE")
        try:
            seq = raw.execute("SELECT value FROM change_counter WHERE id = 1").fetchone()[0]
            feed: list[tuple[Any, ...]] = []
            for entity, packed in batch.items():
                if not packed.values:
                    continue
                columns = ", ".join(f'"{n}"' for n in packed.names)
                marks = ", ".join("?" * len(packed.names))
                raw.executemany(
                    f'INSERT INTO "{entity}" ({columns}) VALUES ({marks})', packed.values
                )
                feed.extend(
                    (seq + i, entity, entity_id, "upsert", version, hall)
                    for i, (entity_id, version, hall) in enumerate(packed.feed, start=1)
                )
                seq += len(packed.feed)
            raw.executemany(
                'INSERT INTO "change" (seq, entity, entity_id, op, version, hall_id)'
                " VALUES (?, ?, ?, ?, ?, ?)",
                feed,
            )
            raw.execute("UPDATE change_counter SET value = ? WHERE id = 1", (seq,))
            raw.execute("COMMIT")
        except BaseException:
            raw.execute("ROLLBACK")
            raise
        return {entity: len(packed.values) for entity, packed in batch.items()}
