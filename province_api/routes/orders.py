"""Service orders (TMF622-shaped), the hall's approval queue, number holds and the catalog."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StrictInt
from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain import orders
from counter_app.domain.kinds import SUPERVISOR_ROLES, ApprovalAction
from counter_app.domain.orders import OrderState, OrderType
from counter_app.domain.problems import ProblemType
from province_api import changes, idempotency, policy
from province_api import openapi_docs as docs
from province_api.approvals import ApprovalIn, consume
from province_api.auth import StaffContext, current_staff, get_db, in_hall
from province_api.errors import Problem, field_problem
from province_api.models import Number, Offering, ProductOrder
from province_api.orders import runner
from province_api.orders.times import aware
from province_api.types import ClientTime, Id, Line, OrderNo, PathId
from province_api.versions import BodyVersion, body_version

router = APIRouter(tags=["orders"])
MAX_FEE_FEN = 10_000_000
# What an order's items hold (ids, numbers, a date, a choice; lists of offering ids): text
# or lists of text, never objects or numbers the rules would not know how to read.
ItemKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
ItemText = Annotated[Line, Field(max_length=64)]
ItemValue = ItemText | Annotated[list[ItemText], Field(max_length=50)] | None
Msisdn = Annotated[str, Path(pattern=r"^[0-9]{1,20}$")]
P = ProblemType
# What an order's rules refuse (counter_app/domain/orders: RuleBroken), 422 but for the races
# (another counter took the number or the SIM a moment before: runner.RACES), 409.
ORDER_RULES = frozenset(
    {
        P.FEES_MISMATCH,
        P.IDENTITY_MISMATCH,
        P.INVALID_INPUT,
        P.LINE_LIMIT,
        P.LINE_STATE,
        P.NOTHING_TO_CHANGE,
        P.NOT_ELIGIBLE,
        P.NOT_REVERSIBLE,
        P.NUMBER_CANCELLED,
        P.NUMBER_TAKEN,
        P.OVERDUE_BILLS,
        P.SIM_TAKEN,
        P.UNKNOWN_ACCOUNT,
        P.UNKNOWN_CUSTOMER,
        P.UNKNOWN_NUMBER,
        P.UNKNOWN_OFFERING,
        P.UNKNOWN_ORDER,
        P.UNKNOWN_SIM,
        P.UNPAID_BILLS,
    }
)
# Running an order (its effects: province_api/orders/effects.py): stock changed meanwhile,
# or a refund with no open shift to pay it from.
_RUN = {409: (P.CONFLICT, P.NO_OPEN_SHIFT, P.ORDER_STATE)}
_NOT_FOUND = {404: (P.NOT_FOUND,)}
ORDER_ANSWERS = docs.answers(
    docs.merged(
        docs.VERSIONED,
        docs.APPROVED,
        _RUN,
        {
            409: (P.DUPLICATE_ID, *(runner.RACES & ORDER_RULES)),
            422: ORDER_RULES - runner.RACES,
        },
    ),
    keyed=201,
    notes={
        409: "`duplicate-id`: this id or order number is used; `number-taken`, `sim-taken`: "
        "another counter took it a moment before (choose again).",
        422: "The order type's rules (counter_app/domain/orders), named in `errors`; "
        "`created_at` with its offset and near the province's clock.",
        428: "The supervisor's approval given with the order is not usable.",
    },
)
DECISION_ANSWERS = docs.answers(
    docs.merged(_RUN, _NOT_FOUND, {403: (P.NOT_SUPERVISOR, P.SELF_APPROVAL)}),
    body=True,
    notes={
        403: "Only a supervisor of the hall, not the one who took the order.",
        409: "`order-state`: the order is not waiting for approval.",
        422: "A rejection needs its reason.",
    },
)


class FeeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: Line = Field(min_length=1, max_length=32)
    name: Line = Field("", max_length=100)
    amount_fen: StrictInt = Field(ge=0, le=MAX_FEE_FEN)
    waived_fen: StrictInt = Field(0, ge=0, le=MAX_FEE_FEN)
    waiver_reason: Line = Field("", max_length=200)


class OrderIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Id
    order_no: OrderNo
    type: OrderType
    customer_id: Id
    subscription_id: Id | None = None
    items: dict[ItemKey, ItemValue] = Field(default_factory=dict, max_length=20)
    fees: list[FeeIn] = Field(default_factory=list, max_length=10)
    deposit_fen: StrictInt = Field(0, ge=0, le=MAX_FEE_FEN)
    created_at: ClientTime
    approval: ApprovalIn | None = None  # a supervisor on the spot; without: the queue


def order_json(row: ProductOrder) -> dict[str, Any]:
    return changes.object_json(row)


@router.post(
    "/product-orders", status_code=201, responses=ORDER_ANSWERS, openapi_extra=docs.IDEMPOTENT
)
def create_order(
    body: OrderIn,
    request: Request,
    idempotency_key: str | None = Header(None, include_in_schema=False),
    staff: StaffContext = Depends(current_staff),
    version: BodyVersion = Depends(body_version),
    db: Session = Depends(get_db),
) -> JSONResponse:
    """Take an order: checked against the rules; held for a supervisor where they say so
    (`pendingApproval`), else `acknowledged`; run to `completed` at once when nothing is owed,
    or when its fees are paid."""
    body.created_at = version.time(body.created_at, "created_at")
    zone = request.app.state.time_zone

    def work() -> tuple[int, Any]:
        if db.get(ProductOrder, body.id) is not None:
            raise Problem(409, "An order with this id exists.", type_=ProblemType.DUPLICATE_ID)
        if db.scalar(select(ProductOrder.id).where(ProductOrder.order_no == body.order_no)):
            raise Problem(409, "This order number is already used.", type_=ProblemType.DUPLICATE_ID)
        rules = policy.current(db)
        ctx = runner.context(staff, zone)
        order = orders.from_body(body.model_dump(mode="json"))
        runner.check(db, order, ctx, rules)
        reason = orders.approval_reason(order, rules)
        approved_by = None
        if reason and body.approval is not None:
            waived = sum(fee.waived_fen for fee in body.fees)
            approved_by = consume(
                db, staff, body.approval, ApprovalAction.ORDER, body.id, body.created_at, waived
            )
        now = datetime.now(UTC)
        row = ProductOrder(
            id=order.id,
            order_no=order.order_no,
            type=order.type,
            state=OrderState.DRAFT,
            hall_id=staff.hall_id,
            counter_id=staff.counter_id,
            staff_id=staff.staff_id,
            customer_id=order.customer_id,
            subscription_id=order.subscription_id,
            items=order.items,
            fees=[f.to_json() for f in order.fees],
            deposit_fen=order.deposit_fen,
            due_fen=order.due_fen,
            approval_reason=reason,
            approved_by=approved_by,
            undo=[],
            version=1,
            created_at=body.created_at,
            updated_at=now,
        )
        db.add(row)
        if order.type == OrderType.NEW_LINE:
            runner.hold_number(db, str(order.item("msisdn")), ctx, rules)
        if reason and approved_by is None:
            runner.move(db, row, OrderState.PENDING_APPROVAL)
            changes.record_objects(db, "product_order", [row])
        else:
            runner.move(db, row, OrderState.ACKNOWLEDGED)
            runner.go_on(db, row, ctx, rules)
        return 201, order_json(row)

    return idempotency.run(
        db, staff, idempotency_key, "POST /product-orders", body.model_dump(mode="json"), work
    )


@router.get("/product-orders/{order_id}", responses=docs.answers(_NOT_FOUND))
def get_order(
    order_id: PathId, staff: StaffContext = Depends(current_staff), db: Session = Depends(get_db)
) -> dict[str, Any]:
    return order_json(in_hall(db, ProductOrder, order_id, staff, "order"))


@router.get("/product-orders", responses=docs.answers())
def list_orders(
    state: OrderState | None = None,
    customer_id: Id | None = None,
    limit: int = Query(100, ge=1, le=500),
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> list[dict[str, Any]]:
    """The hall's orders, newest first; `state=pendingApproval` is the approval queue."""
    query = select(ProductOrder).where(ProductOrder.hall_id == staff.hall_id)
    if state is not None:
        query = query.where(ProductOrder.state == state)
    if customer_id is not None:
        query = query.where(ProductOrder.customer_id == customer_id)
    rows = db.scalars(query.order_by(ProductOrder.created_at.desc()).limit(limit))
    return [order_json(r) for r in rows]


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    decision: Literal["approve", "reject"]
    reason: Line = Field("", max_length=500)


@router.post("/product-orders/{order_id}/approval", responses=DECISION_ANSWERS)
def decide(
    order_id: PathId,
    body: DecisionIn,
    request: Request,
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> dict[str, Any]:
    """A supervisor of the hall approves or rejects an order waiting in the queue."""
    if staff.role not in SUPERVISOR_ROLES:
        raise Problem(
            403, "Only a supervisor of this hall can approve.", type_=ProblemType.NOT_SUPERVISOR
        )
    row = in_hall(db, ProductOrder, order_id, staff, "order", lock=True)
    if row.staff_id == staff.staff_id:
        raise Problem(
            403, "A supervisor cannot approve their own action.", type_=ProblemType.SELF_APPROVAL
        )
    if body.decision == "reject" and not body.reason.strip():
        raise field_problem(422, "reason", "Give the reason for the rejection.")
    if row.state != OrderState.PENDING_APPROVAL:
        raise Problem(
            409,
            f"The order is {row.state}; it is not waiting for approval.",
            type_=ProblemType.ORDER_STATE,
        )
    row.decision_reason = body.reason.strip() or None
    row.approved_by = staff.staff_id
    if body.decision == "reject":
        runner.move(db, row, OrderState.REJECTED)
        if row.type == OrderType.NEW_LINE:
            runner.release_number(db, str((row.items or {}).get("msisdn")))
        changes.record_objects(db, "product_order", [row])
    else:
        rules = policy.current(db)
        ctx = runner.context(staff, request.app.state.time_zone)
        ctx = replace(ctx, counter_id=row.counter_id)  # the clerk's hold
        runner.move(db, row, OrderState.ACKNOWLEDGED)
        runner.go_on(db, row, ctx, rules)
    db.commit()
    return order_json(row)


@router.post(
    "/product-orders/{order_id}/cancel",
    responses=docs.answers(
        docs.merged(_NOT_FOUND, {409: (P.ORDER_STATE,)}),
        notes={409: "`order-state`: the order has run or ended; it cannot be withdrawn."},
    ),
)
def cancel_order(
    order_id: PathId, staff: StaffContext = Depends(current_staff), db: Session = Depends(get_db)
) -> dict[str, Any]:
    """The counter withdraws an order that has not run (the customer left): its hold ends."""
    row = in_hall(db, ProductOrder, order_id, staff, "order", lock=True)
    runner.move(db, row, OrderState.CANCELLED)
    if row.type == OrderType.NEW_LINE:
        runner.release_number(db, str((row.items or {}).get("msisdn")))
    changes.record_objects(db, "product_order", [row])
    db.commit()
    return order_json(row)


_DIGITS = r"^[0-9]{0,11}$"


@router.get("/resources/numbers", responses=docs.answers())
def list_numbers(
    ends_with: str = Query("", pattern=_DIGITS),
    contains: str = Query("", pattern=_DIGITS),
    no_digit_4: bool = False,
    level: Literal["normal", "premium"] | None = None,
    limit: int = Query(50, ge=1, le=200),
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> list[dict[str, Any]]:
    """The hall's numbers free to choose, filtered by pattern."""
    now = datetime.now(UTC)
    query = select(Number).where(Number.hall_id == staff.hall_id, Number.status != "assigned")
    if ends_with:
        query = query.where(Number.msisdn.like(f"%{ends_with}"))
    if contains:
        query = query.where(Number.msisdn.like(f"%{contains}%"))
    if no_digit_4:
        query = query.where(~Number.msisdn.like("%4%"))
    if level:
        query = query.where(Number.level == level)
    out = []
    for n in db.scalars(query.order_by(Number.msisdn).limit(limit * 3)):
        held = (
            n.status == "reserved" and n.held_by != staff.counter_id and aware(n.held_until) > now
        )
        if not held:
            out.append(changes.object_json(n))
        if len(out) == limit:
            break
    return out


@router.post(
    "/resources/numbers/{msisdn}/reserve",
    responses=docs.answers(
        {409: (P.NUMBER_TAKEN,), 422: (P.UNKNOWN_NUMBER,)},
        notes={
            409: "Another counter holds the number, or it is assigned.",
            422: "`unknown-number`: the number is not in the hall's stock.",
        },
    ),
)
def reserve_number(
    msisdn: Msisdn,
    request: Request,
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> dict[str, Any]:
    """Hold a number for this counter for the policy's hold time; 409 if another has it."""
    ctx = runner.context(staff, request.app.state.time_zone)
    number = runner.hold_number(db, msisdn[:20], ctx, policy.current(db))
    db.commit()
    return changes.object_json(number)


@router.post("/resources/numbers/{msisdn}/release", responses=docs.answers())
def release_number(
    msisdn: Msisdn, staff: StaffContext = Depends(current_staff), db: Session = Depends(get_db)
) -> dict[str, str]:
    runner.release_number(db, msisdn[:20], staff.counter_id)
    db.commit()
    return {"msisdn": msisdn[:20]}


@router.get("/catalog/offerings", responses=docs.answers())
def list_offerings(
    staff: StaffContext = Depends(current_staff), db: Session = Depends(get_db)
) -> list[dict[str, Any]]:
    rows = db.scalars(select(Offering).where(Offering.active.is_(True)).order_by(Offering.code))
    return [changes.object_json(o) for o in rows]


@router.get("/policy", responses=docs.answers())
def get_policy(
    staff: StaffContext = Depends(current_staff), db: Session = Depends(get_db)
) -> dict[str, Any]:
    return policy.current(db).to_json()
