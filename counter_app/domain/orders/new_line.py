"""开户: a new line from the hall's number and SIM stock, on a plan with add-ons.

items: msisdn, iccid, plan_id, addon_ids, and either account_id (an account the customer
has) or new_account_id with account_kind. The order's subscription_id is the new line's id.
"""

from __future__ import annotations

from counter_app.domain.orders import rules
from counter_app.domain.orders.effects import Effect, Op, account_for
from counter_app.domain.orders.facts import Context, Facts
from counter_app.domain.orders.kind import Charges, SummaryLine, fee
from counter_app.domain.orders.model import Order, OrderType
from counter_app.domain.policy import Policy
from counter_app.domain.problems import ProblemType

SIM_FEE = "FEE-SIMCARD"
NUMBER_FEE = "FEE-NUMSEL"


class NewLine:
    type = OrderType.NEW_LINE

    def account_kind(self, order: Order, facts: Facts) -> str:
        if order.item("account_id"):
            return rules.account(facts, order.item("account_id"), order.customer_id).kind
        return str(order.item("account_kind") or "prepaid")

    def check(self, order: Order, facts: Facts, ctx: Context, policy: Policy) -> None:
        who = rules.customer(facts, order.customer_id)
        rules.line_limit(facts, who, policy)
        rules.no_overdue(facts, who, ctx)
        rules.number_free(facts.number(str(order.item("msisdn", ""))), ctx)
        rules.sim_free(facts.sim(str(order.item("iccid", ""))), ctx)
        kind = self.account_kind(order, facts)
        if kind not in ("prepaid", "postpaid"):
            raise rules.RuleBroken(
                "account_kind", ProblemType.INVALID_INPUT, "Choose prepaid or postpaid."
            )
        plan = rules.offering(facts, str(order.item("plan_id", "")), "plan", "plan_id")
        rules.eligible(plan, who, kind, ctx, "plan_id")
        for addon_id in order.item("addon_ids") or []:
            addon = rules.offering(facts, addon_id, "addon", "addon_ids")
            rules.eligible(addon, who, kind, ctx, "addon_ids")

    def charges(self, order: Order, facts: Facts) -> Charges:
        number = facts.number(str(order.item("msisdn", "")))
        premium = number is not None and number.level == "premium"
        fees = (fee(facts, SIM_FEE),) if premium else (fee(facts, SIM_FEE), fee(facts, NUMBER_FEE))
        return Charges(fees, number.prepay_fen if premium and number else 0)

    def effects(self, order: Order, facts: Facts) -> list[Effect]:
        account_id, out = account_for(
            order.item("account_id"),
            order.item("new_account_id"),
            order.customer_id,
            order.item("account_kind"),
        )
        out += [
            Effect(Op.TAKE_NUMBER, {"msisdn": order.item("msisdn")}),
            Effect(Op.TAKE_SIM, {"iccid": order.item("iccid")}),
            Effect(
                Op.CREATE_LINE,
                {
                    "subscription_id": order.subscription_id,
                    "account_id": account_id,
                    "customer_id": order.customer_id,
                    "msisdn": order.item("msisdn"),
                    "iccid": order.item("iccid"),
                    "plan_id": order.item("plan_id"),
                    "addon_ids": list(order.item("addon_ids") or []),
                },
            ),
        ]
        return out

    def summary(self, order: Order, facts: Facts) -> list[SummaryLine]:
        plan = facts.offering(str(order.item("plan_id", "")))
        addons = [facts.offering(a) for a in order.item("addon_ids") or []]
        return [
            SummaryLine("New number", str(order.item("msisdn", ""))),
            SummaryLine("SIM card", str(order.item("iccid", ""))),
            SummaryLine("Plan", plan.name if plan else "?"),
            SummaryLine("Add-ons", "、".join(a.name for a in addons if a) or "—"),
        ]
