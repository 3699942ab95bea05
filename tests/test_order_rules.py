"""The order rules of counter_app.domain.orders, over facts held in memory.

The same rules run at the province over its tables; the server tests exercise them there.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

import pytest

from counter_app.domain import orders
from counter_app.domain.orders import Fee, Op, Order, OrderState, OrderType, RuleBroken
from counter_app.domain.orders.facts import (
    AccountFacts,
    Context,
    CustomerFacts,
    LineFacts,
    NumberFacts,
    OfferingFacts,
    PastOrderFacts,
    SimFacts,
)
from counter_app.domain.orders.line_change import first_of_next_month
from counter_app.domain.policy import Policy
from counter_app.domain.problems import ProblemType

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
CTX = Context("hall-1", "C01", NOW, date(2026, 12, 2))
POLICY = Policy()


def uid() -> str:
    return str(uuid.uuid4())


@dataclass
class World:
    customers: dict[str, CustomerFacts] = field(default_factory=dict)
    accounts: dict[str, AccountFacts] = field(default_factory=dict)
    lines: dict[str, LineFacts] = field(default_factory=dict)
    offerings: dict[str, OfferingFacts] = field(default_factory=dict)
    numbers: dict[str, NumberFacts] = field(default_factory=dict)
    sims: dict[str, SimFacts] = field(default_factory=dict)
    orders: dict[str, PastOrderFacts] = field(default_factory=dict)
    overdue: dict[str, int] = field(default_factory=dict)
    unpaid: dict[str, int] = field(default_factory=dict)

    def customer(self, customer_id: str) -> CustomerFacts | None:
        return self.customers.get(customer_id)

    def account(self, account_id: str) -> AccountFacts | None:
        return self.accounts.get(account_id)

    def line(self, subscription_id: str) -> LineFacts | None:
        return self.lines.get(subscription_id)

    def offering(self, offering_id: str) -> OfferingFacts | None:
        return self.offerings.get(offering_id)

    def fee(self, code: str) -> OfferingFacts | None:
        return next((o for o in self.offerings.values() if o.code == code), None)

    def number(self, msisdn: str) -> NumberFacts | None:
        return self.numbers.get(msisdn)

    def sim(self, iccid: str) -> SimFacts | None:
        return self.sims.get(iccid)

    def past_order(self, order_id: str) -> PastOrderFacts | None:
        return self.orders.get(order_id)

    def active_lines_for_id(self, id_number: str) -> int:
        owners = {c.id for c in self.customers.values() if c.id_number == id_number}
        return sum(
            1 for s in self.lines.values() if s.customer_id in owners and s.status != "cancelled"
        )

    def overdue_fen(self, customer_id: str, today: date) -> int:
        return self.overdue.get(customer_id, 0)

    def unpaid_fen(self, account_id: str) -> int:
        return self.unpaid.get(account_id, 0)


def world() -> World:
    w = World()
    w.customers["c1"] = CustomerFacts(
        "c1", "individual", "330106199001011234", date(1990, 1, 1), "张三"
    )
    w.customers["c2"] = CustomerFacts(
        "c2", "individual", "330106200001011234", date(2010, 6, 1), "李四"
    )
    w.accounts["a1"] = AccountFacts("a1", "c1", "prepaid", 5000, "active")
    w.accounts["a2"] = AccountFacts("a2", "c2", "prepaid", 0, "active")
    for code, kind, price, rule in (
        ("PLAN-39", "plan", 3900, {"account_kinds": ["prepaid", "postpaid"], "change_now": True}),
        ("PLAN-199", "plan", 19900, {"account_kinds": ["prepaid"], "min_age": 18}),
        ("ADDON-VIDEO", "addon", 1500, {}),
        ("FEE-SIMCARD", "fee", 1000, {}),
        ("FEE-NUMSEL", "fee", 5000, {}),
        ("FEE-SIMREPL", "fee", 1000, {}),
        ("FEE-TRANSFER", "fee", 2000, {}),
    ):
        w.offerings[code] = OfferingFacts(code, code, code, kind, price, rule)
    w.lines["s1"] = LineFacts(
        "s1", "c1", "a1", "13800000001", "8986010000000000001", "PLAN-39", (), "active"
    )
    w.numbers["13900000008"] = NumberFacts("13900000008", "hall-1", "available", "normal", 0)
    w.numbers["13900008888"] = NumberFacts("13900008888", "hall-1", "available", "premium", 50000)
    w.sims["8986011111111111111"] = SimFacts("8986011111111111111", "hall-1", "available")
    return w


def new_line(w: World, **items: object) -> Order:
    base: dict[str, object] = {
        "msisdn": "13900000008",
        "iccid": "8986011111111111111",
        "plan_id": "PLAN-39",
        "addon_ids": [],
        "account_id": "a1",
    }
    base.update(items)
    draft = Order(uid(), "O2026120200001", OrderType.NEW_LINE, "c1", uid(), base)
    return orders.priced(draft, w)


def refused(order: Order, w: World, ctx: Context = CTX, policy: Policy = POLICY) -> RuleBroken:
    with pytest.raises(RuleBroken) as caught:
        orders.check(order, w, ctx, policy)
    return caught.value


def test_the_state_machine_allows_only_its_paths() -> None:
    assert orders.advance("draft", OrderState.PENDING_APPROVAL) == OrderState.PENDING_APPROVAL
    assert orders.advance("inProgress", OrderState.COMPLETED) == OrderState.COMPLETED
    with pytest.raises(orders.BadTransition):
        orders.advance("completed", OrderState.FAILED)
    with pytest.raises(orders.BadTransition):
        orders.advance("pendingApproval", OrderState.COMPLETED)
    assert OrderState.REJECTED in orders.FINAL and OrderState.DRAFT in orders.HOLDING


def test_a_new_line_is_priced_from_the_catalog_and_runs_to_a_line() -> None:
    w = world()
    order = new_line(w)
    assert [f.code for f in order.fees] == ["FEE-SIMCARD", "FEE-NUMSEL"]
    assert order.due_fen == 6000
    orders.check(order, w, CTX, POLICY)
    ops = [e.op for e in orders.kind_of(order).effects(order, w)]
    assert ops == [Op.TAKE_NUMBER, Op.TAKE_SIM, Op.CREATE_LINE]
    premium = new_line(w, msisdn="13900008888")
    assert [f.code for f in premium.fees] == ["FEE-SIMCARD"] and premium.deposit_fen == 50000


def test_a_sixth_line_on_one_id_is_refused() -> None:
    w = world()
    for i in range(3):  # with s1: four lines
        w.lines[f"x{i}"] = replace(w.lines["s1"], id=f"x{i}")
    orders.check(new_line(w), w, CTX, POLICY)  # the fifth
    w.lines["x9"] = replace(w.lines["s1"], id="x9")
    assert refused(new_line(w), w).problem == ProblemType.LINE_LIMIT
    # The limit is the province's policy, not a constant.
    orders.check(new_line(w), w, CTX, Policy(max_lines_per_id=6))


def test_overdue_bills_block_a_new_line() -> None:
    w = world()
    w.overdue["c1"] = 100
    assert refused(new_line(w), w).problem == ProblemType.OVERDUE_BILLS


def test_a_plan_with_a_minimum_age_is_refused_to_a_minor() -> None:
    w = world()
    order = replace(new_line(w, plan_id="PLAN-199", account_id="a2"), customer_id="c2")
    broken = refused(order, w)
    assert (broken.problem, broken.field) == (ProblemType.NOT_ELIGIBLE, "plan_id")


def test_a_number_held_by_another_counter_is_taken_until_the_hold_expires() -> None:
    w = world()
    held = replace(
        w.numbers["13900000008"],
        status="reserved",
        held_by="C02",
        held_until=NOW + timedelta(minutes=5),
    )
    w.numbers["13900000008"] = held
    assert refused(new_line(w), w).problem == ProblemType.NUMBER_TAKEN
    orders.check(new_line(w), w, replace(CTX, counter_id="C02"), POLICY)  # its holder
    w.numbers["13900000008"] = replace(held, held_until=NOW - timedelta(seconds=1))
    orders.check(new_line(w), w, CTX, POLICY)  # expired: free again
    w.numbers["13900000008"] = replace(held, status="assigned")
    assert refused(new_line(w), w).problem == ProblemType.NUMBER_TAKEN
    w.sims["8986011111111111111"] = replace(w.sims["8986011111111111111"], status="assigned")
    w.numbers["13900000008"] = replace(held, status="available")
    assert refused(new_line(w), w).problem == ProblemType.SIM_TAKEN


def test_fees_must_be_the_catalogs_and_a_large_waiver_needs_a_supervisor() -> None:
    w = world()
    order = new_line(w)
    cheap = replace(order, fees=(Fee("FEE-SIMCARD", "x", 1), *order.fees[1:]))
    assert refused(cheap, w).problem == ProblemType.FEES_MISMATCH
    waived = replace(order, fees=(order.fees[0], replace(order.fees[1], waived_fen=5000)))
    assert refused(waived, w).field == "fees"  # no reason given
    waived = replace(
        order, fees=(order.fees[0], replace(order.fees[1], waived_fen=5000, waiver_reason="老客户"))
    )
    orders.check(waived, w, CTX, POLICY)
    assert waived.due_fen == 1000 and waived.waived_fen == 5000
    assert orders.approval_reason(waived, POLICY) is not None
    assert orders.approval_reason(order, POLICY) is None


def test_line_changes_check_the_line_they_change() -> None:
    w = world()
    plan = Order(uid(), "O1", OrderType.CHANGE_PLAN, "c1", "s1", {"plan_id": "PLAN-39"})
    assert refused(plan, w).problem == ProblemType.NOTHING_TO_CHANGE
    w.offerings["PLAN-59"] = OfferingFacts("PLAN-59", "PLAN-59", "59", "plan", 5900, {})
    nxt = first_of_next_month(CTX.today).isoformat()
    assert nxt == "2027-01-01"
    plan = replace(plan, items={"plan_id": "PLAN-59", "from_date": nxt})
    orders.check(plan, w, CTX, POLICY)
    now = replace(plan, items={"plan_id": "PLAN-59", "when": "now"})
    assert refused(now, w).field == "when"  # PLAN-59 starts from next month only
    add = Order(uid(), "O2", OrderType.ADDONS, "c1", "s1", {"add": ["ADDON-VIDEO"]})
    orders.check(add, w, CTX, POLICY)
    [effect] = orders.kind_of(add).effects(add, w)
    assert effect.args["addon_ids"] == ["ADDON-VIDEO"]
    remove = replace(add, items={"remove": ["ADDON-VIDEO"]})
    assert refused(remove, w).problem == ProblemType.NOTHING_TO_CHANGE
    resume = Order(uid(), "O3", OrderType.RESUME, "c1", "s1")
    assert refused(resume, w).problem == ProblemType.LINE_STATE
    orders.check(replace(resume, type=OrderType.SUSPEND), w, CTX, POLICY)
    other = Order(uid(), "O4", OrderType.SUSPEND, "c2", "s1")
    assert refused(other, w).problem == ProblemType.UNKNOWN_NUMBER


def test_a_sim_is_replaced_only_for_the_id_read_again() -> None:
    w = world()
    draft = Order(
        uid(),
        "O5",
        OrderType.SIM_REPLACE,
        "c1",
        "s1",
        {"iccid": "8986011111111111111", "id_number": "330106200001011234"},
    )
    order = orders.priced(draft, w)
    assert refused(order, w).problem == ProblemType.IDENTITY_MISMATCH
    order = replace(order, items={**order.items, "id_number": "330106199001011234"})
    orders.check(order, w, CTX, POLICY)
    ops = [e.op for e in orders.kind_of(order).effects(order, w)]
    assert ops == [Op.RETIRE_SIM, Op.TAKE_SIM, Op.SET_SIM]


def test_transfer_and_cancel_need_paid_bills_and_a_supervisor() -> None:
    w = world()
    transfer = orders.priced(
        Order(
            uid(),
            "O6",
            OrderType.TRANSFER,
            "c1",
            "s1",
            {"to_customer_id": "c2", "to_account_id": "a2"},
        ),
        w,
    )
    orders.check(transfer, w, CTX, POLICY)
    assert orders.approval_reason(transfer, POLICY) is not None
    cancel = Order(uid(), "O7", OrderType.CANCEL, "c1", "s1")
    ops = [e.op for e in orders.kind_of(cancel).effects(cancel, w)]
    assert ops == [Op.SET_STATUS, Op.REFUND]  # the prepaid balance goes back in cash
    w.unpaid["a1"] = 3900
    assert refused(cancel, w).problem == ProblemType.UNPAID_BILLS
    assert refused(transfer, w).problem == ProblemType.UNPAID_BILLS


def test_only_todays_completed_orders_of_this_hall_are_reversed() -> None:
    w = world()
    w.orders["o1"] = PastOrderFacts("o1", "suspend", "completed", "hall-1", "c1", "s1", NOW)
    reverse = Order(uid(), "O8", OrderType.REVERSE, "c1", None, {"order_id": "o1"})
    orders.check(reverse, w, CTX, POLICY)
    w.orders["o1"] = replace(w.orders["o1"], created_at=NOW - timedelta(days=1))
    assert refused(reverse, w).problem == ProblemType.NOT_REVERSIBLE
    w.orders["o1"] = replace(w.orders["o1"], created_at=NOW, hall_id="hall-2")
    assert refused(reverse, w).problem == ProblemType.UNKNOWN_ORDER
    # Taken at 01:00 in the hall (17:00 UTC the day before): still today's, on the hall's clock.
    w.orders["o1"] = PastOrderFacts(
        "o1", "suspend", "completed", "hall-1", "c1", "s1", datetime(2026, 12, 1, 17, tzinfo=UTC)
    )
    orders.check(reverse, w, CTX, POLICY)


def test_the_policy_reads_what_the_province_sent_and_keeps_defaults_for_the_rest() -> None:
    policy = Policy.from_json({"max_lines_per_id": 3, "number_hold_minutes": "x", "new_thing": 1})
    assert policy.max_lines_per_id == 3 and policy.number_hold_minutes == 30
    assert policy.extra == {"new_thing": 1}
    assert Policy.from_json(policy.to_json()) == policy


def test_an_order_crosses_the_wire_unchanged() -> None:
    w = world()
    order = new_line(w)
    assert orders.from_body(orders.to_body(order)) == order
