"""Payments, shifts and receipt numbers in the cache."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection

from local_cache import journal
from local_cache.records import BillRecord, PaymentRecord, ShiftRecord
from local_cache.schema import ENTITIES
from local_cache.sync_store import _row


def _rows(conn: Connection, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    out = []
    for r in conn.exec_driver_sql(sql, params).mappings():
        row = dict(r)
        for col in ("allocations", "float_denominations", "counted_denominations"):
            if col in row and isinstance(row[col], str):
                row[col] = json.loads(row[col])
        out.append(row)
    return out


def _records(conn: Connection, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    """Rows as the typed records the caller names (local_cache.records)."""
    return _rows(conn, sql, params)


def put(
    conn: Connection,
    entity: str,
    data: Mapping[str, Any],
    sync_state: str | None = None,
    force: bool = False,
) -> None:
    """Write a payment or shift as the counter knows it now (a provisional record, or the
    province's answer). Without `force`, an older version never replaces a newer one."""
    table = ENTITIES[entity]
    cols = table.columns
    updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
    guard = "" if force else f" WHERE excluded.version >= {entity}.version"
    conn.exec_driver_sql(
        f"INSERT INTO {entity} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
        f"ON CONFLICT(id) DO UPDATE SET {updates}{guard}",
        _row(table, data),
    )
    if sync_state is not None and entity == "payment":
        conn.exec_driver_sql(
            "UPDATE payment SET sync_state = ? WHERE id = ?", (sync_state, data["id"])
        )


def open_shift_of(conn: Connection, staff_id: str) -> ShiftRecord | None:
    rows = _rows(
        conn,
        "SELECT * FROM shift WHERE staff_id = ? AND status = 'open' "
        "ORDER BY opened_at DESC LIMIT 1",
        (staff_id,),
    )
    return cast(ShiftRecord, rows[0]) if rows else None


def shift(conn: Connection, shift_id: str) -> ShiftRecord | None:
    rows = _rows(conn, "SELECT * FROM shift WHERE id = ?", (shift_id,))
    return cast(ShiftRecord, rows[0]) if rows else None


def payment(conn: Connection, payment_id: str) -> PaymentRecord | None:
    rows = _rows(conn, "SELECT * FROM payment WHERE id = ?", (payment_id,))
    return cast(PaymentRecord, rows[0]) if rows else None


def payments_of_shift(conn: Connection, shift_id: str) -> list[PaymentRecord]:
    """The shift's payments, oldest first, with the customer's name and the number paid
    for (a bill: the account's first line)."""
    return _records(
        conn,
        "SELECT p.*, c.name AS customer_name, coalesce(s.msisdn, "
        " (SELECT s2.msisdn FROM subscription s2 WHERE s2.account_id = p.account_id "
        "  ORDER BY s2.status = 'active' DESC, s2.msisdn LIMIT 1)) AS msisdn "
        "FROM payment p LEFT JOIN customer c ON c.id = p.customer_id "
        "LEFT JOIN subscription s ON s.id = p.subscription_id "
        "WHERE p.shift_id = ? ORDER BY p.created_at",
        (shift_id,),
    )


def next_receipt_no(conn: Connection, hall_code: str, counter_id: str) -> str:
    """`hall-counter-sequence`, unique without asking anyone: the counter's own sequence (in
    the journal), never below a number this counter is known to have used (a rebuilt cache,
    a journal restored from what could be read)."""
    prefix = f"{hall_code}-{counter_id}-"
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    seen = [
        conn.exec_driver_sql(
            f"SELECT max(CAST(substr(receipt_no, ?) AS INTEGER)) FROM {table} "
            "WHERE receipt_no >= ? AND receipt_no < ?",
            (len(prefix) + 1, prefix, upper),
        ).scalar()
        for table in ("main.payment", "journal.receipt_print")
    ]
    number = max(journal.floor(conn, prefix), *(int(n or 0) for n in seen)) + 1
    journal.set_floor(conn, prefix, number)
    return f"{prefix}{number:06d}"


def raise_receipt_floor(conn: Connection, hall_code: str, counter_id: str, seq: int) -> None:
    """Never number below `seq` (what the province already has from this counter)."""
    journal.raise_floor(conn, f"{hall_code}-{counter_id}-", seq)


def release_receipt_no(conn: Connection, hall_code: str, counter_id: str, receipt_no: str) -> None:
    """Give back a number taken for an attempt that took no money (a declined QR code), so
    the sequence auditors count has no hole: only while no later number has been taken."""
    prefix = f"{hall_code}-{counter_id}-"
    tail = receipt_no[len(prefix) :]
    if receipt_no.startswith(prefix) and tail.isdigit():
        used = conn.exec_driver_sql(
            "SELECT 1 FROM payment WHERE receipt_no = ?", (receipt_no,)
        ).first()
        if used is None and journal.floor(conn, prefix) == int(tail):
            journal.set_floor(conn, prefix, int(tail) - 1)


def record_print(
    conn: Connection, receipt_no: str, staff_id: str, when: str, data: str | None = None
) -> int:
    """Log a print; returns 0 for the original and n for the nth reprint. `data` (the
    receipt as printed, JSON) is kept with the original."""
    done = int(
        conn.exec_driver_sql(
            "SELECT count(*) FROM receipt_print WHERE receipt_no = ?", (receipt_no,)
        ).scalar_one()
    )
    conn.exec_driver_sql(
        "INSERT INTO receipt_print (receipt_no, printed_at, staff_id, reprint, data) "
        "VALUES (?,?,?,?,?)",
        (receipt_no, when, staff_id, done, data if done == 0 else None),
    )
    return done


def printed_receipt(conn: Connection, receipt_no: str) -> str | None:
    """The receipt as it was first printed (JSON), if this counter printed it."""
    value = conn.exec_driver_sql(
        "SELECT data FROM receipt_print WHERE receipt_no = ? AND data IS NOT NULL "
        "ORDER BY id LIMIT 1",
        (receipt_no,),
    ).scalar()
    return None if value is None else str(value)


def bills_owed(conn: Connection, account_id: str) -> list[BillRecord]:
    return _records(
        conn,
        "SELECT * FROM bill WHERE account_id = ? AND status != 'paid' ORDER BY period",
        (account_id,),
    )


Effect = dict[str, Any]  # {"table": "bill"|"account", "id", "delta", "version"}

_EFFECT_SQL = {
    "bill": "UPDATE bill SET paid_fen = paid_fen + ?, status = CASE "
    "WHEN paid_fen + ? >= amount_fen THEN 'paid' "
    "WHEN paid_fen + ? <= 0 THEN 'unpaid' ELSE 'partial' END WHERE id = ? AND version = ?",
    "account": "UPDATE account SET balance_fen = balance_fen + ? + 0 * ? + 0 * ? "
    "WHERE id = ? AND version = ?",
}


def apply_effects(conn: Connection, effects: list[Effect], sign: int = 1) -> list[Effect]:
    """Change bills/balances ahead of the province, each only while the row is still the
    version the effect was computed on: once the province's newer row has arrived it already
    tells the truth, and adding to it would count twice. Returns the effects applied."""
    done = []
    for e in effects:
        delta = sign * int(e["delta"])
        changed = conn.exec_driver_sql(
            _EFFECT_SQL[e["table"]], (delta, delta, delta, e["id"], e["version"])
        ).rowcount
        if changed == 1:
            done.append(e)
    return done


def bill_effects(
    conn: Connection, allocations: list[dict[str, Any]], sign: int = 1
) -> list[Effect]:
    """Effects settling (sign -1: unsettling) bills, on their current versions."""
    versions = (
        {
            r[0]: r[1]
            for r in conn.exec_driver_sql(
                f"SELECT id, version FROM bill WHERE id IN ({','.join('?' * len(allocations))})",
                tuple(a["bill_id"] for a in allocations),
            )
        }
        if allocations
        else {}
    )
    return [
        {
            "table": "bill",
            "id": a["bill_id"],
            "delta": sign * int(a["applied_fen"]),
            "version": versions.get(a["bill_id"], -1),
        }
        for a in allocations
    ]


def balance_effect(conn: Connection, account_id: str, delta: int) -> list[Effect]:
    version = conn.exec_driver_sql(
        "SELECT version FROM account WHERE id = ?", (account_id,)
    ).scalar()
    return [
        {
            "table": "account",
            "id": account_id,
            "delta": delta,
            "version": -1 if version is None else version,
        }
    ]


@dataclass(frozen=True)
class AccountRow:
    id: str
    customer_id: str
    kind: str
    version: int
    balance_fen: int


def account(conn: Connection, account_id: str) -> AccountRow | None:
    row = conn.exec_driver_sql(
        "SELECT id, customer_id, kind, version, balance_fen FROM account WHERE id = ?",
        (account_id,),
    ).first()
    if row is None:
        return None
    return AccountRow(str(row[0]), str(row[1]), str(row[2]), int(row[3]), int(row[4] or 0))


@dataclass(frozen=True)
class LineRow:
    id: str
    account_id: str
    customer_id: str
    status: str
    msisdn: str


def line(conn: Connection, subscription_id: str) -> LineRow | None:
    row = conn.exec_driver_sql(
        "SELECT id, account_id, customer_id, status, msisdn FROM subscription WHERE id = ?",
        (subscription_id,),
    ).first()
    return None if row is None else LineRow(*(str(v or "") for v in row))


def mark_voided(conn: Connection, payment_id: str, reversal_id: str) -> None:
    conn.exec_driver_sql(
        "UPDATE payment SET status = 'voided', voided_by_id = ? WHERE id = ?",
        (reversal_id, payment_id),
    )


def unmark_voided(conn: Connection, payment_id: str, reversal_id: str) -> None:
    """The void was refused: the payment stands again, unless something newer voided it."""
    conn.exec_driver_sql(
        "UPDATE payment SET status = 'booked', voided_by_id = NULL "
        "WHERE id = ? AND status = 'voided' AND voided_by_id = ?",
        (payment_id, reversal_id),
    )


def set_sync_state(conn: Connection, payment_id: str, state: str) -> None:
    conn.exec_driver_sql("UPDATE payment SET sync_state = ? WHERE id = ?", (state, payment_id))


def customer_names(conn: Connection, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.exec_driver_sql(f"SELECT id, name FROM customer WHERE id IN ({marks})", tuple(ids))
    return {str(r[0]): str(r[1] or "") for r in rows}
