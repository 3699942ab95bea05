"""The paper of a payment: its receipt or void slip, printed once, previewed and reprinted
as it was printed (the first print's data is kept with the print log)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from counter_app.domain.masking import mask_id_number, mask_mobile
from counter_app.receipts.data import ReceiptData, ReceiptLine
from counter_app.session import CounterSession
from local_cache import customer_view, orders_store
from local_cache import payments_store as store

KIND_LINE = {"topup": "充值 Top-up"}


class ReceiptMissing(LookupError):
    """The payment is not in the cache."""


def counter_header(sess: CounterSession) -> dict[str, str]:
    """Who printed it, where, and on whose clock: the head of every receipt and report."""
    return {
        "hall_code": sess.signed.hall_code,
        "hall_name": sess.signed.hall_name or sess.signed.hall_code,
        "counter_id": sess.signed.counter_id,
        "clerk_staff_no": sess.signed.staff_no,
        "clerk_name": sess.signed.name,
        "time_zone": sess.signed.time_zone,
    }


def customer_bits(
    sess: CounterSession, customer_id: str, subscription_id: str | None
) -> tuple[str, str, str]:
    """Name, masked ID and masked number for the paper (the line paid for, or the
    customer's main line for a bill)."""
    with sess.cache.read() as conn:
        name, id_number, msisdn = customer_view.receipt_party(conn, customer_id, subscription_id)
    return name, mask_id_number(id_number), mask_mobile(msisdn)


def build_receipt(
    sess: CounterSession,
    payment: dict[str, Any],
    reprint: int = 0,
    void_slip: dict[str, Any] | None = None,
    **after: Any,
) -> ReceiptData:
    """The receipt (or, with `void_slip`, the void slip) of a payment from the cache.
    `after` may give owed_after_fen, balance_after_fen and provisional."""
    name, id_masked, msisdn_masked = customer_bits(
        sess, payment["customer_id"], payment.get("subscription_id")
    )
    if payment["kind"] == "bill":
        lines = tuple(
            ReceiptLine(f"{a['period']} 账单 Bill", abs(int(a["applied_fen"])))
            for a in payment.get("allocations") or []
        )
    elif payment["kind"] == "refund":
        lines = tuple(
            ReceiptLine(f"余额退还 Balance refunded {a['order_no']}", abs(int(a["refund_fen"])))
            for a in payment.get("allocations") or []
        )
    elif payment["kind"] == "order_fee":
        lines = tuple(
            line
            for a in payment.get("allocations") or []
            for line in (
                ReceiptLine(f"业务费用 Fees {a['order_no']}", abs(int(a["fees_fen"]))),
                ReceiptLine("预存话费 Pre-deposit", abs(int(a["deposit_fen"]))),
            )
            if line.amount_fen
        )
    else:
        lines = (
            ReceiptLine(
                KIND_LINE.get(payment["kind"], payment["kind"]), abs(int(payment["amount_fen"]))
            ),
        )
    if payment["kind"] in ("order_fee", "refund"):  # the number the order is about
        order_id = str((payment.get("allocations") or [{}])[0].get("order_id") or "")
        with sess.cache.read() as conn:
            msisdn = orders_store.number_of_order(conn, order_id)
        msisdn_masked = mask_mobile(msisdn) if msisdn else msisdn_masked
    source = void_slip or payment
    return ReceiptData(
        receipt_no=source["receipt_no"],
        **counter_header(sess),
        paid_at=datetime.fromisoformat(source["created_at"]),
        customer_name=name,
        customer_id_masked=id_masked,
        msisdn_masked=msisdn_masked,
        kind=payment["kind"],
        lines=lines,
        amount_fen=abs(int(payment["amount_fen"])),
        method=payment["method"],
        tendered_fen=None if void_slip else payment.get("tendered_fen"),
        change_fen=None if void_slip else payment.get("change_fen"),
        card_ref=payment.get("reference") if payment["method"] != "cash" else None,
        reprint=reprint,
        void_of=payment["receipt_no"] if void_slip else None,
        voided=payment.get("status") == "voided" and not void_slip,
        approved_by=void_slip.get("approved_by_staff_no") if void_slip else None,
        **({} if void_slip else after),
    )


def log_print(conn: Connection, sess: CounterSession, data: ReceiptData, when: str) -> int:
    """Record a print of `data` (its data kept when it is the first)."""
    return store.record_print(conn, data.receipt_no, sess.signed.staff_id, when, data.to_json())


def _as_printed(sess: CounterSession, conn: Connection, payment_id: str) -> ReceiptData:
    """The paper as first printed; rebuilt from the cache when this counter never printed
    it (a QR payment confirmed late, a receipt of before the print log kept its data)."""
    payment = store.payment(conn, payment_id)
    if payment is None:
        raise ReceiptMissing(payment_id)
    kept = store.printed_receipt(conn, payment["receipt_no"])
    if kept is not None:
        return ReceiptData.from_json(kept)
    original = store.payment(conn, payment["reverses_id"]) if payment["reverses_id"] else None
    if original is not None:  # a void slip
        slip = {**payment, "approved_by_staff_no": None}
        return build_receipt(sess, original, 0, void_slip=slip)
    return build_receipt(sess, payment, 0)


def preview(sess: CounterSession, payment_id: str) -> ReceiptData:
    """The receipt as it was printed, to look at: not a print, so not counted."""
    with sess.cache.read() as conn:
        return _as_printed(sess, conn, payment_id)


def reprint(sess: CounterSession, payment_id: str) -> ReceiptData:
    """The receipt again, marked 重打 / REPRINT n (every print is logged); a receipt voided
    since says so."""
    when = datetime.now(UTC).isoformat()
    with sess.cache.write() as conn:
        data = _as_printed(sess, conn, payment_id)
        payment = store.payment(conn, payment_id) or {}
        data = replace(data, voided=payment.get("status") == "voided" and not data.is_void_slip)
        n = log_print(conn, sess, data, when)
    return replace(data, reprint=n)
