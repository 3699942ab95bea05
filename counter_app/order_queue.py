"""Orders taken while the province cannot be reached: those the province's policy allows
offline (suspend/resume, add-ons, a new line from the hall's own stock) go through the
outbox like payments, once, under the order's own idempotency key; the rest wait.

The stock an order takes is marked at once in the cache, so this counter does not offer it
again; the province stays the arbiter when the entry arrives (a number another counter took
meanwhile comes back refused, in Sync issues, its stock marks undone by the next pull).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from counter_app import policy
from counter_app.domain import orders
from counter_app.domain.api_versions import API_VERSION
from counter_app.domain.kinds import OutboxKind
from counter_app.domain.orders import Order, OrderState, OrderType
from counter_app.session import CounterSession
from local_cache import orders_store, outbox


def may_queue(sess: CounterSession, order: Order, approved: bool) -> bool:
    """The policy allows this kind offline, and no supervisor is still to say yes."""
    rules = policy.load(sess.cache)
    if str(order.type) not in rules.offline_order_types:
        return False
    return approved or orders.approval_reason(order, rules) is None


def queue(
    sess: CounterSession,
    order: Order,
    body: dict[str, Any],
    key: str,
    hall_id: str,
    created_at: datetime,
) -> dict[str, Any]:
    """The order as this counter knows it until the province answers (version 0: the
    province's row replaces it): waiting for its fees, or done once it arrives."""
    state = OrderState.ACKNOWLEDGED if order.due_fen else OrderState.COMPLETED
    local = {
        **body,
        "state": str(state),
        "due_fen": order.due_fen,
        "hall_id": hall_id,
        "counter_id": sess.signed.counter_id,
        "staff_id": sess.signed.staff_id,
        "payment_id": None,
        "approved_by": None,
        "created_at": created_at.isoformat(),
        "updated_at": created_at.isoformat(),
        "version": 0,
    }
    with sess.cache.write() as conn:
        outbox.enqueue(
            conn,
            api_version=API_VERSION,
            kind=OutboxKind.ORDER,
            method="POST",
            path="/product-orders",
            body=body,
            created_at=created_at.isoformat(),
            entity="product_order",
            entity_id=order.id,
            customer_id=order.customer_id,
            idempotency_key=key,
            record=local,
            staff_id=sess.signed.staff_id,  # sent under this clerk's own sign-in
        )
        orders_store.put_order(conn, local, sync_state="pending")
        if order.type == OrderType.NEW_LINE:
            orders_store.mark_number(
                conn, str(order.item("msisdn")), "assigned", sess.signed.counter_id, None
            )
        if order.type in (OrderType.NEW_LINE, OrderType.SIM_REPLACE):
            orders_store.mark_sim(conn, str(order.item("iccid")), "assigned")
    return {**local, "queued": True}
