"""Taking money: bill payments and top-ups, and voiding them with a supervisor's approval."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StrictInt
from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain import money
from counter_app.domain.kinds import PaymentKind, PaymentMethod, PaymentStatus, ShiftStatus
from counter_app.domain.orders import OrderState
from counter_app.domain.problems import ProblemType
from province_api import audit, changes, idempotency, policy, qr_gateway
from province_api import openapi_docs as docs
from province_api.approvals import ApprovalIn, consume
from province_api.audit import AuditAction
from province_api.auth import StaffContext, current_staff, get_db, in_hall
from province_api.errors import Problem, field_problem
from province_api.models import Account, Bill, Payment, ProductOrder, Shift, Subscription
from province_api.orders import runner
from province_api.types import UUID_PATTERN, ClientTime, Id, Line, PathId, ReceiptNo
from province_api.versions import BodyVersion, body_version

router = APIRouter(tags=["payments"])
MAX_PAYMENT_FEN = 100_000_00
P = ProblemType
_SHIFT = (P.NO_OPEN_SHIFT, P.SHIFT_CLOSED)  # the payment's shift_id: the clerk's open shift
# An order's fees paid (kind order_fee) run the order (province_api/orders/runner.py).
_ORDER_RUN = {
    409: (P.ORDER_STATE, P.CONFLICT, P.NO_OPEN_SHIFT),
    422: (P.UNKNOWN_ORDER, P.FEES_MISMATCH, P.ORDER_STATE),
}
PAYMENT_ANSWERS = docs.answers(
    docs.merged(
        docs.VERSIONED,
        docs.APPROVED,
        _ORDER_RUN,
        {
            402: (P.PAYMENT_DECLINED,),
            409: (P.DUPLICATE_ID, P.DUPLICATE_RECEIPT),
            422: (
                *_SHIFT,
                P.UNKNOWN_ACCOUNT,
                P.UNKNOWN_NUMBER,
                P.NUMBER_CANCELLED,
                P.NOTHING_OWED,
                P.OVERPAYMENT,
            ),
        },
    ),
    keyed=201,
    notes={
        402: "A QR payment the wallet declined (nothing is booked).",
        409: "`duplicate-id`, `duplicate-receipt`: this id or receipt number is used; "
        "`order-state`: the order is not waiting for its fees.",
        422: "The payment's rules: its shift is the clerk's open one, its account and "
        "number exist, a bill payment is at most what is owed, cash covers the amount, a "
        "card has its reference, a QR code is one; `created_at` with its offset and near "
        "the province's clock.",
        428: "An offline top-up over the policy's offline limit needs a supervisor's approval.",
    },
)
VOID_ANSWERS = docs.answers(
    docs.merged(
        docs.VERSIONED,
        docs.APPROVED,
        {
            404: (P.NOT_FOUND,),
            409: (P.ALREADY_VOIDED, P.ORDER_STATE, P.BALANCE_SPENT),
            422: (*_SHIFT, P.NOT_THIS_SHIFT),
        },
    ),
    keyed=201,
    notes={
        409: "`already-voided`; `order-state`: a refund, or an order's fees before the order "
        "is reversed; `balance-spent`: the top-up has been spent.",
        422: "Only a payment of the clerk's open shift can be voided.",
        428: "Every void needs a supervisor's approval.",
    },
)


def payment_json(p: Payment) -> dict[str, Any]:
    return changes.object_json(p)


class PaymentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Id
    receipt_no: ReceiptNo
    kind: PaymentKind
    account_id: Id
    subscription_id: Id | None = None
    amount_fen: StrictInt = Field(gt=0, le=MAX_PAYMENT_FEN)
    method: PaymentMethod
    tendered_fen: StrictInt | None = Field(None, ge=0, le=10 * MAX_PAYMENT_FEN)
    card_ref: Line | None = Field(None, max_length=64)
    qr_code: Line | None = Field(None, max_length=32)
    bill_ids: list[Id] | None = Field(None, max_length=120)
    order_id: Id | None = None  # kind order_fee: the order whose fees and deposit this pays
    created_at: ClientTime
    shift_id: Id
    offline: bool = False  # taken while the counter could not reach the province
    approval: ApprovalIn | None = None  # an offline top-up above the policy's offline limit


def _open_shift(db: Session, staff: StaffContext, shift_id: str) -> Shift:
    shift = db.get(Shift, shift_id, with_for_update=True)
    if shift is None or shift.hall_id != staff.hall_id or shift.staff_id != staff.staff_id:
        raise field_problem(
            422, "shift_id", "Open a shift before taking payments.", ProblemType.NO_OPEN_SHIFT
        )
    if shift.status != ShiftStatus.OPEN:
        raise field_problem(
            422, "shift_id", "This shift is closed; open a new one.", ProblemType.SHIFT_CLOSED
        )
    return shift


def _settle_bills(db: Session, body: PaymentIn, account: Account) -> list[dict[str, Any]]:
    query = select(Bill).where(Bill.account_id == account.id, Bill.status != "paid")
    if body.bill_ids is not None:
        query = query.where(Bill.id.in_(body.bill_ids))
    bills = list(db.scalars(query.order_by(Bill.period).with_for_update()))
    owed = [(b.id, b.amount_fen - b.paid_fen) for b in bills]
    total = sum(o for _, o in owed)
    if not bills:
        raise field_problem(
            422, "account_id", "This account has no unpaid bills.", ProblemType.NOTHING_OWED
        )
    if body.amount_fen > total:
        raise field_problem(
            422,
            "amount_fen",
            f"More than is owed ({money.format_yuan(total)}).",
            ProblemType.OVERPAYMENT,
        )
    allocations, _ = money.allocate_oldest_first(body.amount_fen, owed)
    by_id = {b.id: b for b in bills}
    out = []
    for bill_id, applied in allocations:
        bill = by_id[bill_id]
        bill.paid_fen += applied
        bill.status = "paid" if bill.paid_fen >= bill.amount_fen else "partial"
        bill.version += 1
        out.append({"bill_id": bill.id, "period": bill.period, "applied_fen": applied})
    changes.record_objects(db, "bill", [by_id[b] for b, _ in allocations])
    return out


@router.post("/payments", status_code=201, responses=PAYMENT_ANSWERS, openapi_extra=docs.IDEMPOTENT)
def create_payment(
    body: PaymentIn,
    request: Request,
    idempotency_key: str | None = Header(None, include_in_schema=False),
    staff: StaffContext = Depends(current_staff),
    version: BodyVersion = Depends(body_version),
    db: Session = Depends(get_db),
) -> JSONResponse:
    """Book a payment: bills settled oldest first, or the balance raised, in one transaction."""
    body.created_at = version.time(body.created_at, "created_at")  # API 1: maybe no offset

    def work() -> tuple[int, Any]:
        if db.get(Payment, body.id) is not None:
            raise field_problem(
                409, "id", "A payment with this id exists.", ProblemType.DUPLICATE_ID
            )
        if db.scalar(select(Payment.id).where(Payment.receipt_no == body.receipt_no)):
            raise field_problem(
                409,
                "receipt_no",
                "This receipt number is already used.",
                ProblemType.DUPLICATE_RECEIPT,
            )
        shift = _open_shift(db, staff, body.shift_id)
        order = None
        approved_by = None
        if body.kind == PaymentKind.REFUND:
            raise field_problem(
                422, "kind", "A refund is made by cancelling the line, not taken as a payment."
            )
        if body.kind == PaymentKind.ORDER_FEE:
            # The order runs first: a new line's account is created by it.
            if body.order_id is None:
                raise field_problem(422, "order_id", "Say which order the fees are for.")
            ctx = runner.context(staff, request.app.state.time_zone)
            order = runner.settle(
                db, staff, body.order_id, body.amount_fen, ctx, policy.current(db)
            )
            if runner.account_of(db, order) != body.account_id:
                raise field_problem(
                    422,
                    "account_id",
                    "This is not the order's account.",
                    ProblemType.UNKNOWN_ACCOUNT,
                )
        account = db.get(Account, body.account_id, with_for_update=True)
        if account is None:
            raise field_problem(
                422, "account_id", "There is no such account.", ProblemType.UNKNOWN_ACCOUNT
            )
        if body.method == PaymentMethod.CASH and (body.tendered_fen or 0) < body.amount_fen:
            raise field_problem(422, "tendered_fen", "The cash tendered is less than the amount.")
        if body.method == PaymentMethod.CARD and not body.card_ref:
            raise field_problem(422, "card_ref", "A card payment needs the terminal's reference.")
        reference = body.card_ref
        code = (body.qr_code or "").strip()
        if body.method == PaymentMethod.QR and not qr_gateway.valid_code(code):
            raise field_problem(422, "qr_code", "That is not a payment code; scan it again.")
        allocations: list[dict[str, Any]] = []
        # The number paid for (a top-up) or named on the receipt (a bill: optional).
        named = body.kind == PaymentKind.TOPUP or body.subscription_id is not None
        sub = db.get(Subscription, body.subscription_id or "") if named else None
        if named and (sub is None or sub.account_id != account.id):
            raise field_problem(
                422,
                "subscription_id",
                "There is no such number on this account.",
                ProblemType.UNKNOWN_NUMBER,
            )
        if body.kind == PaymentKind.BILL:
            allocations = _settle_bills(db, body, account)
        elif body.kind == PaymentKind.TOPUP:
            assert sub is not None
            if sub.status == "cancelled":
                raise field_problem(
                    422,
                    "subscription_id",
                    "This number is cancelled; it cannot be topped up.",
                    ProblemType.NUMBER_CANCELLED,
                )
            rules = policy.current(db)
            if body.offline and body.amount_fen > rules.offline_topup_max_fen:
                # The counter's rule, held again here: approved on the spot, or refused.
                approved_by = consume(
                    db,
                    staff,
                    body.approval,
                    "offline_topup",
                    body.id,
                    body.created_at,
                    body.amount_fen,
                )
            account.balance_fen += body.amount_fen
            account.version += 1
            changes.record_objects(db, "account", [account])
        else:
            assert order is not None
            allocations = [
                {
                    "order_id": order.id,
                    "order_no": order.order_no,
                    "fees_fen": order.due_fen - order.deposit_fen,
                    "deposit_fen": order.deposit_fen,
                }
            ]
            if order.deposit_fen:  # the pre-deposit goes to the line's balance
                account.balance_fen += order.deposit_fen
                account.version += 1
                changes.record_objects(db, "account", [account])
        if body.method == PaymentMethod.QR:
            # The wallet is reached last, once nothing else can refuse the payment: a decline
            # rolls back what was settled above, and no refusal follows a charge.
            answer = qr_gateway.authorise(code, body.amount_fen, body.id)
            if not answer.approved:
                raise Problem(
                    402,
                    f"The payment was declined: {answer.reason}.",
                    type_=ProblemType.PAYMENT_DECLINED,
                )
            reference = f"{answer.reference} {qr_gateway.masked(code)}"
        now = datetime.now(UTC)
        payment = Payment(
            id=body.id,
            receipt_no=body.receipt_no,
            kind=body.kind,
            status=PaymentStatus.BOOKED,
            account_id=account.id,
            customer_id=account.customer_id,
            subscription_id=body.subscription_id,
            amount_fen=body.amount_fen,
            method=body.method,
            tendered_fen=body.tendered_fen if body.method == PaymentMethod.CASH else None,
            change_fen=(body.tendered_fen or 0) - body.amount_fen
            if body.method == PaymentMethod.CASH
            else None,
            reference=reference,
            allocations=allocations,
            shift_id=shift.id,
            hall_id=staff.hall_id,
            counter_id=staff.counter_id,
            staff_id=staff.staff_id,
            created_at=body.created_at,
            booked_at=now,
            approved_by=approved_by,
        )
        db.add(payment)
        changes.record_objects(db, "payment", [payment])
        if order is not None:
            order.payment_id = payment.id
            order.version += 1
            changes.record_objects(db, "product_order", [order])
        return 201, payment_json(payment)

    return idempotency.run(
        db, staff, idempotency_key, "POST /payments", body.model_dump(mode="json"), work
    )


class VoidIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Id  # the reversing entry's id
    receipt_no: ReceiptNo  # the void slip's number
    reason: Line = Field(min_length=1, max_length=500)
    created_at: ClientTime
    shift_id: Id
    approval: ApprovalIn | None = None


def _order_fee_voidable(db: Session, original: Payment) -> int:
    """An order's fees are given back only once the order is reversed (返销): a completed
    order stays paid for. Returns the pre-deposit to take back from the balance."""
    alloc = (original.allocations or [{}])[0]
    order = db.get(ProductOrder, str(alloc.get("order_id") or ""))
    if order is None or order.state != OrderState.CANCELLED:
        raise Problem(
            409,
            "Reverse the order first (返销); its fees are voided after that.",
            type_=ProblemType.ORDER_STATE,
        )
    return int(alloc.get("deposit_fen") or 0)


@router.post(
    "/payments/{payment_id}/void",
    status_code=201,
    responses=VOID_ANSWERS,
    openapi_extra=docs.IDEMPOTENT,
)
def void_payment(
    payment_id: PathId,
    body: VoidIn,
    idempotency_key: str | None = Header(None, include_in_schema=False),
    staff: StaffContext = Depends(current_staff),
    version: BodyVersion = Depends(body_version),
    db: Session = Depends(get_db),
) -> JSONResponse:
    """Add a reversing entry for a payment of the current shift; the original stays."""
    body.created_at = version.time(body.created_at, "created_at")  # API 1: maybe no offset

    def work() -> tuple[int, Any]:
        original = in_hall(db, Payment, payment_id, staff, "payment", lock=True)
        if original.status != PaymentStatus.BOOKED:
            raise Problem(409, "This payment is already voided.", type_=ProblemType.ALREADY_VOIDED)
        if original.kind == PaymentKind.REFUND:  # the cash went out with a cancellation
            raise Problem(
                409,
                "A refund cannot be voided: the cash has gone to the customer.",
                type_=ProblemType.ORDER_STATE,
            )
        shift = _open_shift(db, staff, body.shift_id)
        if original.shift_id != shift.id:
            raise field_problem(
                422,
                "shift_id",
                "Only payments of the current shift can be voided.",
                ProblemType.NOT_THIS_SHIFT,
            )
        approved_by = consume(
            db, staff, body.approval, "void", original.id, body.created_at, original.amount_fen
        )
        account = db.get(Account, original.account_id, with_for_update=True)
        assert account is not None
        if original.kind == PaymentKind.BILL:
            bills = {
                b.id: b
                for b in db.scalars(
                    select(Bill)
                    .where(Bill.id.in_([a["bill_id"] for a in original.allocations]))
                    .with_for_update()
                )
            }
            for alloc in original.allocations:
                bill = bills[alloc["bill_id"]]
                bill.paid_fen -= int(alloc["applied_fen"])
                bill.status = "unpaid" if bill.paid_fen <= 0 else "partial"
                bill.version += 1
            changes.record_objects(db, "bill", list(bills.values()))
        else:
            taken_back = original.amount_fen
            if original.kind == PaymentKind.ORDER_FEE:
                taken_back = _order_fee_voidable(db, original)
            if account.balance_fen < taken_back:
                raise Problem(
                    409,
                    "The top-up has already been spent; it cannot be voided.",
                    type_=ProblemType.BALANCE_SPENT,
                )
            if taken_back:
                account.balance_fen -= taken_back
                account.version += 1
                changes.record_objects(db, "account", [account])
        now = datetime.now(UTC)
        reversal = Payment(
            id=body.id,
            receipt_no=body.receipt_no,
            kind=original.kind,
            status=PaymentStatus.REVERSAL,
            account_id=original.account_id,
            customer_id=original.customer_id,
            subscription_id=original.subscription_id,
            amount_fen=-original.amount_fen,
            method=original.method,
            reference=original.reference,
            allocations=[
                {**a, "applied_fen": -int(a["applied_fen"])} if "applied_fen" in a else a
                for a in original.allocations
            ],
            shift_id=shift.id,
            hall_id=staff.hall_id,
            counter_id=staff.counter_id,
            staff_id=staff.staff_id,
            reverses_id=original.id,
            approved_by=approved_by,
            reason=body.reason.strip(),
            created_at=body.created_at,
            booked_at=now,
        )
        original.status = PaymentStatus.VOIDED
        original.voided_by_id = reversal.id
        original.version += 1
        db.add(reversal)
        changes.record_objects(db, "payment", [original, reversal])
        audit.record(
            db,
            AuditAction.VOID,
            hall_id=staff.hall_id,
            staff_id=staff.staff_id,
            counter_id=staff.counter_id,
            target=original.id,
            detail={
                "reversal_id": reversal.id,
                "amount_fen": original.amount_fen,
                "approved_by": approved_by,
            },
        )
        return 201, payment_json(reversal)

    return idempotency.run(
        db,
        staff,
        idempotency_key,
        f"POST /payments/{payment_id}/void",
        body.model_dump(mode="json"),
        work,
    )


@router.get("/payments/{payment_id}", responses=docs.answers({404: (P.NOT_FOUND,)}))
def get_payment(
    payment_id: PathId,
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> dict[str, Any]:
    return payment_json(in_hall(db, Payment, payment_id, staff, "payment"))


@router.get("/bills", responses=docs.answers())
def get_bills(
    account_id: str = Query(..., pattern=UUID_PATTERN),
    _staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> list[dict[str, Any]]:
    """Unpaid and recent bills of an account."""
    bills = db.scalars(
        select(Bill).where(Bill.account_id == account_id).order_by(Bill.period.desc()).limit(24)
    )
    return [changes.object_json(b) for b in bills]
