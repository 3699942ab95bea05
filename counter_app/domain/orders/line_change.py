"""Orders on one of the customer's lines that change what it has: 改套餐, 增值业务, 报停, 复机.

change_plan items: plan_id, when ("next_month", the default, or "now" where the new plan's
eligibility says `change_now`). addons items: add, remove (offering ids).
"""

from __future__ import annotations

from datetime import date

from counter_app.domain.orders import rules
from counter_app.domain.orders.effects import Effect, Op
from counter_app.domain.orders.facts import Context, Facts
from counter_app.domain.orders.kind import Charges, SummaryLine
from counter_app.domain.orders.model import Order, OrderType
from counter_app.domain.policy import Policy
from counter_app.domain.problems import ProblemType

RuleBroken = rules.RuleBroken


def first_of_next_month(today: date) -> date:
    return date(today.year + today.month // 12, today.month % 12 + 1, 1)


def _name(facts: Facts, offering_id: str) -> str:
    found = facts.offering(offering_id)
    return found.name if found else "?"


class ChangePlan:
    type = OrderType.CHANGE_PLAN

    def check(self, order: Order, facts: Facts, ctx: Context, policy: Policy) -> None:
        who = rules.customer(facts, order.customer_id)
        line = rules.line(facts, order.subscription_id, who.id)
        plan = rules.offering(facts, str(order.item("plan_id", "")), "plan", "plan_id")
        if plan.id == line.plan_id:
            raise RuleBroken(
                "plan_id", ProblemType.NOTHING_TO_CHANGE, "The line is already on this plan."
            )
        account = rules.account(facts, line.account_id)
        rules.eligible(plan, who, account.kind, ctx, "plan_id")
        when = order.item("when", "next_month")
        if when not in ("next_month", "now"):
            raise RuleBroken("when", ProblemType.INVALID_INPUT, "Choose from next month or now.")
        if when == "now" and not (plan.eligibility or {}).get("change_now"):
            raise RuleBroken(
                "when", ProblemType.NOT_ELIGIBLE, "This plan can only start from next month."
            )
        start = order.item("from_date")
        if when == "next_month" and start != first_of_next_month(ctx.today).isoformat():
            raise RuleBroken(
                "from_date",
                ProblemType.INVALID_INPUT,
                "A plan change starts on the first of next month.",
            )

    def charges(self, order: Order, facts: Facts) -> Charges:
        return Charges()

    def effects(self, order: Order, facts: Facts) -> list[Effect]:
        when = order.item("when", "next_month")
        return [
            Effect(
                Op.SET_PLAN,
                {
                    "subscription_id": order.subscription_id,
                    "plan_id": order.item("plan_id"),
                    "from_date": order.item("from_date") if when == "next_month" else None,
                },
            )
        ]

    def summary(self, order: Order, facts: Facts) -> list[SummaryLine]:
        line = facts.line(order.subscription_id or "")
        when = order.item("from_date") if order.item("when", "next_month") == "next_month" else None
        return [
            SummaryLine("Number", line.msisdn if line else "?"),
            SummaryLine("Plan now", _name(facts, line.plan_id) if line else "?"),
            SummaryLine("New plan", _name(facts, str(order.item("plan_id", "")))),
            SummaryLine("Takes effect", when or "now"),
        ]


class Addons:
    type = OrderType.ADDONS

    def check(self, order: Order, facts: Facts, ctx: Context, policy: Policy) -> None:
        who = rules.customer(facts, order.customer_id)
        line = rules.line(facts, order.subscription_id, who.id)
        add, remove = list(order.item("add") or []), list(order.item("remove") or [])
        if not add and not remove:
            raise RuleBroken(
                "add", ProblemType.NOTHING_TO_CHANGE, "Choose an add-on to add or remove."
            )
        if len(set(add)) != len(add) or set(add) & set(remove):
            raise RuleBroken("add", ProblemType.INVALID_INPUT, "Each add-on may be chosen once.")
        account = rules.account(facts, line.account_id)
        for addon_id in add:
            addon = rules.offering(facts, addon_id, "addon", "add")
            if addon_id in line.addon_ids:
                raise RuleBroken(
                    "add", ProblemType.NOTHING_TO_CHANGE, "The line already has this add-on."
                )
            rules.eligible(addon, who, account.kind, ctx, "add")
        for addon_id in remove:
            if addon_id not in line.addon_ids:
                raise RuleBroken(
                    "remove", ProblemType.NOTHING_TO_CHANGE, "The line does not have this add-on."
                )

    def charges(self, order: Order, facts: Facts) -> Charges:
        return Charges()

    def new_addons(self, order: Order, facts: Facts) -> list[str]:
        line = facts.line(order.subscription_id or "")
        kept = [
            a for a in (line.addon_ids if line else ()) if a not in (order.item("remove") or [])
        ]
        return kept + [a for a in order.item("add") or [] if a not in kept]

    def effects(self, order: Order, facts: Facts) -> list[Effect]:
        return [
            Effect(
                Op.SET_ADDONS,
                {
                    "subscription_id": order.subscription_id,
                    "addon_ids": self.new_addons(order, facts),
                },
            )
        ]

    def summary(self, order: Order, facts: Facts) -> list[SummaryLine]:
        line = facts.line(order.subscription_id or "")
        return [
            SummaryLine("Number", line.msisdn if line else "?"),
            SummaryLine("Add", "、".join(_name(facts, a) for a in order.item("add") or []) or "—"),
            SummaryLine(
                "Remove", "、".join(_name(facts, a) for a in order.item("remove") or []) or "—"
            ),
        ]


class _StatusChange:
    type: OrderType
    before: str
    after: str
    refusal: str

    def check(self, order: Order, facts: Facts, ctx: Context, policy: Policy) -> None:
        who = rules.customer(facts, order.customer_id)
        line = rules.line(facts, order.subscription_id, who.id)
        if line.status != self.before:
            raise RuleBroken("subscription_id", ProblemType.LINE_STATE, self.refusal)

    def charges(self, order: Order, facts: Facts) -> Charges:
        return Charges()

    def effects(self, order: Order, facts: Facts) -> list[Effect]:
        return [
            Effect(Op.SET_STATUS, {"subscription_id": order.subscription_id, "status": self.after})
        ]

    def summary(self, order: Order, facts: Facts) -> list[SummaryLine]:
        line = facts.line(order.subscription_id or "")
        return [
            SummaryLine("Number", line.msisdn if line else "?"),
            SummaryLine("Line status", self.after),
        ]


class Suspend(_StatusChange):
    type = OrderType.SUSPEND
    before, after = "active", "suspended"
    refusal = "Only an active line can be suspended."


class Resume(_StatusChange):
    type = OrderType.RESUME
    before, after = "suspended", "active"
    refusal = "Only a suspended line can be resumed."
