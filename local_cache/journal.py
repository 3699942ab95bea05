"""The journal: what the counter must never lose, in a small database of its own.

The outbox (every action not yet taken by the province), the charge journal (money asked of a
card terminal or a wallet), the receipt numbering, the receipts as printed and the local
audit live here, apart from the cache of province data, which can always be pulled again.
The journal is attached to every cache connection as the schema ``journal``: a payment's
record (in the cache) and its outbox entry (here) are written in one transaction. SQLite
commits the two files one after the other, so at start `reconcile` writes again the record
of an entry the cache lacks (kept with the entry), and `orphans` finds a record without its
entry, which the counter queues again (counter_app.storage): nothing is dropped.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from local_cache import audit_events, cipher, private_files

SCHEMA = "journal"

_V1 = """
CREATE TABLE journal.outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
  idempotency_key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, method TEXT NOT NULL,
  path TEXT NOT NULL, body TEXT NOT NULL, entity TEXT, entity_id TEXT, customer_id TEXT,
  shift_id TEXT, depends_on TEXT, state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER
  NOT NULL DEFAULT 0, next_attempt_at TEXT, last_error TEXT, response TEXT,
  created_at TEXT NOT NULL, done_at TEXT, local_effects TEXT NOT NULL DEFAULT '[]',
  api_version INTEGER NOT NULL DEFAULT 1, record TEXT, failures INTEGER NOT NULL DEFAULT 0);
CREATE INDEX journal.ix_outbox_state ON outbox (state, seq);
CREATE INDEX journal.ix_outbox_entity ON outbox (entity, entity_id);
CREATE TABLE journal.receipt_seq (prefix TEXT PRIMARY KEY, last INTEGER NOT NULL);
CREATE TABLE journal.receipt_print (id INTEGER PRIMARY KEY AUTOINCREMENT,
  receipt_no TEXT NOT NULL, printed_at TEXT NOT NULL, staff_id TEXT, reprint INTEGER NOT NULL,
  data TEXT);
CREATE INDEX journal.ix_receipt_print_no ON receipt_print (receipt_no);
CREATE TABLE journal.charge (id TEXT PRIMARY KEY, payment_id TEXT NOT NULL, receipt_no TEXT,
  method TEXT NOT NULL, amount_fen INTEGER NOT NULL, customer_id TEXT, account_id TEXT,
  shift_id TEXT, staff_id TEXT, request TEXT NOT NULL, state TEXT NOT NULL,
  reference TEXT, created_at TEXT NOT NULL, settled_at TEXT, settled_by TEXT, note TEXT);
CREATE INDEX journal.ix_charge_state ON charge (state);
CREATE TABLE journal.audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,
  staff_id TEXT, action TEXT NOT NULL, detail TEXT);
"""

# v2: a QR payment's request as first sent, so asking again sends exactly it.
_V2 = """
ALTER TABLE journal.charge ADD COLUMN body TEXT;
"""

# v3: the staff member of an entry in no shift (a counter audit event), sent under their
# sign-in; none (written before anyone signed in) goes with whoever signs in next.
_V3 = """
ALTER TABLE journal.outbox ADD COLUMN staff_id TEXT;
"""

MIGRATIONS: dict[int, str] = {1: _V1, 2: _V2, 3: _V3}
SCHEMA_VERSION = max(MIGRATIONS)


def attach(dbapi_conn: Any, path: Path, key: bytes | None = None) -> None:
    """On every new connection: the journal as schema `journal` (with the cache's key, when
    it has one: local_cache.cipher), WAL, every commit on disk."""
    cur = dbapi_conn.cursor()
    if key is None:
        cur.execute(f"ATTACH DATABASE ? AS {SCHEMA}", (str(path),))
    else:
        cur.execute(f"ATTACH DATABASE ? AS {SCHEMA} KEY ?", (str(path), cipher.key_literal(key)))
    cur.execute(f"PRAGMA {SCHEMA}.journal_mode=WAL")
    cur.execute(f"PRAGMA {SCHEMA}.synchronous=FULL")
    cur.close()


def migrate(conn: Connection) -> None:
    current = int(conn.exec_driver_sql(f"PRAGMA {SCHEMA}.user_version").scalar_one())
    for version in range(current + 1, SCHEMA_VERSION + 1):
        for statement in MIGRATIONS[version].split(";"):
            if statement.strip():
                conn.exec_driver_sql(statement)
        conn.exec_driver_sql(f"PRAGMA {SCHEMA}.user_version = {version}")


def audit(conn: Connection, at: str, action: str, detail: Any, staff_id: str | None) -> None:
    """A local audit row, and its event queued for the province in the same transaction
    (the same file: both or neither)."""
    conn.exec_driver_sql(
        "INSERT INTO journal.audit (at, staff_id, action, detail) VALUES (?,?,?,?)",
        (at, staff_id, action, json.dumps(detail, ensure_ascii=False)),
    )
    audit_events.queue(conn, at=at, action=action, detail=detail, staff_id=staff_id)


def audit_log(conn: Connection, action: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT * FROM journal.audit" + (" WHERE action = ?" if action else "")
    rows = conn.exec_driver_sql(sql + " ORDER BY seq", (action,) if action else ()).mappings()
    return [{**r, "detail": json.loads(r["detail"] or "null")} for r in rows]


# -- putting a crash between the two files right --------------------------------------------
_RECORD_TABLES = ("payment", "shift", "product_order")


def reconcile(conn: Connection, put: Callable[[Connection, str, dict[str, Any]], None]) -> int:
    """Write again the records of waiting entries the cache lacks (a rebuilt cache, a crash
    between the two files' commits). `put(conn, entity, row)` writes a record as the
    counter's write path does. Returns how many records were written again. Records whose
    entry is missing are left for `orphans` (never dropped: they may be all that is left)."""
    written: set[str] = set()
    rows = conn.exec_driver_sql(
        "SELECT entity, entity_id, record FROM journal.outbox "
        "WHERE state = 'pending' AND record IS NOT NULL ORDER BY seq"
    ).all()
    for entity, entity_id, record in rows:
        if entity not in _RECORD_TABLES:
            continue
        have = conn.exec_driver_sql(
            f"SELECT version FROM main.{entity} WHERE id = ?", (entity_id,)
        ).scalar()
        if have is None or entity_id in written:  # (a later entry: the newer state)
            put(conn, entity, json.loads(record))
            written.add(entity_id)
    return len(written)


def orphan_shifts(conn: Connection) -> list[dict[str, Any]]:
    """Shifts opened here (version 0: the province has not answered) with no entry left."""
    rows = conn.exec_driver_sql(
        "SELECT * FROM main.shift WHERE version = 0 AND id NOT IN (SELECT entity_id FROM "
        "journal.outbox WHERE entity = 'shift' AND entity_id IS NOT NULL) ORDER BY opened_at"
    ).mappings()
    out = []
    for r in rows:
        row = dict(r)
        for col in ("float_denominations", "counted_denominations"):
            if isinstance(row.get(col), str):
                row[col] = json.loads(row[col])
        out.append(row)
    return out


def orphans(conn: Connection) -> list[dict[str, Any]]:
    """Provisional payments with no entry in the journal: the journal was lost or damaged,
    or the counter stopped between the two files' commits (the cache's comes first)."""
    rows = conn.exec_driver_sql(
        "SELECT * FROM main.payment WHERE sync_state = 'pending' AND version = 0 AND id NOT IN "
        "(SELECT entity_id FROM journal.outbox WHERE entity = 'payment' AND entity_id IS NOT "
        "NULL) ORDER BY created_at"
    ).mappings()
    return [
        {**r, "allocations": json.loads(r["allocations"] or "[]")}
        if isinstance(r["allocations"], str)
        else dict(r)
        for r in rows
    ]


# -- a journal that cannot be read -----------------------------------------------------------
@dataclass(frozen=True)
class Salvage:
    """What could still be read from a damaged journal, to tell the clerk and the hall."""

    set_aside: Path
    entries: list[dict[str, Any]]  # outbox rows read back (all columns)
    charges: list[dict[str, Any]]
    receipt_floor: dict[str, int]  # prefix -> highest number seen
    unreadable: list[str]  # tables that could not be read at all

    def summary(self) -> dict[str, Any]:
        waiting = [e for e in self.entries if e.get("state") == "pending"]
        return {
            "set_aside": str(self.set_aside),
            "waiting": [_describe(e) for e in waiting],
            "refused": [_describe(e) for e in self.entries if e.get("state") == "rejected"],
            "charges_open": [c for c in self.charges if c.get("state") == "started"],
            "receipt_floor": self.receipt_floor,
            "unreadable": self.unreadable,
        }


def _describe(entry: dict[str, Any]) -> dict[str, Any]:
    try:
        body = json.loads(entry.get("body") or "{}")
    except ValueError:
        body = {}
    return {
        "kind": entry.get("kind"),
        "receipt_no": body.get("receipt_no"),
        "amount_fen": body.get("amount_fen"),
        "customer_id": entry.get("customer_id"),
        "created_at": entry.get("created_at"),
    }


def check(path: Path, key: bytes | None = None, running: set[Any] | None = None) -> str | None:
    """None if the file reads whole (SQLite's quick check, with the key of an encrypted
    file); otherwise what is wrong. Its connection is in `running` while it checks (for
    `interrupt()` from another thread: the answer then says "interrupted")."""
    if not path.exists():
        return None
    try:
        conn = cipher.inspect(path, key)
        if running is not None:
            running.add(conn)
        try:
            answers = [r[0] for r in conn.execute("PRAGMA quick_check")]
        finally:
            if running is not None:
                running.discard(conn)
            conn.close()
    except cipher.DATABASE_ERRORS as exc:
        return str(exc)
    return None if answers == ["ok"] else "; ".join(str(a) for a in answers[:5])


def set_aside(path: Path, stamp: str) -> Path:
    """Move a damaged file (and its WAL) out of the way, keeping it for whoever looks."""
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            part.rename(Path(f"{target}{suffix}"))
            private_files.tighten(Path(f"{target}{suffix}"))  # (made by an older Counter)
    return target


def salvage(damaged: Path, key: bytes | None = None) -> Salvage:
    """Read, row by row, whatever the damaged journal still gives (with its key)."""
    found: dict[str, list[dict[str, Any]]] = {"outbox": [], "charge": [], "receipt_seq": []}
    unreadable: list[str] = []
    try:
        conn = cipher.inspect(damaged, key)
    except cipher.DATABASE_ERRORS:
        return Salvage(damaged, [], [], {}, list(found))
    try:
        for table in found:
            try:
                cur = conn.execute(f"SELECT * FROM {table}")
                columns = [d[0] for d in cur.description]
                for row in cur:
                    found[table].append(dict(zip(columns, row, strict=True)))
            except cipher.DATABASE_ERRORS:
                unreadable.append(table)
    finally:
        conn.close()
    floor = {str(r["prefix"]): int(r["last"]) for r in found["receipt_seq"]}
    return Salvage(damaged, found["outbox"], found["charge"], floor, unreadable)


def restore(conn: Connection, salvaged: Salvage) -> None:
    """Put what was read back into the new journal: entries go on (their idempotency keys
    make a second sending harmless), open charges wait to be settled, numbering continues."""
    columns = [r[1] for r in conn.exec_driver_sql("PRAGMA journal.table_info(outbox)")]
    for entry in salvaged.entries:
        row = {c: entry[c] for c in columns if c in entry and c != "seq"}
        marks = ",".join("?" * len(row))
        conn.exec_driver_sql(
            f"INSERT OR IGNORE INTO journal.outbox ({', '.join(row)}) VALUES ({marks})",
            tuple(row.values()),
        )
    charge_cols = [r[1] for r in conn.exec_driver_sql("PRAGMA journal.table_info(charge)")]
    for charge in salvaged.charges:
        row = {c: charge[c] for c in charge_cols if c in charge}
        conn.exec_driver_sql(
            f"INSERT OR IGNORE INTO journal.charge ({', '.join(row)}) "
            f"VALUES ({','.join('?' * len(row))})",
            tuple(row.values()),
        )
    for prefix, last in salvaged.receipt_floor.items():
        raise_floor(conn, prefix, last)


# -- receipt numbering ----------------------------------------------------------------------
def floor(conn: Connection, prefix: str) -> int:
    value = conn.exec_driver_sql(
        "SELECT last FROM journal.receipt_seq WHERE prefix = ?", (prefix,)
    ).scalar()
    return int(value or 0)


def set_floor(conn: Connection, prefix: str, last: int) -> None:
    conn.exec_driver_sql(
        "INSERT INTO journal.receipt_seq (prefix, last) VALUES (?, ?) "
        "ON CONFLICT(prefix) DO UPDATE SET last = excluded.last",
        (prefix, last),
    )


def raise_floor(conn: Connection, prefix: str, last: int) -> None:
    if last > floor(conn, prefix):
        set_floor(conn, prefix, last)
