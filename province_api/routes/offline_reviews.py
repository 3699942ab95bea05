"""The hall manager's list of approvals given offline: every one the province received,
accepted (within the cap, a right proof) or refused (a wrong proof is a forgery attempt),
until a supervisor other than the one who approved marks it reviewed."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.kinds import SUPERVISOR_ROLES
from counter_app.domain.problems import ProblemType
from province_api import audit
from province_api import openapi_docs as docs
from province_api.audit import AuditAction
from province_api.auth import StaffContext, current_staff, get_db, in_hall
from province_api.errors import Problem
from province_api.models import OfflineApproval
from province_api.types import Line, PathId

router = APIRouter(prefix="/approvals/offline", tags=["approvals"])


class OfflineApprovalOut(BaseModel):
    id: str
    supervisor_staff_no: str
    clerk_id: str
    counter_id: str
    action: str
    target_id: str
    amount_fen: int | None
    asked_at: str | None
    received_at: str
    outcome: str
    reason: str
    reviewed_by: str | None
    reviewed_at: str | None
    review_note: str

    @classmethod
    def of(cls, row: OfflineApproval) -> OfflineApprovalOut:
        return cls(
            id=row.id,
            supervisor_staff_no=row.supervisor_staff_no,
            clerk_id=row.clerk_id,
            counter_id=row.counter_id,
            action=row.action,
            target_id=row.target_id,
            amount_fen=row.amount_fen,
            asked_at=row.asked_at.isoformat() if row.asked_at else None,
            received_at=row.received_at.isoformat(),
            outcome=row.outcome,
            reason=row.reason,
            reviewed_by=row.reviewed_by,
            reviewed_at=row.reviewed_at.isoformat() if row.reviewed_at else None,
            review_note=row.review_note,
        )


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: Line = Field("", max_length=200)


def _manager(staff: StaffContext) -> None:
    if staff.role not in SUPERVISOR_ROLES:
        raise Problem(
            403, "Only a supervisor reviews offline approvals.", type_=ProblemType.NOT_SUPERVISOR
        )


@router.get(
    "",
    response_model=list[OfflineApprovalOut],
    responses=docs.answers(
        {403: (ProblemType.NOT_SUPERVISOR,)}, notes={403: "Only a supervisor reviews."}
    ),
)
def listing(
    reviewed: bool = Query(False, description="true: the ones already reviewed"),
    limit: int = Query(100, ge=1, le=500),
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> list[OfflineApprovalOut]:
    _manager(staff)
    done = OfflineApproval.reviewed_at.is_not(None)
    rows = db.scalars(
        select(OfflineApproval)
        .where(OfflineApproval.hall_id == staff.hall_id, done if reviewed else ~done)
        .order_by(OfflineApproval.received_at.desc())
        .limit(limit)
    )
    return [OfflineApprovalOut.of(row) for row in rows]


@router.post(
    "/{review_id}/review",
    response_model=OfflineApprovalOut,
    responses=docs.answers(
        {
            403: (ProblemType.NOT_SUPERVISOR, ProblemType.SELF_APPROVAL),
            404: (ProblemType.NOT_FOUND,),
        },
        body=True,
        notes={403: "A supervisor other than the one who approved."},
    ),
)
def review(
    body: ReviewIn,
    review_id: PathId,
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> OfflineApprovalOut:
    _manager(staff)
    row = in_hall(db, OfflineApproval, review_id, staff, "offline approval", lock=True)
    if row.supervisor_staff_no == staff.staff_no:
        raise Problem(
            403,
            "Another supervisor reviews the approvals you gave.",
            type_=ProblemType.SELF_APPROVAL,
        )
    if row.reviewed_at is None:
        row.reviewed_at = datetime.now(UTC)
        row.reviewed_by = staff.staff_id
        row.review_note = body.note.strip()
        audit.record(
            db,
            AuditAction.OFFLINE_APPROVAL_REVIEWED,
            hall_id=staff.hall_id,
            staff_id=staff.staff_id,
            counter_id=staff.counter_id,
            target=row.id,
            detail={"note": row.review_note},
        )
    db.commit()
    return OfflineApprovalOut.of(row)
