"""Tables of the local cache, and the versioned migrations that build them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection


@dataclass(frozen=True)
class EntityTable:
    """A synced entity: its columns in the order the upsert binds them."""

    name: str
    columns: tuple[str, ...]
    json_columns: tuple[str, ...] = ()
    bool_columns: tuple[str, ...] = ()
    # Columns the cache derives from others for its indexes (not sent by the server).
    derived: tuple[str, ...] = ()


ENTITIES: dict[str, EntityTable] = {
    t.name: t
    for t in (
        EntityTable(
            "offering",
            (
                "id",
                "version",
                "code",
                "name",
                "kind",
                "price_fen",
                "description",
                "eligibility",
                "active",
            ),
            json_columns=("eligibility",),
            bool_columns=("active",),
        ),
        EntityTable(
            "staff",
            (
                "id",
                "version",
                "staff_no",
                "name",
                "role",
                "hall_id",
                "offline_verifier",
                "active",
                "approval_salt",
            ),
            bool_columns=("active",),
        ),
        EntityTable(
            "customer",
            (
                "id",
                "version",
                "customer_no",
                "name",
                "name_initials",
                "customer_type",
                "id_type",
                "id_number",
                "gender",
                "birth_date",
                "contact_phone",
                "address",
                "vip_level",
                "home_hall_id",
                "created_at",
                "updated_at",
                "contact_name",
                "contact_id_number",
                "name_tokens",
                "id_rev",
            ),
            derived=("name_tokens", "id_rev"),
        ),
        EntityTable(
            "account",
            ("id", "version", "account_no", "customer_id", "kind", "balance_fen", "status"),
        ),
        EntityTable(
            "subscription",
            (
                "id",
                "version",
                "msisdn",
                "iccid",
                "customer_id",
                "account_id",
                "plan_id",
                "addon_ids",
                "status",
                "activated_at",
                "next_plan_id",
                "next_plan_from",
            ),
            json_columns=("addon_ids",),
        ),
        EntityTable(
            "bill",
            (
                "id",
                "version",
                "account_id",
                "period",
                "amount_fen",
                "paid_fen",
                "status",
                "due_date",
            ),
        ),
        EntityTable(
            "number",
            (
                "id",
                "version",
                "msisdn",
                "hall_id",
                "status",
                "level",
                "prepay_fen",
                "held_by",
                "held_until",
            ),
        ),
        EntityTable("sim", ("id", "version", "iccid", "hall_id", "status")),
        EntityTable(
            "product_order",
            (
                "id",
                "version",
                "order_no",
                "type",
                "state",
                "hall_id",
                "counter_id",
                "staff_id",
                "customer_id",
                "subscription_id",
                "items",
                "fees",
                "deposit_fen",
                "due_fen",
                "payment_id",
                "approval_reason",
                "approved_by",
                "decision_reason",
                "created_at",
                "updated_at",
                "completed_at",
            ),
            json_columns=("items", "fees"),
        ),
        EntityTable("policy", ("id", "version", "rules"), json_columns=("rules",)),
        EntityTable(
            "shift",
            (
                "id",
                "version",
                "hall_id",
                "counter_id",
                "staff_id",
                "status",
                "opened_at",
                "opening_float_fen",
                "float_denominations",
                "closed_at",
                "counted_fen",
                "counted_denominations",
                "expected_fen",
                "variance_fen",
                "note",
                "approved_by",
            ),
            json_columns=("float_denominations", "counted_denominations"),
        ),
        EntityTable(
            "payment",
            (
                "id",
                "version",
                "receipt_no",
                "kind",
                "status",
                "account_id",
                "customer_id",
                "subscription_id",
                "amount_fen",
                "method",
                "tendered_fen",
                "change_fen",
                "reference",
                "allocations",
                "shift_id",
                "hall_id",
                "counter_id",
                "staff_id",
                "reverses_id",
                "voided_by_id",
                "approved_by",
                "reason",
                "created_at",
                "booked_at",
            ),
            json_columns=("allocations",),
        ),
    )
}

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE offering (id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, code TEXT, name TEXT,
  kind TEXT, price_fen INTEGER, description TEXT, eligibility TEXT, active INTEGER);

CREATE TABLE staff (id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, staff_no TEXT, name TEXT,
  role TEXT, hall_id TEXT, offline_verifier TEXT, active INTEGER);
CREATE INDEX ix_staff_no ON staff (staff_no);

CREATE TABLE customer (id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, customer_no TEXT,
  name TEXT, name_initials TEXT, customer_type TEXT, id_type TEXT, id_number TEXT, gender TEXT,
  birth_date TEXT, contact_phone TEXT, address TEXT, vip_level TEXT, home_hall_id TEXT,
  created_at TEXT, updated_at TEXT, name_tokens TEXT, id_rev TEXT);
CREATE INDEX ix_customer_id_number ON customer (id_number);
CREATE INDEX ix_customer_id_rev ON customer (id_rev);
CREATE INDEX ix_customer_contact_phone ON customer (contact_phone);
CREATE INDEX ix_customer_initials ON customer (name_initials);
CREATE INDEX ix_customer_name ON customer (name);

CREATE VIRTUAL TABLE customer_fts USING fts5(name_tokens, content='customer',
  content_rowid='rowid', tokenize='unicode61');
CREATE TRIGGER customer_fts_ai AFTER INSERT ON customer BEGIN
  INSERT INTO customer_fts(rowid, name_tokens) VALUES (new.rowid, new.name_tokens);
END;
CREATE TRIGGER customer_fts_ad AFTER DELETE ON customer BEGIN
  INSERT INTO customer_fts(customer_fts, rowid, name_tokens)
    VALUES ('delete', old.rowid, old.name_tokens);
END;
CREATE TRIGGER customer_fts_au AFTER UPDATE OF name_tokens ON customer BEGIN
  INSERT INTO customer_fts(customer_fts, rowid, name_tokens)
    VALUES ('delete', old.rowid, old.name_tokens);
  INSERT INTO customer_fts(rowid, name_tokens) VALUES (new.rowid, new.name_tokens);
END;

CREATE TABLE account (id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, account_no TEXT,
  customer_id TEXT, kind TEXT, balance_fen INTEGER, status TEXT);
CREATE INDEX ix_account_no ON account (account_no);
CREATE INDEX ix_account_customer ON account (customer_id);

CREATE TABLE subscription (id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, msisdn TEXT,
  iccid TEXT, customer_id TEXT, account_id TEXT, plan_id TEXT, addon_ids TEXT, status TEXT,
  activated_at TEXT);
CREATE INDEX ix_subscription_msisdn ON subscription (msisdn);
CREATE INDEX ix_subscription_iccid ON subscription (iccid);
CREATE INDEX ix_subscription_customer ON subscription (customer_id);

CREATE TABLE bill (id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, account_id TEXT,
  period TEXT, amount_fen INTEGER, paid_fen INTEGER, status TEXT, due_date TEXT);
CREATE INDEX ix_bill_account ON bill (account_id, period);

CREATE TABLE number (id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, msisdn TEXT,
  hall_id TEXT, status TEXT, level TEXT, prepay_fen INTEGER);
CREATE INDEX ix_number_msisdn ON number (msisdn);

CREATE TABLE sim (id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, iccid TEXT, hall_id TEXT,
  status TEXT);
CREATE INDEX ix_sim_iccid ON sim (iccid);

-- ids seen while pulling one entity again after a count mismatch
CREATE TABLE sync_seen (entity TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (entity, id));

CREATE TABLE audit_log (id TEXT PRIMARY KEY, at TEXT NOT NULL, staff_id TEXT, action TEXT NOT NULL,
  entity TEXT, entity_id TEXT, detail TEXT, pushed INTEGER NOT NULL DEFAULT 0);
"""


def _run_script(conn: Connection, script: str) -> None:
    for statement in _split(script):
        conn.exec_driver_sql(statement)


def _split(script: str) -> list[str]:
    """Split on `;` at line ends, keeping trigger bodies (which hold `;`) whole."""
    statements: list[str] = []
    buf: list[str] = []
    in_trigger = False
    for line in script.splitlines():
        if line.strip().startswith("--") or not line.strip():
            continue
        buf.append(line)
        upper = line.upper()
        if "CREATE TRIGGER" in upper:
            in_trigger = True
        if line.rstrip().endswith(";") and (not in_trigger or upper.strip() == "END;"):
            statements.append("\n".join(buf))
            buf, in_trigger = [], False
    return statements


# Payments and shifts: synced from the province, and written here first (provisional,
# version 0) by the counter's own write path together with their outbox entry.
_V2 = """
CREATE TABLE shift (id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, hall_id TEXT,
  counter_id TEXT, staff_id TEXT, status TEXT, opened_at TEXT, opening_float_fen INTEGER,
  float_denominations TEXT, closed_at TEXT, counted_fen INTEGER, counted_denominations TEXT,
  expected_fen INTEGER, variance_fen INTEGER, note TEXT, approved_by TEXT);
CREATE INDEX ix_shift_staff ON shift (staff_id, status);

CREATE TABLE payment (id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, receipt_no TEXT,
  kind TEXT, status TEXT, account_id TEXT, customer_id TEXT, subscription_id TEXT,
  amount_fen INTEGER, method TEXT, tendered_fen INTEGER, change_fen INTEGER, reference TEXT,
  allocations TEXT, shift_id TEXT, hall_id TEXT, counter_id TEXT, staff_id TEXT,
  reverses_id TEXT, voided_by_id TEXT, approved_by TEXT, reason TEXT, created_at TEXT,
  booked_at TEXT, sync_state TEXT NOT NULL DEFAULT 'accepted');
CREATE INDEX ix_payment_shift ON payment (shift_id);
CREATE INDEX ix_payment_customer ON payment (customer_id);
CREATE INDEX ix_payment_receipt ON payment (receipt_no);

-- The write path: every action a clerk takes, in order, until the province has answered.
CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
  idempotency_key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, method TEXT NOT NULL,
  path TEXT NOT NULL, body TEXT NOT NULL, entity TEXT, entity_id TEXT, customer_id TEXT,
  shift_id TEXT, depends_on TEXT, state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER
  NOT NULL DEFAULT 0, next_attempt_at TEXT, last_error TEXT, response TEXT,
  created_at TEXT NOT NULL, done_at TEXT);
CREATE INDEX ix_outbox_state ON outbox (state, seq);

CREATE TABLE receipt_print (id INTEGER PRIMARY KEY AUTOINCREMENT, receipt_no TEXT NOT NULL,
  printed_at TEXT NOT NULL, staff_id TEXT, reprint INTEGER NOT NULL);
CREATE INDEX ix_receipt_print_no ON receipt_print (receipt_no);
"""

# Search indexes that keep name and pinyin look-ups free of sorts at a million customers.
_V3 = """
CREATE INDEX ix_customer_initials_name ON customer (name_initials, name);
CREATE INDEX ix_customer_name_length ON customer (length(name), name);
DROP INDEX ix_customer_initials;
"""

# What an outbox entry changed in the cache ahead of the province (bill paid, balance), each
# with the version it was applied on, so a refusal undoes exactly that and nothing newer.
_V4 = """
ALTER TABLE outbox ADD COLUMN local_effects TEXT NOT NULL DEFAULT '[]';
ALTER TABLE staff ADD COLUMN approval_salt TEXT;
"""

# A receipt as it was first printed, so a preview or a reprint shows the same paper (the
# supervisor of a void, what was still owed, the new balance) whatever has changed since.
_V5 = """
ALTER TABLE receipt_print ADD COLUMN data TEXT;
"""

# The API version each outbox entry's body was written for: entries queued before this
# column existed were written for API 1, and are sent as such (counter_app.domain.api_versions).
_V6 = """
ALTER TABLE outbox ADD COLUMN api_version INTEGER NOT NULL DEFAULT 1;
"""

# Service orders: the hall's orders and the province's policy from the feed; number holds
# and a plan change waiting for next month (number and subscription are pulled again).
_V7 = """
CREATE TABLE product_order (id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, order_no TEXT,
  type TEXT, state TEXT, hall_id TEXT, counter_id TEXT, staff_id TEXT, customer_id TEXT,
  subscription_id TEXT, items TEXT, fees TEXT, deposit_fen INTEGER, due_fen INTEGER,
  payment_id TEXT, approval_reason TEXT, approved_by TEXT, decision_reason TEXT,
  created_at TEXT, updated_at TEXT, completed_at TEXT,
  sync_state TEXT NOT NULL DEFAULT 'accepted');
CREATE INDEX ix_product_order_customer ON product_order (customer_id, created_at);
CREATE INDEX ix_product_order_state ON product_order (state, created_at);
CREATE TABLE policy (id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, rules TEXT);
ALTER TABLE number ADD COLUMN held_by TEXT;
ALTER TABLE number ADD COLUMN held_until TEXT;
CREATE INDEX ix_number_hall_status ON number (hall_id, status, msisdn);
CREATE INDEX ix_sim_hall_status ON sim (hall_id, status);
ALTER TABLE subscription ADD COLUMN next_plan_id TEXT;
ALTER TABLE subscription ADD COLUMN next_plan_from TEXT;
"""

# v8: an enterprise's contact person (new at the province too: nothing to pull again).
_V8 = """
ALTER TABLE customer ADD COLUMN contact_name TEXT;
ALTER TABLE customer ADD COLUMN contact_id_number TEXT;
"""

# v9: what must never be lost moves to the journal (local_cache.journal), attached as
# `journal`: the outbox, the receipts as printed and the receipt numbering. In two steps,
# each its own transaction: first copied (again harmlessly, keys kept, after a crash), and
# only then dropped here; SQLite commits the two files one after the other.
_V9_COPY = """
INSERT OR IGNORE INTO journal.outbox (seq, id, idempotency_key, kind, method, path, body,
  entity, entity_id, customer_id, shift_id, depends_on, state, attempts, next_attempt_at,
  last_error, response, created_at, done_at, local_effects, api_version)
  SELECT seq, id, idempotency_key, kind, method, path, body, entity, entity_id, customer_id,
  shift_id, depends_on, state, attempts, next_attempt_at, last_error, response, created_at,
  done_at, local_effects, api_version FROM main.outbox;
INSERT OR IGNORE INTO journal.receipt_print (id, receipt_no, printed_at, staff_id, reprint,
  data) SELECT id, receipt_no, printed_at, staff_id, reprint, data FROM main.receipt_print;
INSERT INTO journal.receipt_seq (prefix, last)
  SELECT substr(key, 13), CAST(value AS INTEGER) FROM main.meta WHERE key LIKE 'receipt_seq:%'
  ON CONFLICT(prefix) DO UPDATE SET last = max(last, excluded.last);
"""
_V9 = """
DROP TABLE main.outbox;
DROP TABLE main.receipt_print;
DELETE FROM main.meta WHERE key LIKE 'receipt_seq:%';
"""

# version -> migration taking the schema from version-1 to version.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    1: lambda conn: _run_script(conn, _V1),
    2: lambda conn: _run_script(conn, _V2),
    3: lambda conn: _run_script(conn, _V3),
    4: lambda conn: _run_script(conn, _V4),
    5: lambda conn: _run_script(conn, _V5),
    6: lambda conn: _run_script(conn, _V6),
    7: lambda conn: _run_script(conn, _V7),
    8: lambda conn: _run_script(conn, _V8),
    9: lambda conn: _run_script(conn, _V9),
}
SCHEMA_VERSION = max(MIGRATIONS)
# version -> a step run (and committed) on its own before that version's migration.
BEFORE: dict[int, Callable[[Connection], None]] = {9: lambda conn: _run_script(conn, _V9_COPY)}
# version -> synced entities whose rows that migration left incomplete (a new column is NULL
# in rows already there): a cache migrated across it pulls them again at its next sync.
REFILLS: dict[int, tuple[str, ...]] = {
    4: ("staff",),
    7: ("number", "subscription", "product_order", "policy"),
}
