"""The charge journal (in the journal database): money asked of a card terminal, written
before the terminal is asked, completed or cancelled after its answer."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection

from local_cache.db import Cache

STARTED, DONE, CANCELLED = "started", "done", "cancelled"


def begin(conn: Connection, intent: dict[str, Any]) -> None:
    conn.exec_driver_sql(
        "INSERT INTO journal.charge (id, payment_id, receipt_no, method, amount_fen, "
        "customer_id, account_id, shift_id, staff_id, request, state, created_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            intent["id"],
            intent["payment_id"],
            intent["receipt_no"],
            intent["method"],
            intent["amount_fen"],
            intent["customer_id"],
            intent["account_id"],
            intent["shift_id"],
            intent["staff_id"],
            json.dumps(intent["request"], ensure_ascii=False),
            STARTED,
            intent["created_at"],
        ),
    )


def finish(
    conn: Connection,
    charge_id: str,
    state: str,
    when: str,
    *,
    reference: str | None = None,
    note: str | None = None,
    by: str | None = None,
) -> bool:
    """Give a started charge its outcome; False if it had one already."""
    return (
        conn.exec_driver_sql(
            "UPDATE journal.charge SET state = ?, reference = ?, settled_at = ?, note = ?, "
            "settled_by = ? WHERE id = ? AND state = ?",
            (state, reference, when, note, by, charge_id, STARTED),
        ).rowcount
        == 1
    )


def open_charges(conn: Connection, staff_id: str | None = None) -> list[dict[str, Any]]:
    """Charges the counter stopped in the middle of (oldest first), with the customer."""
    sql = (
        "SELECT ch.*, c.name AS customer_name FROM journal.charge ch "
        "LEFT JOIN main.customer c ON c.id = ch.customer_id WHERE ch.state = ?"
    )
    params: tuple[Any, ...] = (STARTED,)
    if staff_id is not None:
        sql += " AND ch.staff_id = ?"
        params = (STARTED, staff_id)
    rows = conn.exec_driver_sql(sql + " ORDER BY ch.created_at", params).mappings().all()
    return [_row(r) for r in rows]


def charge(conn: Connection, charge_id: str) -> dict[str, Any] | None:
    row = (
        conn.exec_driver_sql("SELECT * FROM journal.charge WHERE id = ?", (charge_id,))
        .mappings()
        .first()
    )
    return None if row is None else _row(row)


def _row(row: Any) -> dict[str, Any]:
    return {
        **row,
        "request": json.loads(row["request"]),
        "body": json.loads(row["body"]) if row.get("body") else None,
    }


def keep_body(conn: Connection, charge_id: str, body: dict[str, Any]) -> None:
    conn.exec_driver_sql(
        "UPDATE journal.charge SET body = ? WHERE id = ?",
        (json.dumps(body, ensure_ascii=False), charge_id),
    )


def has_open(cache: Cache, staff_id: str) -> bool:
    with cache.read() as conn:
        return (
            conn.exec_driver_sql(
                "SELECT 1 FROM journal.charge WHERE state = ? AND staff_id = ? LIMIT 1",
                (STARTED, staff_id),
            ).first()
            is not None
        )
