"""What an order does when it runs, as data both ends can apply: the province to its tables
(and the feed), the counter to its cache ahead of the province (stock it must not offer)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Op(StrEnum):
    CREATE_ACCOUNT = "account.create"  # account_id, customer_id, kind
    CREATE_LINE = (
        "line.create"  # subscription_id, account_id, customer_id, msisdn, iccid, plan_id, addon_ids
    )
    TAKE_NUMBER = "number.take"  # msisdn
    TAKE_SIM = "sim.take"  # iccid
    RETIRE_SIM = "sim.retire"  # iccid
    SET_SIM = "line.sim"  # subscription_id, iccid
    SET_PLAN = "line.plan"  # subscription_id, plan_id, from_date (ISO date) or None: now
    SET_ADDONS = "line.addons"  # subscription_id, addon_ids
    SET_STATUS = "line.status"  # subscription_id, status
    SET_OWNER = "line.owner"  # subscription_id, customer_id, account_id
    REFUND = "account.refund"  # account_id, amount_fen: the balance paid out in cash
    UNDO = "order.undo"  # order_id: put back what that order changed


def account_for(
    existing: str | None, new_id: str | None, owner: str, kind: str | None
) -> tuple[str, list[Effect]]:
    """The account a line goes on: `existing`, or `new_id` made for `owner` (an effect)."""
    if existing:
        return existing, []
    made = Effect(
        Op.CREATE_ACCOUNT, {"account_id": new_id, "customer_id": owner, "kind": kind or "prepaid"}
    )
    return str(new_id), [made]


@dataclass(frozen=True)
class Effect:
    op: Op
    args: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"op": str(self.op), "args": self.args}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Effect:
        return cls(Op(raw["op"]), dict(raw.get("args") or {}))
