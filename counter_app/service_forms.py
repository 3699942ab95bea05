"""The service form of an order: filled from the order and the cache, signed, kept as a PDF
beside the receipts (with the signature, so a reprint from the history is the same form)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from counter_app import orders as order_use
from counter_app.domain import orders
from counter_app.domain.money import format_yuan
from counter_app.payment_receipts import counter_header, customer_bits
from counter_app.receipt_files import write_file
from counter_app.receipts.service_form import FormFee, ServiceFormData, service_form_pdf
from counter_app.session import CounterSession
from local_cache import orders_store

GENERAL_TERMS = (
    "套餐月费按自然月收取。The plan's monthly fee is charged per calendar month.",
    "号码实名登记,仅限登记人使用。The number is registered to the holder named above.",
)
TYPE_TERMS = {
    "suspend": "报停期间按标准收取保号费。While suspended, a number-keeping fee applies.",
    "cancel": "销户后号码将被回收。A cancelled number is taken back by the operator.",
    "transfer": "过户后原机主不再享有该号码。The former owner gives up the number.",
}


class FormMissing(LookupError):
    """The order is not in the cache."""


def folder(sess: CounterSession) -> Path:
    return sess.receipts_dir / "forms"


def _terms(sess: CounterSession, order: dict[str, Any]) -> tuple[str, ...]:
    plan_id = (order.get("items") or {}).get("plan_id")
    with sess.cache.read() as conn:
        plan = orders_store.plan_of(conn, plan_id, order.get("subscription_id"))
    out = []
    if plan is not None:
        out.append(f"{plan['name']}:月费 Monthly fee {format_yuan(int(plan['price_fen'] or 0))}。")
    out += GENERAL_TERMS
    if order["type"] in TYPE_TERMS:
        out.append(TYPE_TERMS[order["type"]])
    return tuple(out)


def form_data(
    sess: CounterSession, order: dict[str, Any], signature_png: bytes | None, reprint: int = 0
) -> ServiceFormData:
    domain_order = orders.from_body(order)
    changes = tuple((s.label, s.value) for s in order_use.summary(sess, domain_order))
    name, id_masked, msisdn_masked = customer_bits(
        sess, order["customer_id"], order.get("subscription_id")
    )
    taken = order.get("created_at") or datetime.now(UTC).isoformat()
    taken_at = datetime.fromisoformat(taken)
    header = counter_header(sess)
    return ServiceFormData(
        order_no=order["order_no"],
        order_type=order["type"],
        hall_code=header["hall_code"],
        hall_name=header["hall_name"],
        counter_id=order.get("counter_id") or header["counter_id"],
        clerk_staff_no=header["clerk_staff_no"],
        clerk_name=header["clerk_name"],
        taken_at=taken_at if taken_at.tzinfo else taken_at.replace(tzinfo=UTC),
        customer_name=name,
        customer_id_masked=id_masked,
        msisdn_masked=msisdn_masked,
        changes=changes,
        fees=tuple(
            FormFee(f.name, f.amount_fen, f.waived_fen, f.waiver_reason) for f in domain_order.fees
        ),
        deposit_fen=domain_order.deposit_fen,
        terms=_terms(sess, order),
        approved_by=order.get("approved_by"),
        signature_png=signature_png,
        reprint=reprint,
        time_zone=header["time_zone"],
    )


def sign_and_save(
    sess: CounterSession, order: dict[str, Any], signature_png: bytes | None
) -> tuple[Path, bytes]:
    """The form of an order just taken, with the customer's signature: kept, and returned
    to be printed."""
    where = folder(sess)
    if signature_png:
        write_file(where / f"{order['order_no']}.signature.png", signature_png)
    pdf = service_form_pdf(form_data(sess, order, signature_png))
    return write_file(where / f"{order['order_no']}.pdf", pdf), pdf


def reprint(sess: CounterSession, order_id: str) -> tuple[Path, bytes]:
    """The form again from the customer's history, marked as a reprint."""
    with sess.cache.read() as conn:
        order = orders_store.order(conn, order_id)
    if order is None:
        raise FormMissing(order_id)
    where = folder(sess)
    signature = where / f"{order['order_no']}.signature.png"
    n = len(list(where.glob(f"{order['order_no']}-reprint*.pdf"))) + 1
    pdf = service_form_pdf(
        form_data(sess, order, signature.read_bytes() if signature.exists() else None, n)
    )
    return write_file(where / f"{order['order_no']}-reprint{n}.pdf", pdf), pdf
