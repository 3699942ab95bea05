"""Service orders (业务受理): one model and state machine, one small module per order type.

`check(order, facts, ctx, policy)` is what both ends run before an order is taken: the
type's own rules, then its fees against the catalog.
"""

from __future__ import annotations

import re
from typing import Any

from counter_app.domain.orders.effects import Effect, Op
from counter_app.domain.orders.facts import Context, Facts
from counter_app.domain.orders.kind import (
    Charges,
    OrderKind,
    SummaryLine,
    approval_reason,
    check_charges,
)
from counter_app.domain.orders.line_change import Addons, ChangePlan, Resume, Suspend
from counter_app.domain.orders.line_owner import Cancel, Reverse, SimReplace, Transfer
from counter_app.domain.orders.model import (
    FINAL,
    HOLDING,
    BadTransition,
    Fee,
    Order,
    OrderState,
    OrderType,
    advance,
)
from counter_app.domain.orders.new_line import NewLine
from counter_app.domain.orders.rules import RuleBroken
from counter_app.domain.policy import Policy

KINDS: dict[OrderType, OrderKind] = {
    k.type: k
    for k in (
        NewLine(),
        ChangePlan(),
        Addons(),
        Suspend(),
        Resume(),
        SimReplace(),
        Transfer(),
        Cancel(),
        Reverse(),
    )
}
# 2026120112345678: a counter's orders are numbered like its receipts, with an "O" prefix
# (counter_app.orders.new_order_no: hall, counter id, which may hold "_", time, tail).
ORDER_NO = re.compile(r"O[0-9A-Z_-]{6,38}")


def kind_of(order: Order) -> OrderKind:
    return KINDS[order.type]


def check(order: Order, facts: Facts, ctx: Context, policy: Policy) -> Charges:
    """Raise RuleBroken for the first rule broken; the catalog's charges when none is."""
    kind = kind_of(order)
    kind.check(order, facts, ctx, policy)
    charges = kind.charges(order, facts)
    check_charges(order, charges)
    return charges


def priced(order: Order, facts: Facts) -> Order:
    """The order with the catalog's fees and deposit filled in (waivers kept by code)."""
    charges = kind_of(order).charges(order, facts)
    waived = {f.code: f for f in order.fees}
    fees = tuple(
        Fee(f.code, f.name, f.amount_fen, waived[f.code].waived_fen, waived[f.code].waiver_reason)
        if f.code in waived
        else f
        for f in charges.fees
    )
    return Order(
        order.id,
        order.order_no,
        order.type,
        order.customer_id,
        order.subscription_id,
        order.items,
        fees,
        charges.deposit_fen,
    )


def fee_account(order: Order, facts: Facts) -> str | None:
    """The account an order's fees (and pre-deposit) are booked to: the new line's or the
    new owner's, else the line's own. None when the line is unknown."""
    if order.type == OrderType.NEW_LINE:
        return str(order.item("account_id") or order.item("new_account_id"))
    if order.type == OrderType.TRANSFER:
        return str(order.item("to_account_id") or order.item("new_account_id"))
    line = facts.line(order.subscription_id or "")
    return line.account_id if line else None


def to_body(order: Order) -> dict[str, Any]:
    """The order as `POST /product-orders` takes it."""
    return {
        "id": order.id,
        "order_no": order.order_no,
        "type": str(order.type),
        "customer_id": order.customer_id,
        "subscription_id": order.subscription_id,
        "items": order.items,
        "fees": [f.to_json() for f in order.fees],
        "deposit_fen": order.deposit_fen,
    }


def from_body(raw: dict[str, Any]) -> Order:
    return Order(
        str(raw["id"]),
        str(raw["order_no"]),
        OrderType(raw["type"]),
        str(raw["customer_id"]),
        raw.get("subscription_id"),
        dict(raw.get("items") or {}),
        tuple(Fee.from_json(f) for f in raw.get("fees") or []),
        int(raw.get("deposit_fen") or 0),
    )


__all__ = [
    "FINAL",
    "HOLDING",
    "KINDS",
    "ORDER_NO",
    "BadTransition",
    "Charges",
    "Context",
    "Effect",
    "Facts",
    "Fee",
    "Op",
    "Order",
    "OrderKind",
    "OrderState",
    "OrderType",
    "Policy",
    "RuleBroken",
    "SummaryLine",
    "advance",
    "approval_reason",
    "check",
    "fee_account",
    "from_body",
    "kind_of",
    "priced",
    "to_body",
]
