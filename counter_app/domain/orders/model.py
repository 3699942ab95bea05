"""One order model and one state machine for every kind of service order (TMF622-shaped).

`draft → pendingApproval → acknowledged → inProgress → completed`, or `rejected` (by a
supervisor), `failed` (by the province) or `cancelled` (by the counter, before it ran).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class OrderType(StrEnum):
    NEW_LINE = "new_line"
    CHANGE_PLAN = "change_plan"
    ADDONS = "addons"
    SUSPEND = "suspend"
    RESUME = "resume"
    SIM_REPLACE = "sim_replace"
    TRANSFER = "transfer"
    CANCEL = "cancel"
    REVERSE = "reverse"


class OrderState(StrEnum):
    DRAFT = "draft"
    PENDING_APPROVAL = "pendingApproval"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "inProgress"
    COMPLETED = "completed"
    REJECTED = "rejected"
    FAILED = "failed"
    CANCELLED = "cancelled"


S = OrderState
TRANSITIONS: dict[OrderState, frozenset[OrderState]] = {
    S.DRAFT: frozenset({S.PENDING_APPROVAL, S.ACKNOWLEDGED, S.CANCELLED}),
    S.PENDING_APPROVAL: frozenset({S.ACKNOWLEDGED, S.REJECTED, S.CANCELLED}),
    S.ACKNOWLEDGED: frozenset({S.IN_PROGRESS, S.CANCELLED, S.FAILED}),
    S.IN_PROGRESS: frozenset({S.COMPLETED, S.FAILED}),
    S.COMPLETED: frozenset({S.CANCELLED}),  # reversed (返销) the day it was taken
    S.REJECTED: frozenset(),
    S.FAILED: frozenset(),
    S.CANCELLED: frozenset(),
}
# Done with: nothing more runs (a completed order moves on only when a reversal undoes it).
FINAL = frozenset(s for s, nexts in TRANSITIONS.items() if not nexts) | {S.COMPLETED}
# States in which an order still holds its number or SIM.
HOLDING = frozenset({S.DRAFT, S.PENDING_APPROVAL, S.ACKNOWLEDGED, S.IN_PROGRESS})


class BadTransition(ValueError):
    def __init__(self, current: OrderState, wanted: OrderState) -> None:
        super().__init__(f"an order cannot go from {current} to {wanted}")
        self.current, self.wanted = current, wanted


def advance(current: OrderState | str, wanted: OrderState) -> OrderState:
    """`wanted` if the state machine allows it from `current`, else BadTransition."""
    now = OrderState(current)
    if wanted not in TRANSITIONS[now]:
        raise BadTransition(now, wanted)
    return wanted


@dataclass(frozen=True)
class Fee:
    """A one-time fee from the catalog; a waiver keeps the original, its reason and approver."""

    code: str
    name: str
    amount_fen: int
    waived_fen: int = 0
    waiver_reason: str = ""

    @property
    def due_fen(self) -> int:
        return self.amount_fen - self.waived_fen

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "amount_fen": self.amount_fen,
            "waived_fen": self.waived_fen,
            "waiver_reason": self.waiver_reason,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Fee:
        return cls(
            str(raw["code"]),
            str(raw.get("name", raw["code"])),
            int(raw["amount_fen"]),
            int(raw.get("waived_fen", 0)),
            str(raw.get("waiver_reason", "")),
        )


@dataclass(frozen=True)
class Order:
    """What the clerk asked for. `items` holds the type's own values (see its module)."""

    id: str
    order_no: str
    type: OrderType
    customer_id: str
    subscription_id: str | None = None
    items: dict[str, Any] = field(default_factory=dict)
    fees: tuple[Fee, ...] = ()
    deposit_fen: int = 0  # pre-deposit credited to the line's balance (premium numbers)

    @property
    def fees_fen(self) -> int:
        return sum(f.due_fen for f in self.fees)

    @property
    def waived_fen(self) -> int:
        return sum(f.waived_fen for f in self.fees)

    @property
    def due_fen(self) -> int:
        """What the customer pays for this order: the fees left after waivers, and deposit."""
        return self.fees_fen + self.deposit_fen

    def item(self, name: str, default: Any = None) -> Any:
        return self.items.get(name, default)
