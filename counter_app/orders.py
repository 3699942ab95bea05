"""Service orders at the counter: check an order against the rules over the cache, hold a
number, send the order to the province, and decide on the hall's approval queue.

The counter's check refuses at once what the province would refuse; the province stays the
arbiter (another counter may have taken the number a moment ago: its 409 comes back here).
Offline, orders wait for the link (queueing the policy's offline types is still to come).
"""

from __future__ import annotations

import contextlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from counter_app import order_queue, payments, policy
from counter_app.api_client import ApiError, OfflineError
from counter_app.approvals import Approval
from counter_app.domain import orders
from counter_app.domain.hall_time import local
from counter_app.domain.kinds import PaymentKind, PaymentMethod
from counter_app.domain.orders import (
    Charges,
    Context,
    Order,
    OrderState,
    OrderType,
    SummaryLine,
)
from counter_app.domain.orders.line_owner import Cancel
from counter_app.order_facts import CacheFacts
from counter_app.payment_receipts import build_receipt, log_print
from counter_app.receipts.data import ReceiptData
from counter_app.session import CounterSession
from counter_app.sync.push import push
from local_cache import orders_store, outbox, payments_store, staff_store


class OrderWaits(Exception):
    """The order cannot be taken now (message for the clerk)."""


WAITS_FOR_LINK = "The province cannot be reached; this order waits until the link is back."
NO_SHIFT = "Open a shift first (Ctrl+Shift+O): this order's fees are taken into it."
NO_SHIFT_FOR_REFUND = "Open a shift first (Ctrl+Shift+O): the line's balance is paid out of it."


def _fees_need_a_shift(sess: CounterSession, order: Order) -> bool:
    """Fees are taken into the clerk's shift, and a cancelled line's balance paid out of it:
    whether it needs the shift (OrderWaits when none is open)."""
    refund = 0
    if order.type == OrderType.CANCEL:
        with sess.cache.read() as conn:
            refund = Cancel().refund_fen(order, CacheFacts(conn))
    if order.due_fen <= 0 and refund <= 0:
        return False
    if payments.current_shift(sess) is None:
        raise OrderWaits(NO_SHIFT if order.due_fen else NO_SHIFT_FOR_REFUND)
    return refund > 0


def _shift_known_to_the_province(sess: CounterSession) -> None:
    """A shift opened a moment ago may still be in the outbox: it goes first, as the push
    loop would send it, since the province books a refund into it at once."""
    shift = payments.current_shift(sess)
    with sess.cache.read() as conn:
        entry = outbox.entry_for(conn, "shift", shift["id"]) if shift else None
        waiting = entry is not None and outbox.state_of(conn, entry) == "pending"
    if waiting:
        with contextlib.closing(sess.make_api()) as api:
            push(api, sess.cache, force=True, staff_id=sess.signed.staff_id)


def _get(sess: CounterSession, path: str, **params: Any) -> Any:
    with contextlib.closing(sess.make_api()) as api:
        return api.get_json(path, **params)


def _post(sess: CounterSession, path: str, body: Any, idempotency_key: str | None = None) -> Any:
    with contextlib.closing(sess.make_api()) as api:
        return api.post_json(path, body, idempotency_key=idempotency_key)


def context(sess: CounterSession) -> Context:
    now = datetime.now(UTC)
    with sess.cache.read() as conn:
        me = staff_store.by_staff_no(conn, sess.signed.staff_no)
    hall_id = me.hall_id if me else ""
    zone = sess.signed.time_zone
    return Context(hall_id, sess.signed.counter_id, now, local(now, zone).date(), zone)


def new_order_no(sess: CounterSession) -> str:
    """O + hall, counter, the hall's date and time, and a random tail: unique, readable."""
    stamp = local(datetime.now(UTC), sess.signed.time_zone).strftime("%Y%m%d%H%M%S")
    tail = secrets.token_hex(2).upper()
    return f"O{sess.signed.hall_code}-{sess.signed.counter_id}-{stamp}{tail}".upper()


def price(sess: CounterSession, order: Order) -> Order:
    """The order with the catalog's fees and deposit (waivers kept)."""
    with sess.cache.read() as conn:
        return orders.priced(order, CacheFacts(conn))


def check(sess: CounterSession, order: Order) -> Charges:
    """Raise RuleBroken for the first rule broken, as the province would."""
    with sess.cache.read() as conn:
        return orders.check(order, CacheFacts(conn), context(sess), policy.load(sess.cache))


def approval_reason(sess: CounterSession, order: Order) -> str | None:
    return orders.approval_reason(order, policy.load(sess.cache))


@dataclass(frozen=True)
class FeeDue:
    """What the payment dialog takes for an order: its fees after waivers and pre-deposit."""

    order_id: str
    order_no: str
    customer_id: str
    account_id: str
    subscription_id: str | None
    fees_fen: int
    deposit_fen: int

    @property
    def due_fen(self) -> int:
        return self.fees_fen + self.deposit_fen

    def payment(
        self, method: str = "cash", tendered_fen: int | None = None, qr_code: str | None = None
    ) -> payments.PaymentRequest:
        """The payment that takes these fees (cash: the exact amount unless told)."""
        if method == "cash" and tendered_fen is None:
            tendered_fen = self.due_fen
        return payments.PaymentRequest(
            PaymentKind.ORDER_FEE,
            self.customer_id,
            self.account_id,
            self.due_fen,
            PaymentMethod(method),
            subscription_id=self.subscription_id,
            tendered_fen=tendered_fen,
            qr_code=qr_code,
            order_id=self.order_id,
        )


def summary(sess: CounterSession, order: Order) -> list[SummaryLine]:
    """What the order changes, in the customer's terms (from the cache)."""
    with sess.cache.read() as conn:
        return orders.kind_of(order).summary(order, CacheFacts(conn))


def fee_due(sess: CounterSession, answer: dict[str, Any]) -> FeeDue | None:
    """The fees an acknowledged order waits for, or None when nothing is owed."""
    order = orders.from_body(answer)
    if answer.get("state") != OrderState.ACKNOWLEDGED or order.due_fen == 0:
        return None
    with sess.cache.read() as conn:
        account = orders.fee_account(order, CacheFacts(conn))
    if account is None:
        return None
    return FeeDue(
        order.id,
        order.order_no,
        order.customer_id,
        account,
        order.subscription_id,
        order.fees_fen,
        order.deposit_fen,
    )


def numbers(
    sess: CounterSession, ends_with: str = "", contains: str = "", no_digit_4: bool = False
) -> list[dict[str, Any]]:
    """The hall's numbers free to choose: the province's list (it knows what other counters
    hold), else the cache's."""
    try:
        return list(
            _get(
                sess,
                "/resources/numbers",
                ends_with=ends_with,
                contains=contains,
                no_digit_4=str(no_digit_4).lower(),
            )
        )
    except OfflineError:
        ctx = context(sess)
        with sess.cache.read() as conn:
            return orders_store.free_numbers(
                conn,
                ctx.hall_id,
                ctx.counter_id,
                ctx.now.isoformat(),
                ends_with,
                contains,
                no_digit_4,
            )


def offerings(sess: CounterSession, kind: str) -> list[dict[str, Any]]:
    with sess.cache.read() as conn:
        return orders_store.offerings(conn, kind)


def hold_number(sess: CounterSession, msisdn: str) -> dict[str, Any]:
    """Hold a number of the hall's stock for this counter; ApiError 409 if another has it.
    Marked at once in the cache, so this counter does not offer it again (offline, only
    there: the province decides when the order arrives)."""
    try:
        held = dict(_post(sess, f"/resources/numbers/{msisdn}/reserve", {}))
    except OfflineError:
        held = {"msisdn": msisdn}
    until = (
        held.get("held_until")
        or (
            datetime.now(UTC) + timedelta(minutes=policy.load(sess.cache).number_hold_minutes)
        ).isoformat()
    )
    with sess.cache.write() as conn:
        orders_store.mark_number(conn, msisdn, "reserved", sess.signed.counter_id, until)
    return held


def release_number(sess: CounterSession, msisdn: str) -> None:
    with contextlib.suppress(OfflineError, ApiError):  # else the hold runs out by itself
        _post(sess, f"/resources/numbers/{msisdn}/release", {})
    with sess.cache.write() as conn:
        orders_store.mark_number(conn, msisdn, "free", None, None)


def record(sess: CounterSession, answer: dict[str, Any]) -> dict[str, Any]:
    """The province's answer about an order, kept in the cache (the history, the queue)."""
    with sess.cache.write() as conn:
        orders_store.put_order(conn, answer)
    return answer


def history(sess: CounterSession, customer_id: str) -> list[dict[str, Any]]:
    with sess.cache.read() as conn:
        return orders_store.orders_of_customer(conn, customer_id)


def submit(
    sess: CounterSession,
    order: Order,
    approval: Approval | None = None,
    created_at: datetime | None = None,
) -> dict[str, Any]:
    """Check the order here, then take it at the province (idempotent: one key per order;
    a resend passes the first `created_at`). Returns the province's order: `pendingApproval`,
    `acknowledged` (its fees are due) or `completed`."""
    check(sess, order)
    if _fees_need_a_shift(sess, order):
        _shift_known_to_the_province(sess)
    body: dict[str, Any] = {
        **orders.to_body(order),
        "created_at": (created_at or datetime.now(UTC)).isoformat(),
    }
    if approval is not None:
        body["approval"] = approval.to_json()
    key = str(uuid.uuid5(uuid.NAMESPACE_URL, f"product-order/{order.id}"))
    try:
        answer = dict(_post(sess, "/product-orders", body, idempotency_key=key))
    except OfflineError as exc:
        # Never delivered, and the policy allows it offline: through the outbox, once.
        if exc.maybe_delivered or not order_queue.may_queue(sess, order, approval is not None):
            raise OrderWaits(WAITS_FOR_LINK) from None
        taken = created_at or datetime.now(UTC)
        return order_queue.queue(sess, order, body, key, context(sess).hall_id, taken)
    return record(sess, answer)


@dataclass(frozen=True)
class Prepared:
    """An order priced and checked, ready for the clerk's summary."""

    order: Order
    summary: list[SummaryLine]
    approval_reason: str | None
    held: str | None  # the number held for this counter for it


def prepare(
    sess: CounterSession, draft: Order, hold: str | None = None, held: str | None = None
) -> Prepared:
    """Runs in a worker: hold the number the order needs (letting go of the one held
    before), then price and check the order as the province will."""
    if hold and hold != held:
        if held:
            release_number(sess, held)
        hold_number(sess, hold)
    order = price(sess, draft)
    check(sess, order)
    _fees_need_a_shift(sess, order)
    return Prepared(order, summary(sess, order), approval_reason(sess, order), hold or held)


def cancel(sess: CounterSession, order_id: str, held: str | None = None) -> dict[str, Any] | None:
    """The clerk gave up on an order not yet run: the province lets its stock go."""
    answer = None
    with contextlib.suppress(OfflineError, ApiError):
        answer = record(sess, dict(_post(sess, f"/product-orders/{order_id}/cancel", {})))
    if held:
        release_number(sess, held)
    return answer


def fees_to_give_back(sess: CounterSession, reversal: dict[str, Any]) -> dict[str, Any] | None:
    """After a reversal (返销): the payment of the reversed order's fees, still booked, to
    void through the void path (None when there were no fees, or they are voided)."""
    reversed_id = str((reversal.get("items") or {}).get("order_id") or "")
    reversed_order = fetch(sess, reversed_id)
    payment_id = reversed_order.get("payment_id")
    if not payment_id:
        return None
    with sess.cache.read() as conn:
        paid = payments_store.payment(conn, str(payment_id))
    if paid is None or paid["status"] != "booked" or paid["amount_fen"] <= 0:
        return None
    return {
        "payment_id": paid["id"],
        "receipt_no": paid["receipt_no"],
        "amount_fen": paid["amount_fen"],
        "order_no": reversed_order["order_no"],
    }


def refund_slip(sess: CounterSession, answer: dict[str, Any]) -> ReceiptData | None:
    """A cancellation's refund, booked by the province as cash out of this shift: kept in
    the cache (the shift's cash counts it) and its slip, to print and hand over."""
    if answer.get("type") != OrderType.CANCEL or not answer.get("payment_id"):
        return None
    paid = dict(_get(sess, f"/payments/{answer['payment_id']}"))
    with sess.cache.write() as conn:
        payments_store.put(conn, "payment", paid, sync_state="accepted")
    slip = build_receipt(sess, paid)
    with sess.cache.write() as conn:
        log_print(conn, sess, slip, paid["created_at"])
    return slip


def queue(sess: CounterSession) -> list[dict[str, Any]]:
    """The hall's orders waiting for a supervisor, newest first, with the customer's name."""
    waiting = list(_get(sess, "/product-orders", state="pendingApproval"))
    with sess.cache.read() as conn:
        names = orders_store.customers_named(conn, [o["customer_id"] for o in waiting])
    return [{**o, "customer_name": names.get(o["customer_id"], "")} for o in waiting]


def queue_with_summaries(sess: CounterSession) -> list[dict[str, Any]]:
    """The queue, each order with what it changes in words (from the cache), for the
    supervisor to judge."""
    out = []
    for waiting in queue(sess):
        try:
            lines = summary(sess, orders.from_body(waiting))
        except (KeyError, ValueError):
            lines = []
        out.append({**waiting, "summary": [(s.label, s.value) for s in lines]})
    return out


def decide(sess: CounterSession, order_id: str, approve: bool, reason: str = "") -> dict[str, Any]:
    body = {"decision": "approve" if approve else "reject", "reason": reason.strip()}
    answer = dict(_post(sess, f"/product-orders/{order_id}/approval", body))
    return record(sess, answer)


def fetch(sess: CounterSession, order_id: str) -> dict[str, Any]:
    return record(sess, dict(_get(sess, f"/product-orders/{order_id}")))
