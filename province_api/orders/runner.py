"""Taking an order at the province: the rules, the approval, the number hold, and running it
to `completed` once nothing is owed (its fees are paid with POST /payments, kind order_fee)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain import orders
from counter_app.domain.hall_time import local
from counter_app.domain.orders import Context, Order, OrderState, RuleBroken
from counter_app.domain.policy import Policy
from counter_app.domain.problems import ProblemType
from province_api import changes
from province_api.auth import StaffContext
from province_api.errors import Problem, field_problem
from province_api.models import Number, ProductOrder
from province_api.orders import effects
from province_api.orders.facts import ProvinceFacts

# Refusals another counter caused a moment before: the clerk chooses again (409).
RACES = {ProblemType.NUMBER_TAKEN, ProblemType.SIM_TAKEN}


def context(staff: StaffContext, zone: str, now: datetime | None = None) -> Context:
    now = now or datetime.now(UTC)
    return Context(staff.hall_id, staff.counter_id, now, local(now, zone).date(), zone)


def refusal(broken: RuleBroken) -> Problem:
    return Problem(
        409 if broken.problem in RACES else 422,
        broken.message,
        type_=broken.problem,
        errors=[broken.to_problem_error()],
    )


def check(db: Session, order: Order, ctx: Context, policy: Policy) -> None:
    try:
        orders.check(order, ProvinceFacts(db), ctx, policy)
    except RuleBroken as broken:
        raise refusal(broken) from None


def hold_number(db: Session, msisdn: str, ctx: Context, policy: Policy) -> Number:
    """Hold a number of the hall's stock for this counter (`number_hold_minutes`)."""
    number = db.scalar(select(Number).where(Number.msisdn == msisdn).with_for_update())
    facts = ProvinceFacts(db).number(msisdn)
    try:
        orders.rules.number_free(facts, ctx)
    except RuleBroken as broken:
        raise refusal(broken) from None
    assert number is not None
    number.status = "reserved"
    number.held_by = ctx.counter_id
    number.held_until = ctx.now + timedelta(minutes=policy.number_hold_minutes)
    number.version += 1
    changes.record_objects(db, "number", [number])
    return number


def release_number(db: Session, msisdn: str, counter_id: str | None = None) -> None:
    number = db.scalar(select(Number).where(Number.msisdn == msisdn).with_for_update())
    if number is None or number.status != "reserved":
        return
    if counter_id is not None and number.held_by != counter_id:
        return
    number.status, number.held_by, number.held_until = "available", None, None
    number.version += 1
    changes.record_objects(db, "number", [number])


def as_order(row: ProductOrder) -> Order:
    return orders.from_body(
        {
            "id": row.id,
            "order_no": row.order_no,
            "type": row.type,
            "customer_id": row.customer_id,
            "subscription_id": row.subscription_id,
            "items": row.items,
            "fees": row.fees,
            "deposit_fen": row.deposit_fen,
        }
    )


def move(db: Session, row: ProductOrder, state: OrderState) -> None:
    try:
        row.state = orders.advance(row.state, state)
    except orders.BadTransition:
        raise Problem(
            409,
            f"The order is {row.state}; it cannot be {state} now.",
            type_=ProblemType.ORDER_STATE,
        ) from None
    row.updated_at = datetime.now(UTC)
    row.version += 1


def run(db: Session, row: ProductOrder, ctx: Context, policy: Policy) -> None:
    """inProgress → completed: the rules again (things change while an order waits), then
    its effects; a rule now broken fails the order, with the reason."""
    order = as_order(row)
    move(db, row, OrderState.IN_PROGRESS)
    try:
        orders.kind_of(order).check(order, ProvinceFacts(db), ctx, policy)
    except RuleBroken as broken:
        move(db, row, OrderState.FAILED)
        row.decision_reason = broken.message
        changes.record_objects(db, "product_order", [row])
        return
    row.undo = effects.apply(
        db, row, orders.kind_of(order).effects(order, ProvinceFacts(db)), ctx.now
    )
    move(db, row, OrderState.COMPLETED)
    row.completed_at = ctx.now
    changes.record_objects(db, "product_order", [row])


def go_on(db: Session, row: ProductOrder, ctx: Context, policy: Policy) -> None:
    """An acknowledged order runs at once when nothing is owed; else it waits for its fees."""
    if row.due_fen == 0:
        run(db, row, ctx, policy)
    else:
        changes.record_objects(db, "product_order", [row])


def settle(
    db: Session, staff: StaffContext, order_id: str, amount_fen: int, ctx: Context, policy: Policy
) -> ProductOrder:
    """An order's fees are being paid: check the amount, run the order. Its account then
    exists (a new line's is created by it) and takes the pre-deposit."""
    row = db.get(ProductOrder, order_id, with_for_update=True)
    if row is None or row.hall_id != staff.hall_id:
        raise field_problem(
            422, "order_id", "There is no such order in this hall.", ProblemType.UNKNOWN_ORDER
        )
    if row.state != OrderState.ACKNOWLEDGED or row.payment_id is not None:
        raise Problem(409, "This order is not waiting for its fees.", type_=ProblemType.ORDER_STATE)
    if amount_fen != row.due_fen:
        raise field_problem(
            422, "amount_fen", "The amount is not what the order owes.", ProblemType.FEES_MISMATCH
        )
    run(db, row, ctx, policy)
    if row.state != OrderState.COMPLETED:
        raise Problem(
            422, row.decision_reason or "The order failed.", type_=ProblemType.ORDER_STATE
        )
    return row


def account_of(db: Session, row: ProductOrder) -> str:
    """The account an order's fees are booked to."""
    account = orders.fee_account(as_order(row), ProvinceFacts(db))
    assert account is not None
    return account
