"""Service orders and the hall's stock in the cache: the orders this counter took (as the
province answered them, or queued), the numbers and SIMs it may offer, and the catalog's
plans and add-ons for the order pages."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection

from local_cache.payments_store import put

Row = dict[str, Any]


def _rows(conn: Connection, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
    out = []
    for r in conn.exec_driver_sql(sql, params).mappings():
        row = dict(r)
        for col in ("items", "fees", "eligibility", "addon_ids"):
            if isinstance(row.get(col), str):
                row[col] = json.loads(row[col])
        out.append(row)
    return out


def put_order(conn: Connection, order: Mapping[str, Any], sync_state: str = "accepted") -> None:
    """The order as the province answered it (or, queued, as this counter took it)."""
    put(conn, "product_order", {**order, "version": int(order.get("version") or 0)})
    conn.exec_driver_sql(
        "UPDATE product_order SET sync_state = ? WHERE id = ?", (sync_state, order["id"])
    )


def mark_paid(conn: Connection, order_id: str, payment_id: str) -> None:
    """Its fees are taken here (the province completes it when the payment reaches it)."""
    conn.exec_driver_sql(
        "UPDATE product_order SET payment_id = ? WHERE id = ?", (payment_id, order_id)
    )


def refused(conn: Connection, order_id: str, reason: str) -> None:
    """An order queued offline that the province refused: failed, with its reason."""
    conn.exec_driver_sql(
        "UPDATE product_order SET state = 'failed', decision_reason = ?, sync_state = 'rejected' "
        "WHERE id = ?",
        (reason, order_id),
    )


def order(conn: Connection, order_id: str) -> Row | None:
    found = _rows(conn, "SELECT * FROM product_order WHERE id = ?", (order_id,))
    return found[0] if found else None


def orders_of_customer(conn: Connection, customer_id: str, limit: int = 50) -> list[Row]:
    return _rows(
        conn,
        "SELECT * FROM product_order WHERE customer_id = ? ORDER BY created_at DESC LIMIT ?",
        (customer_id, limit),
    )


def free_numbers(
    conn: Connection,
    hall_id: str,
    counter_id: str,
    now_iso: str,
    ends_with: str = "",
    contains: str = "",
    no_digit_4: bool = False,
    limit: int = 50,
) -> list[Row]:
    """The hall's numbers this counter may offer as the cache knows them (offline, or
    before the province answers): not assigned, not held by another counter."""
    sql = (
        "SELECT msisdn, level, prepay_fen, status, held_by, held_until FROM number "
        "WHERE hall_id = ? AND status != 'assigned' "
        "AND (status != 'reserved' OR held_by = ? OR coalesce(held_until, '') < ?)"
    )
    params: list[Any] = [hall_id, counter_id, now_iso]
    if ends_with:
        sql += " AND msisdn LIKE ?"
        params.append(f"%{ends_with}")
    if contains:
        sql += " AND msisdn LIKE ?"
        params.append(f"%{contains}%")
    if no_digit_4:
        sql += " AND msisdn NOT LIKE '%4%'"
    sql += " ORDER BY msisdn LIMIT ?"
    params.append(limit)
    return _rows(conn, sql, tuple(params))


def mark_number(
    conn: Connection, msisdn: str, status: str, held_by: str | None, held_until: str | None
) -> None:
    """This counter holds (or took, or let go of) a number: not offered again here."""
    conn.exec_driver_sql(
        "UPDATE number SET status = ?, held_by = ?, held_until = ? WHERE msisdn = ?",
        (status, held_by, held_until, msisdn),
    )


def mark_sim(conn: Connection, iccid: str, status: str) -> None:
    conn.exec_driver_sql("UPDATE sim SET status = ? WHERE iccid = ?", (status, iccid))


def offerings(conn: Connection, kind: str) -> list[Row]:
    """The catalog's active plans or add-ons, by code."""
    return _rows(
        conn,
        "SELECT id, code, name, kind, price_fen, eligibility FROM offering "
        "WHERE kind = ? AND active = 1 ORDER BY code",
        (kind,),
    )


def customers_named(conn: Connection, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = conn.exec_driver_sql(
        f"SELECT id, name FROM customer WHERE id IN ({marks})", tuple(ids)
    ).all()
    return {r[0]: r[1] for r in rows}


def plan_of(conn: Connection, plan_id: str | None, subscription_id: str | None) -> Row | None:
    """The plan an order puts on its line (or, naming none, the line's plan now)."""
    if plan_id is None and subscription_id:
        plan_id = conn.exec_driver_sql(
            "SELECT plan_id FROM subscription WHERE id = ?", (subscription_id,)
        ).scalar()
    found = _rows(conn, "SELECT name, price_fen FROM offering WHERE id = ?", (plan_id or "",))
    return found[0] if found else None


def number_of_order(conn: Connection, order_id: str) -> str | None:
    """The number an order is about: a new line's, or its line's."""
    found = order(conn, order_id)
    if found is None:
        return None
    msisdn = (found.get("items") or {}).get("msisdn")
    if msisdn:
        return str(msisdn)
    return conn.exec_driver_sql(
        "SELECT msisdn FROM subscription WHERE id = ?", (found.get("subscription_id") or "",)
    ).scalar()
