"""Everything the cache knows about one customer, for the 360° view."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection

from local_cache import audit_events

RECENT_BILLS = 6


def _all(conn: Connection, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.exec_driver_sql(sql, params).mappings()]


def load(conn: Connection, customer_id: str) -> dict[str, Any] | None:
    customer = (
        conn.exec_driver_sql("SELECT * FROM customer WHERE id = ?", (customer_id,))
        .mappings()
        .first()
    )
    if customer is None:
        return None
    accounts = _all(
        conn, "SELECT * FROM account WHERE customer_id = ? ORDER BY account_no", (customer_id,)
    )
    offerings = {
        r["id"]: r for r in _all(conn, "SELECT id, code, name, kind, price_fen FROM offering", ())
    }
    subscriptions = _all(
        conn,
        "SELECT * FROM subscription WHERE customer_id = ? "
        "ORDER BY status = 'cancelled', activated_at",
        (customer_id,),
    )
    for sub in subscriptions:
        plan = offerings.get(sub["plan_id"])
        sub["plan_name"] = plan["name"] if plan else None
        sub["plan_price_fen"] = plan["price_fen"] if plan else None
        addon_ids = json.loads(sub["addon_ids"] or "[]")
        sub["addons"] = [offerings[a]["name"] for a in addon_ids if a in offerings]
    unpaid: list[dict[str, Any]] = []
    paid: list[dict[str, Any]] = []
    for account in accounts:
        rows = _all(
            conn,
            "SELECT * FROM bill WHERE account_id = ? ORDER BY period DESC",
            (account["id"],),
        )
        for bill in rows:
            bill["account_no"] = account["account_no"]
        unpaid += [b for b in rows if b["status"] != "paid"]
        paid += [b for b in rows if b["status"] == "paid"][:RECENT_BILLS]
    # Unpaid oldest first (the order payments settle them), then the recent paid ones.
    bills = sorted(unpaid, key=lambda b: b["period"])
    bills += sorted(paid, key=lambda b: b["period"], reverse=True)
    payments = _all(
        conn,
        "SELECT id, receipt_no, kind, status, amount_fen, method, created_at, sync_state "
        "FROM payment WHERE customer_id = ? ORDER BY created_at DESC LIMIT 20",
        (customer_id,),
    )
    return {
        "payments": payments,
        "customer": dict(customer),
        "accounts": accounts,
        "subscriptions": subscriptions,
        "bills": bills,
    }


def add_audit(conn: Connection, entry: dict[str, Any]) -> None:
    """A local audit row, and its event queued for the province in the same transaction
    (local_cache.audit_events)."""
    conn.exec_driver_sql(
        "INSERT INTO audit_log (id, at, staff_id, action, entity, entity_id, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            entry["id"],
            entry["at"],
            entry.get("staff_id"),
            entry["action"],
            entry.get("entity"),
            entry.get("entity_id"),
            json.dumps(entry.get("detail") or {}, ensure_ascii=False),
        ),
    )
    audit_events.queue(
        conn,
        at=entry["at"],
        action=entry["action"],
        detail=entry.get("detail") or {},
        staff_id=entry.get("staff_id"),
        entity=entry.get("entity"),
        entity_id=entry.get("entity_id"),
        event_id=entry["id"],
    )


def audit_entries(conn: Connection, entity_id: str | None = None) -> list[dict[str, Any]]:
    if entity_id is None:
        return _all(conn, "SELECT * FROM audit_log ORDER BY at", ())
    return _all(conn, "SELECT * FROM audit_log WHERE entity_id = ? ORDER BY at", (entity_id,))


def id_number(conn: Connection, customer_id: str) -> str | None:
    value = conn.exec_driver_sql(
        "SELECT id_number FROM customer WHERE id = ?", (customer_id,)
    ).scalar()
    return None if value is None else str(value)


def home_hall(conn: Connection, customer_id: str) -> str | None:
    value = conn.exec_driver_sql(
        "SELECT home_hall_id FROM customer WHERE id = ?", (customer_id,)
    ).scalar()
    return None if value is None else str(value)


def receipt_party(
    conn: Connection, customer_id: str, subscription_id: str | None
) -> tuple[str, str, str | None]:
    """Name, full ID number and the number for a receipt: the line paid for, else the
    customer's main line (an active one first)."""
    cust = conn.exec_driver_sql(
        "SELECT name, id_number FROM customer WHERE id = ?", (customer_id,)
    ).first()
    msisdn = None
    if subscription_id:
        msisdn = conn.exec_driver_sql(
            "SELECT msisdn FROM subscription WHERE id = ?", (subscription_id,)
        ).scalar()
    if msisdn is None:
        msisdn = conn.exec_driver_sql(
            "SELECT msisdn FROM subscription WHERE customer_id = ? "
            "ORDER BY status = 'active' DESC LIMIT 1",
            (customer_id,),
        ).scalar()
    name, number = (str(cust[0]), str(cust[1] or "")) if cust else ("", "")
    return name, number, None if msisdn is None else str(msisdn)
