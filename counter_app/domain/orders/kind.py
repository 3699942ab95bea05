"""What every order type module provides, and the rules common to all of them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from counter_app.domain.orders.effects import Effect
from counter_app.domain.orders.facts import Context, Facts
from counter_app.domain.orders.model import Fee, Order, OrderType
from counter_app.domain.orders.rules import RuleBroken
from counter_app.domain.policy import Policy
from counter_app.domain.problems import ProblemType


@dataclass(frozen=True)
class SummaryLine:
    """One line of an order's summary: a fixed English label (translated) and its value."""

    label: str
    value: str


@dataclass(frozen=True)
class Charges:
    """What the catalog charges for an order: its fees, and the pre-deposit."""

    fees: tuple[Fee, ...] = ()
    deposit_fen: int = 0


class OrderKind(Protocol):
    type: OrderType

    def check(self, order: Order, facts: Facts, ctx: Context, policy: Policy) -> None:
        """Raise RuleBroken for the first rule the order breaks."""
        ...

    def charges(self, order: Order, facts: Facts) -> Charges:
        """The fees and deposit the catalog sets for this order (before any waiver)."""
        ...

    def effects(self, order: Order, facts: Facts) -> list[Effect]:
        """What running the (checked) order changes."""
        ...

    def summary(self, order: Order, facts: Facts) -> list[SummaryLine]:
        """What changes, in the customer's terms."""
        ...


def fee(facts: Facts, code: str) -> Fee:
    found = facts.fee(code)
    if found is None:
        raise RuleBroken(
            "fees", ProblemType.UNKNOWN_OFFERING, "A fee of this order is not in the catalog."
        )
    return Fee(found.code, found.name, found.price_fen)


def check_charges(order: Order, expected: Charges) -> None:
    """The order's fees are the catalog's, each waived by at most its amount, with a reason."""
    by_code = {f.code: f for f in order.fees}
    if sorted(by_code) != sorted(f.code for f in expected.fees) or len(by_code) != len(order.fees):
        raise RuleBroken(
            "fees",
            ProblemType.FEES_MISMATCH,
            "The fees are not the catalog's; start the order again.",
        )
    for want in expected.fees:
        got = by_code[want.code]
        if got.amount_fen != want.amount_fen:
            raise RuleBroken(
                "fees",
                ProblemType.FEES_MISMATCH,
                "The fees are not the catalog's; start the order again.",
            )
        if not 0 <= got.waived_fen <= got.amount_fen:
            raise RuleBroken(
                "fees", ProblemType.INVALID_INPUT, "A waiver cannot be more than its fee."
            )
        if got.waived_fen and not got.waiver_reason.strip():
            raise RuleBroken("fees", ProblemType.INVALID_INPUT, "Give the reason for the waiver.")
    if order.deposit_fen != expected.deposit_fen:
        raise RuleBroken(
            "deposit_fen",
            ProblemType.FEES_MISMATCH,
            "The pre-deposit is not the number's; start the order again.",
        )


def approval_reason(order: Order, policy: Policy) -> str | None:
    """Why this order needs a supervisor (a fixed English sentence), or None."""
    if order.type in policy.approval_order_types:
        return "This kind of order needs a supervisor's approval."
    if order.waived_fen > policy.waiver_approval_fen:
        return "A waiver this large needs a supervisor's approval."
    return None
