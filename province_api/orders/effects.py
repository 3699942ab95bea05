"""Applying an order's effects to the province's tables, each change in the feed, keeping
what was replaced (`undo`) so that a reversal (返销) puts exactly that back."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.kinds import PaymentKind, PaymentMethod, PaymentStatus, ShiftStatus
from counter_app.domain.orders import Effect, Op, OrderState, advance
from counter_app.domain.problems import ProblemType
from province_api import changes
from province_api.errors import Problem
from province_api.models import (
    Account,
    Base,
    Number,
    Payment,
    ProductOrder,
    Shift,
    Sim,
    Subscription,
)


def _bump(db: Session, entity: str, row: Any) -> None:
    row.version += 1
    changes.record_objects(db, entity, [row])


def _by(db: Session, model: type[Base], column: Any, value: str) -> Any:
    row = db.scalar(select(model).where(column == value).with_for_update())
    if row is None:
        raise Problem(409, "The order's stock changed; start it again.", type_=ProblemType.CONFLICT)
    return row


def _line(db: Session, subscription_id: str) -> Subscription:
    sub = db.get(Subscription, subscription_id, with_for_update=True)
    assert sub is not None  # the rules checked it
    return sub


def new_account_no(db: Session, account_id: str) -> str:
    """Ten digits like every account number, "8" and nine from the new account's id (the
    seed's start with "7"); the next free one if taken."""
    n = int(account_id.replace("-", ""), 16) % 10**9
    while True:
        number = f"8{n:09d}"
        if db.scalar(select(Account.id).where(Account.account_no == number)) is None:
            return number
        n = (n + 1) % 10**9


def apply(
    db: Session, order: ProductOrder, effects: list[Effect], now: datetime
) -> list[dict[str, Any]]:
    """Run the effects; returns the undo list (entity, id, the columns' values before)."""
    undo: list[dict[str, Any]] = []

    def keep(entity: str, row_id: str, **before: Any) -> None:
        undo.append({"entity": entity, "id": row_id, "before": before})

    for effect in effects:
        a = effect.args
        if effect.op == Op.CREATE_ACCOUNT:
            account = Account(
                id=a["account_id"],
                account_no=new_account_no(db, a["account_id"]),
                customer_id=a["customer_id"],
                kind=a["kind"],
                balance_fen=0,
                status="active",
            )
            db.add(account)
            db.flush()
            changes.record_objects(db, "account", [account])
        elif effect.op == Op.TAKE_NUMBER:
            number = _by(db, Number, Number.msisdn, a["msisdn"])
            keep("number", number.id, status="available", held_by=None, held_until=None)
            number.status, number.held_by, number.held_until = "assigned", None, None
            _bump(db, "number", number)
        elif (
            effect.op == Op.RETIRE_SIM
            and db.scalar(select(Sim.id).where(Sim.iccid == a["iccid"])) is None
        ):
            continue  # a SIM given out before the stock was kept: nothing to retire
        elif effect.op in (Op.TAKE_SIM, Op.RETIRE_SIM):
            sim = _by(db, Sim, Sim.iccid, a["iccid"])
            keep("sim", sim.id, status=sim.status)
            sim.status = "assigned" if effect.op == Op.TAKE_SIM else "retired"
            _bump(db, "sim", sim)
        elif effect.op == Op.CREATE_LINE:
            sub = Subscription(
                id=a["subscription_id"],
                msisdn=a["msisdn"],
                iccid=a["iccid"],
                customer_id=a["customer_id"],
                account_id=a["account_id"],
                plan_id=a["plan_id"],
                addon_ids=list(a["addon_ids"]),
                status="active",
                activated_at=now,
            )
            db.add(sub)
            db.flush()
            keep("subscription", sub.id, status="cancelled")
            changes.record_objects(db, "subscription", [sub])
        elif effect.op == Op.SET_SIM:
            sub = _line(db, a["subscription_id"])
            keep("subscription", sub.id, iccid=sub.iccid)
            sub.iccid = a["iccid"]
            _bump(db, "subscription", sub)
        elif effect.op == Op.SET_PLAN:
            sub = _line(db, a["subscription_id"])
            keep(
                "subscription",
                sub.id,
                plan_id=sub.plan_id,
                next_plan_id=sub.next_plan_id,
                next_plan_from=sub.next_plan_from.isoformat() if sub.next_plan_from else None,
            )
            if a.get("from_date"):
                sub.next_plan_id, sub.next_plan_from = (
                    a["plan_id"],
                    date.fromisoformat(a["from_date"]),
                )
            else:
                sub.plan_id, sub.next_plan_id, sub.next_plan_from = a["plan_id"], None, None
            _bump(db, "subscription", sub)
        elif effect.op == Op.SET_ADDONS:
            sub = _line(db, a["subscription_id"])
            keep("subscription", sub.id, addon_ids=list(sub.addon_ids or []))
            sub.addon_ids = list(a["addon_ids"])
            _bump(db, "subscription", sub)
        elif effect.op == Op.SET_STATUS:
            sub = _line(db, a["subscription_id"])
            keep("subscription", sub.id, status=sub.status)
            sub.status = a["status"]
            _bump(db, "subscription", sub)
        elif effect.op == Op.SET_OWNER:
            sub = _line(db, a["subscription_id"])
            keep("subscription", sub.id, customer_id=sub.customer_id, account_id=sub.account_id)
            sub.customer_id, sub.account_id = a["customer_id"], a["account_id"]
            _bump(db, "subscription", sub)
        elif effect.op == Op.REFUND:
            paying = db.get(Account, a["account_id"], with_for_update=True)
            assert paying is not None
            keep("account", paying.id, balance_fen=paying.balance_fen)
            paying.balance_fen -= int(a["amount_fen"])
            _bump(db, "account", paying)
            refund = _refund_payment(db, order, paying, int(a["amount_fen"]), now)
            order.payment_id = refund.id
        elif effect.op == Op.UNDO:
            _undo(db, a["order_id"])
    return undo


def _refund_payment(
    db: Session, order: ProductOrder, account: Account, amount_fen: int, now: datetime
) -> Payment:
    """The balance handed back in cash, booked as cash out of the clerk's open shift (so the
    shift's cash balances), with its own slip number."""
    shift = db.scalar(
        select(Shift).where(Shift.staff_id == order.staff_id, Shift.status == ShiftStatus.OPEN)
    )
    if shift is None:
        raise Problem(
            409,
            "Open a shift first: the balance is refunded in cash.",
            type_=ProblemType.NO_OPEN_SHIFT,
        )
    payment = Payment(
        id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"refund/{order.id}")),
        receipt_no="R" + order.order_no[1:],
        kind=PaymentKind.REFUND,
        status=PaymentStatus.BOOKED,
        account_id=account.id,
        customer_id=account.customer_id,
        subscription_id=order.subscription_id,
        amount_fen=-amount_fen,
        method=PaymentMethod.CASH,
        allocations=[{"order_id": order.id, "order_no": order.order_no, "refund_fen": amount_fen}],
        shift_id=shift.id,
        hall_id=order.hall_id,
        counter_id=order.counter_id,
        staff_id=order.staff_id,
        created_at=now,
        booked_at=now,
        version=1,
    )
    db.add(payment)
    changes.record_objects(db, "payment", [payment])
    return payment


_MODELS: dict[str, type[Base]] = {
    "number": Number,
    "sim": Sim,
    "subscription": Subscription,
    "account": Account,
}


def _undo(db: Session, order_id: str) -> None:
    """Put back, newest first, what an order changed."""
    past = db.get(ProductOrder, order_id, with_for_update=True)
    assert past is not None  # the rules checked it
    for step in reversed(past.undo or []):
        row: Any = db.get(_MODELS[step["entity"]], step["id"], with_for_update=True)
        for column, value in step["before"].items():
            if column == "next_plan_from" and value:
                value = date.fromisoformat(value)
            setattr(row, column, value)
        _bump(db, step["entity"], row)
    past.state = advance(past.state, OrderState.CANCELLED)  # reversed: what it did is undone
    past.updated_at = datetime.now(UTC)
    _bump(db, "product_order", past)
