"""Opening and closing a clerk's cash shift."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StrictInt
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.domain import money
from counter_app.domain.kinds import PaymentMethod, ShiftStatus
from counter_app.domain.problems import ProblemType
from province_api import changes, idempotency
from province_api import openapi_docs as docs
from province_api.approvals import ApprovalIn, consume
from province_api.auth import StaffContext, current_staff, get_db, in_hall
from province_api.errors import Problem
from province_api.models import Payment, Shift, Staff
from province_api.types import MAX_FEN, ClientTime, Fen, Id, Line, PathId
from province_api.versions import BodyVersion, body_version

router = APIRouter(prefix="/shifts", tags=["shifts"])
P = ProblemType
VARIANCE_APPROVAL_FEN = 1000  # above ¥10 either way, a supervisor approves the close
MAX_FLOAT_FEN = 10_000_00
# A till count: {denomination in fen: notes or coins}, a few denominations, bounded counts.
Denominations = Annotated[
    dict[
        Annotated[str, Field(pattern=r"^[0-9]{1,6}$")],
        Annotated[StrictInt, Field(ge=0, le=1_000_000)],
    ],
    Field(max_length=30),
]


def shift_json(s: Shift) -> dict[str, Any]:
    return changes.object_json(s)


def _denominations(raw: dict[str, int], field: str) -> tuple[dict[int, int], int]:
    try:
        counts = {int(k): v for k, v in raw.items()}
        return counts, money.count_total(counts)
    except (ValueError, TypeError) as exc:
        raise Problem(
            422,
            "Count each denomination as a whole number of notes or coins.",
            type_=ProblemType.INVALID_INPUT,
            errors=[{"field": field, "message": str(exc)}],
        ) from exc


class ShiftOpen(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Id
    opening_float_fen: StrictInt = Field(ge=0, le=MAX_FLOAT_FEN)
    float_denominations: Denominations = Field(default_factory=dict)
    opened_at: ClientTime


@router.post(
    "",
    status_code=201,
    responses=docs.answers(
        docs.merged(docs.VERSIONED, {409: (P.SHIFT_OPEN, P.DUPLICATE_ID)}),
        keyed=201,
        notes={
            409: "`shift-open`: the clerk has an open shift already (close it first); "
            "`duplicate-id`: a shift with this id exists.",
            422: "`opened_at` without its UTC offset (API 2) or too far from the province's "
            "clock (the policy's `client_date_window_days`), or a float that does not add "
            "up to its notes and coins.",
        },
    ),
    openapi_extra=docs.IDEMPOTENT,
)
def open_shift(
    body: ShiftOpen,
    idempotency_key: str | None = Header(None, include_in_schema=False),
    staff: StaffContext = Depends(current_staff),
    version: BodyVersion = Depends(body_version),
    db: Session = Depends(get_db),
) -> JSONResponse:
    body.opened_at = version.time(body.opened_at, "opened_at")  # API 1: maybe no offset

    def work() -> tuple[int, Any]:
        counts, total = _denominations(body.float_denominations, "float_denominations")
        if total != body.opening_float_fen:
            raise Problem(
                422,
                "The float does not add up to its notes and coins.",
                type_=ProblemType.INVALID_INPUT,
                errors=[{"field": "opening_float_fen", "message": "Does not add up."}],
            )
        db.get(Staff, staff.staff_id, with_for_update=True)  # one open at a time per clerk
        already = db.scalar(
            select(Shift).where(Shift.staff_id == staff.staff_id, Shift.status == ShiftStatus.OPEN)
        )
        if already is not None:
            raise Problem(
                409, "You already have an open shift; close it first.", type_=ProblemType.SHIFT_OPEN
            )
        if db.get(Shift, body.id) is not None:
            raise Problem(409, "A shift with this id exists.", type_=ProblemType.DUPLICATE_ID)
        shift = Shift(
            id=body.id,
            hall_id=staff.hall_id,
            counter_id=staff.counter_id,
            staff_id=staff.staff_id,
            status=ShiftStatus.OPEN,
            opened_at=body.opened_at,
            opening_float_fen=total,
            float_denominations={str(k): v for k, v in counts.items()},
        )
        db.add(shift)
        changes.record_objects(db, "shift", [shift])
        return 201, shift_json(shift)

    return idempotency.run(
        db, staff, idempotency_key, "POST /shifts", body.model_dump(mode="json"), work
    )


class ShiftClose(BaseModel):
    model_config = ConfigDict(extra="forbid")
    closed_at: ClientTime
    counted_denominations: Denominations
    counted_fen: StrictInt = Field(ge=0, le=MAX_FEN)
    expected_fen: Fen
    note: Line = Field("", max_length=500)
    approval: ApprovalIn | None = None
    # Entries of the shift still waiting at the counter when a supervisor let it close (an
    # outage): they arrive before this close, and what the counter could not know is noted.
    pending_upload: StrictInt = Field(0, ge=0, le=100_000)
    pending_approval: ApprovalIn | None = None  # the supervisor who let it close so


def expected_cash(db: Session, shift: Shift) -> tuple[int, int, int]:
    """(expected, cash in, cash out): the float plus cash taken less cash handed back."""
    cash_in = (
        db.scalar(
            select(func.coalesce(func.sum(Payment.amount_fen), 0)).where(
                Payment.shift_id == shift.id,
                Payment.method == PaymentMethod.CASH,
                Payment.amount_fen > 0,
            )
        )
        or 0
    )
    cash_out = -(
        db.scalar(
            select(func.coalesce(func.sum(Payment.amount_fen), 0)).where(
                Payment.shift_id == shift.id,
                Payment.method == PaymentMethod.CASH,
                Payment.amount_fen < 0,
            )
        )
        or 0
    )
    return shift.opening_float_fen + int(cash_in) - int(cash_out), int(cash_in), int(cash_out)


@router.post(
    "/{shift_id}/close",
    responses=docs.answers(
        docs.merged(
            docs.VERSIONED,
            docs.APPROVED,
            {
                403: (P.NOT_YOUR_SHIFT,),
                404: (P.NOT_FOUND,),
                409: (P.SHIFT_CLOSED, P.EXPECTED_MISMATCH),
            },
        ),
        keyed=200,
        notes={
            403: "Only the clerk who opened a shift closes it.",
            409: "`shift-closed`: closed already; `expected-mismatch`: the province and the "
            "counter expect different cash (a payment missing on one side).",
            422: "`closed_at` without its offset or too far from the province's clock, a "
            "count that does not add up, or a variance over the limit without a note.",
            428: "A variance over the limit, or a close with entries still at the counter, "
            "needs a supervisor's approval.",
        },
    ),
    openapi_extra=docs.IDEMPOTENT,
)
def close_shift(
    shift_id: PathId,
    body: ShiftClose,
    idempotency_key: str | None = Header(None, include_in_schema=False),
    staff: StaffContext = Depends(current_staff),
    version: BodyVersion = Depends(body_version),
    db: Session = Depends(get_db),
) -> JSONResponse:
    body.closed_at = version.time(body.closed_at, "closed_at")  # API 1: maybe no offset

    def work() -> tuple[int, Any]:
        shift = in_hall(db, Shift, shift_id, staff, "shift", lock=True)
        if shift.staff_id != staff.staff_id:
            raise Problem(
                403,
                "Only the clerk who opened a shift closes it.",
                type_=ProblemType.NOT_YOUR_SHIFT,
            )
        if shift.status != ShiftStatus.OPEN:
            raise Problem(409, "This shift is already closed.", type_=ProblemType.SHIFT_CLOSED)
        counts, counted = _denominations(body.counted_denominations, "counted_denominations")
        if counted != body.counted_fen:
            raise Problem(
                422,
                "The count does not add up to its notes and coins.",
                type_=ProblemType.INVALID_INPUT,
                errors=[{"field": "counted_fen", "message": "Does not add up."}],
            )
        expected, _, _ = expected_cash(db, shift)
        reconciled = ""
        if expected != body.expected_fen:
            if not body.pending_upload:
                raise Problem(
                    409,
                    f"The province expects {money.format_yuan(expected)} in the "
                    f"drawer, the counter {money.format_yuan(body.expected_fen)}: "
                    "a payment is missing on one side.",
                    type_=ProblemType.EXPECTED_MISMATCH,
                )
            # Closed during an outage: an entry the province refused meanwhile is why. Only
            # with the approval of the supervisor who let it close so.
            consume(db, staff, body.pending_approval, "pending_close", shift.id, body.closed_at)
            reconciled = (
                f" [closed pending upload: the counter expected "
                f"{money.format_yuan(body.expected_fen)}, the province "
                f"{money.format_yuan(expected)}]"
            )
        variance = counted - expected
        # What the supervisor at the counter saw decides whether an approval was needed.
        seen = counted - body.expected_fen if body.pending_upload else variance
        if abs(seen) > VARIANCE_APPROVAL_FEN:
            if not body.note.strip():
                raise Problem(
                    422,
                    "Explain the variance in a note.",
                    type_=ProblemType.INVALID_INPUT,
                    errors=[{"field": "note", "message": "Required."}],
                )
            shift.approved_by = consume(
                db, staff, body.approval, "shift_variance", shift.id, body.closed_at, seen
            )
        shift.status = ShiftStatus.CLOSED
        shift.closed_at = body.closed_at
        shift.counted_fen = counted
        shift.counted_denominations = {str(k): v for k, v in counts.items()}
        shift.expected_fen = expected
        shift.variance_fen = variance
        shift.note = (body.note.strip() + reconciled).strip() or None
        shift.version += 1
        changes.record_objects(db, "shift", [shift])
        return 200, shift_json(shift)

    return idempotency.run(
        db,
        staff,
        idempotency_key,
        f"POST /shifts/{shift_id}/close",
        body.model_dump(mode="json"),
        work,
    )


@router.get("/{shift_id}", responses=docs.answers({404: (P.NOT_FOUND,)}))
def get_shift(
    shift_id: PathId,
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> dict[str, Any]:
    shift = in_hall(db, Shift, shift_id, staff, "shift")
    out = shift_json(shift)
    out["expected_fen_now"], out["cash_in_fen"], out["cash_out_fen"] = expected_cash(db, shift)
    return out
