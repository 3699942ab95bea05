"""Orders that change who or what holds a line: 补换卡, 过户, 销户, and 返销 of an order.

sim_replace items: iccid (the new SIM), id_number (as read again from the ID card).
transfer items: to_customer_id, and to_account_id or new_account_id (+ account_kind).
cancel items: none; the prepaid balance is refunded in cash.
reverse items: order_id (an order completed today at this hall).
"""

from __future__ import annotations

from counter_app.domain.masking import mask_id_number
from counter_app.domain.money import format_yuan
from counter_app.domain.orders import rules
from counter_app.domain.orders.effects import Effect, Op, account_for
from counter_app.domain.orders.facts import Context, Facts
from counter_app.domain.orders.kind import Charges, SummaryLine, fee
from counter_app.domain.orders.model import Order, OrderState, OrderType
from counter_app.domain.policy import Policy
from counter_app.domain.problems import ProblemType

RuleBroken = rules.RuleBroken
REVERSIBLE = frozenset(OrderType) - {OrderType.CANCEL, OrderType.REVERSE}


class SimReplace:
    type = OrderType.SIM_REPLACE

    def check(self, order: Order, facts: Facts, ctx: Context, policy: Policy) -> None:
        who = rules.customer(facts, order.customer_id)
        rules.line(facts, order.subscription_id, who.id)
        if str(order.item("id_number", "")).upper() != who.id_number.upper():
            raise RuleBroken(
                "id_number",
                ProblemType.IDENTITY_MISMATCH,
                "The ID card read is not this customer's; the SIM cannot be replaced.",
            )
        rules.sim_free(facts.sim(str(order.item("iccid", ""))), ctx)

    def charges(self, order: Order, facts: Facts) -> Charges:
        return Charges((fee(facts, "FEE-SIMREPL"),))

    def effects(self, order: Order, facts: Facts) -> list[Effect]:
        line = facts.line(order.subscription_id or "")
        assert line is not None
        return [
            Effect(Op.RETIRE_SIM, {"iccid": line.iccid}),
            Effect(Op.TAKE_SIM, {"iccid": order.item("iccid")}),
            Effect(Op.SET_SIM, {"subscription_id": line.id, "iccid": order.item("iccid")}),
        ]

    def summary(self, order: Order, facts: Facts) -> list[SummaryLine]:
        line = facts.line(order.subscription_id or "")
        return [
            SummaryLine("Number", line.msisdn if line else "?"),
            SummaryLine("Old SIM (deactivated)", line.iccid if line else "?"),
            SummaryLine("New SIM", str(order.item("iccid", ""))),
        ]


class Transfer:
    type = OrderType.TRANSFER

    def check(self, order: Order, facts: Facts, ctx: Context, policy: Policy) -> None:
        who = rules.customer(facts, order.customer_id)
        line = rules.line(facts, order.subscription_id, who.id)
        to = rules.customer(facts, str(order.item("to_customer_id", "")), "to_customer_id")
        if to.id == who.id:
            raise RuleBroken(
                "to_customer_id",
                ProblemType.NOTHING_TO_CHANGE,
                "Choose another customer to take the line.",
            )
        if facts.unpaid_fen(line.account_id) > 0:
            raise RuleBroken(
                "subscription_id",
                ProblemType.UNPAID_BILLS,
                "The line has unpaid bills; they must be paid first.",
            )
        rules.line_limit(facts, to, policy)
        rules.no_overdue(facts, to, ctx)
        if order.item("to_account_id"):
            rules.account(facts, order.item("to_account_id"), to.id)
        elif not order.item("new_account_id"):
            raise RuleBroken(
                "to_account_id", ProblemType.INVALID_INPUT, "Choose the new owner's account."
            )

    def charges(self, order: Order, facts: Facts) -> Charges:
        return Charges((fee(facts, "FEE-TRANSFER"),))

    def effects(self, order: Order, facts: Facts) -> list[Effect]:
        account_id, out = account_for(
            order.item("to_account_id"),
            order.item("new_account_id"),
            str(order.item("to_customer_id")),
            order.item("account_kind"),
        )
        out.append(
            Effect(
                Op.SET_OWNER,
                {
                    "subscription_id": order.subscription_id,
                    "customer_id": order.item("to_customer_id"),
                    "account_id": account_id,
                },
            )
        )
        return out

    def summary(self, order: Order, facts: Facts) -> list[SummaryLine]:
        line = facts.line(order.subscription_id or "")
        to = facts.customer(str(order.item("to_customer_id", "")))
        return [
            SummaryLine("Number", line.msisdn if line else "?"),
            SummaryLine("New owner", f"{to.name} {mask_id_number(to.id_number)}" if to else "?"),
        ]


class Cancel:
    type = OrderType.CANCEL

    def check(self, order: Order, facts: Facts, ctx: Context, policy: Policy) -> None:
        who = rules.customer(facts, order.customer_id)
        line = rules.line(facts, order.subscription_id, who.id)
        if facts.unpaid_fen(line.account_id) > 0:
            raise RuleBroken(
                "subscription_id",
                ProblemType.UNPAID_BILLS,
                "The line has unpaid bills; they must be paid before it is cancelled.",
            )

    def refund_fen(self, order: Order, facts: Facts) -> int:
        line = facts.line(order.subscription_id or "")
        account = facts.account(line.account_id) if line else None
        if account is None or account.kind != "prepaid":
            return 0
        return max(account.balance_fen, 0)

    def charges(self, order: Order, facts: Facts) -> Charges:
        return Charges()

    def effects(self, order: Order, facts: Facts) -> list[Effect]:
        line = facts.line(order.subscription_id or "")
        assert line is not None
        out = [Effect(Op.SET_STATUS, {"subscription_id": line.id, "status": "cancelled"})]
        refund = self.refund_fen(order, facts)
        if refund:
            out.append(Effect(Op.REFUND, {"account_id": line.account_id, "amount_fen": refund}))
        return out

    def summary(self, order: Order, facts: Facts) -> list[SummaryLine]:
        line = facts.line(order.subscription_id or "")
        return [
            SummaryLine("Number (cancelled)", line.msisdn if line else "?"),
            SummaryLine("Balance refunded in cash", format_yuan(self.refund_fen(order, facts))),
        ]


class Reverse:
    """The province undoes a reversed order from what it kept when the order ran."""

    type = OrderType.REVERSE

    def check(self, order: Order, facts: Facts, ctx: Context, policy: Policy) -> None:
        rules.customer(facts, order.customer_id)
        past = facts.past_order(str(order.item("order_id", "")))
        if past is None or past.hall_id != ctx.hall_id or past.customer_id != order.customer_id:
            raise RuleBroken(
                "order_id",
                ProblemType.UNKNOWN_ORDER,
                "There is no such order of this customer at this hall.",
            )
        if past.state != OrderState.COMPLETED or past.type not in REVERSIBLE:
            raise RuleBroken(
                "order_id", ProblemType.NOT_REVERSIBLE, "This order cannot be reversed."
            )
        if ctx.day_of(past.created_at) != ctx.today:
            raise RuleBroken(
                "order_id", ProblemType.NOT_REVERSIBLE, "Only orders taken today can be reversed."
            )

    def charges(self, order: Order, facts: Facts) -> Charges:
        return Charges()

    def effects(self, order: Order, facts: Facts) -> list[Effect]:
        return [Effect(Op.UNDO, {"order_id": order.item("order_id")})]

    def summary(self, order: Order, facts: Facts) -> list[SummaryLine]:
        return [
            SummaryLine("Order reversed", str(order.item("order_no") or order.item("order_id")))
        ]
