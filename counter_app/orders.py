"""Service orders at the counter: check an order against the rules over the cache, hold a
number, send the order to the province, and decide on the hall's approval queue.

The counter's check refuses at once what the province would refuse; the province stays the
arbiter (another counter may have taken the number a moment ago: its 409 comes back here).
Offline, orders wait for the link (queueing the policy's offline types is still to come).
"""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime
from typing import Any

from counter_app import policy
from counter_app.api_client import OfflineError
from counter_app.approvals import Approval
from counter_app.domain import orders
from counter_app.domain.hall_time import local
from counter_app.domain.orders import Charges, Context, Order
from counter_app.order_facts import CacheFacts
from counter_app.session import CounterSession
from local_cache import staff_store


class OrderWaits(Exception):
    """The order cannot be taken now (message for the clerk)."""


WAITS_FOR_LINK = "The province cannot be reached; this order waits until the link is back."


def context(sess: CounterSession) -> Context:
    now = datetime.now(UTC)
    with sess.cache.read() as conn:
        me = staff_store.by_staff_no(conn, sess.signed.staff_no)
    hall_id = me.hall_id if me else ""
    return Context(hall_id, sess.signed.counter_id, now, local(now, sess.signed.time_zone).date())


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


def hold_number(sess: CounterSession, msisdn: str) -> dict[str, Any]:
    """Hold a number of the hall's stock for this counter; ApiError 409 if another has it."""
    return dict(sess.make_api().post_json(f"/resources/numbers/{msisdn}/reserve", {}))


def release_number(sess: CounterSession, msisdn: str) -> None:
    sess.make_api().post_json(f"/resources/numbers/{msisdn}/release", {})


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
    body: dict[str, Any] = {
        **orders.to_body(order),
        "created_at": (created_at or datetime.now(UTC)).isoformat(),
    }
    if approval is not None:
        body["approval"] = approval.to_json()
    key = str(uuid.uuid5(uuid.NAMESPACE_URL, f"product-order/{order.id}"))
    try:
        return dict(sess.make_api().post_json("/product-orders", body, idempotency_key=key))
    except OfflineError:
        raise OrderWaits(WAITS_FOR_LINK) from None


def queue(sess: CounterSession) -> list[dict[str, Any]]:
    """The hall's orders waiting for a supervisor, newest first."""
    return list(sess.make_api().get_json("/product-orders", state="pendingApproval"))


def decide(sess: CounterSession, order_id: str, approve: bool, reason: str = "") -> dict[str, Any]:
    body = {"decision": "approve" if approve else "reject", "reason": reason.strip()}
    return dict(sess.make_api().post_json(f"/product-orders/{order_id}/approval", body))


def fetch(sess: CounterSession, order_id: str) -> dict[str, Any]:
    return dict(sess.make_api().get_json(f"/product-orders/{order_id}"))
