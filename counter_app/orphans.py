"""Payments the cache holds with no entry in the journal to send them (the journal lost or
damaged, or the counter stopped between the two files' commits): queued again from their
own record, so money taken is never silently dropped. The province refuses a payment id or
receipt number it already has, so one that had reached it is not booked twice."""

from __future__ import annotations

from typing import Any

from counter_app.domain.api_versions import API_VERSION
from counter_app.domain.kinds import (
    OutboxKind,
    PaymentKind,
    PaymentMethod,
    PaymentStatus,
    ShiftStatus,
)
from local_cache import journal, outbox
from local_cache import payments_store as store
from local_cache.db import Cache

REQUEUED_KINDS = (PaymentKind.BILL, PaymentKind.TOPUP, PaymentKind.ORDER_FEE)


def body_of(p: dict[str, Any]) -> dict[str, Any] | None:
    """The request a payment record was made with, or None where the record cannot say it
    all (a QR code, a void's approval): those are marked for a person instead."""
    if (
        p.get("status") != PaymentStatus.BOOKED
        or p.get("kind") not in REQUEUED_KINDS
        or p.get("method") not in (PaymentMethod.CASH, PaymentMethod.CARD)
    ):
        return None
    allocations = p.get("allocations") or []
    body: dict[str, Any] = {
        "id": p["id"],
        "receipt_no": p["receipt_no"],
        "kind": p["kind"],
        "account_id": p["account_id"],
        "subscription_id": p.get("subscription_id"),
        "amount_fen": p["amount_fen"],
        "method": p["method"],
        "tendered_fen": p.get("tendered_fen") if p["method"] == PaymentMethod.CASH else None,
        "card_ref": p.get("reference") if p["method"] == PaymentMethod.CARD else None,
        "qr_code": None,
        "bill_ids": [a["bill_id"] for a in allocations] if p["kind"] == PaymentKind.BILL else None,
        "created_at": p["created_at"],
        "shift_id": p["shift_id"],
    }
    if p["kind"] == PaymentKind.ORDER_FEE:
        body["order_id"] = allocations[0]["order_id"] if allocations else None
    return body


def _shift_bodies(shift: dict[str, Any]) -> list[tuple[OutboxKind, str, dict[str, Any]]]:
    """Its opening, and its close if it was closed here."""
    out: list[tuple[OutboxKind, str, dict[str, Any]]] = [
        (
            OutboxKind.SHIFT_OPEN,
            "/shifts",
            {
                "id": shift["id"],
                "opening_float_fen": shift["opening_float_fen"],
                "float_denominations": shift["float_denominations"],
                "opened_at": shift["opened_at"],
            },
        )
    ]
    if shift.get("status") == ShiftStatus.CLOSED:
        out.append(
            (
                OutboxKind.SHIFT_CLOSE,
                f"/shifts/{shift['id']}/close",
                {
                    "closed_at": shift["closed_at"],
                    "counted_denominations": shift["counted_denominations"],
                    "counted_fen": shift["counted_fen"],
                    "expected_fen": shift["expected_fen"],
                    "note": shift.get("note") or "",
                    "pending_upload": 1,  # what it waited for may have been lost with it
                },
            )
        )
    return out


def requeue(cache: Cache, when: str) -> tuple[int, list[str]]:
    """(how many were queued again, the receipt numbers of those marked for a person)."""
    queued, unsaved = 0, []
    with cache.write() as conn:
        for shift in journal.orphan_shifts(conn):  # first: the payments wait for them
            for kind, path, shift_body in _shift_bodies(shift):
                outbox.enqueue(
                    conn,
                    api_version=API_VERSION,
                    kind=kind,
                    method="POST",
                    path=path,
                    body=shift_body,
                    created_at=when,
                    entity="shift",
                    entity_id=shift["id"],
                    shift_id=shift["id"],
                    record=shift,
                )
                queued += 1
        for p in journal.orphans(conn):
            body = body_of(p)
            if body is None:
                store.set_sync_state(conn, p["id"], "unsaved")
                unsaved.append(str(p["receipt_no"]))
                continue
            outbox.enqueue(
                conn,
                api_version=API_VERSION,
                kind=OutboxKind.PAYMENT,
                method="POST",
                path="/payments",
                body=body,
                created_at=when,
                entity="payment",
                entity_id=p["id"],
                customer_id=p["customer_id"],
                shift_id=p["shift_id"],
                record=p,
            )
            queued += 1
        if queued or unsaved:
            journal.audit(conn, when, "orphans_found", {"queued": queued, "unsaved": unsaved}, None)
    return queued, unsaved
