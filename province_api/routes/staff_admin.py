"""Looking after staff sign-ins: lifting a lock after too many wrong passwords (a supervisor
of the hall, or an administrator) and ending every session of a staff member (an
administrator: a lost laptop, someone who left)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel
from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from counter_app.domain.kinds import SUPERVISOR_ROLES, StaffRole
from counter_app.domain.problems import ProblemType
from province_api import audit, sign_in_guard
from province_api import openapi_docs as docs
from province_api.audit import AuditAction
from province_api.auth import StaffContext, current_staff, get_db
from province_api.errors import Problem
from province_api.models import Session as AuthSession
from province_api.models import Staff

router = APIRouter(prefix="/staff", tags=["staff"])
StaffNo = Path(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")


class LockOut(BaseModel):
    staff_no: str
    was_locked: bool


class RevokedOut(BaseModel):
    staff_no: str
    sessions_revoked: int


def _member(db: Session, staff_no: str) -> Staff:
    member = db.scalar(select(Staff).where(Staff.staff_no == staff_no.upper()))
    if member is None:
        raise Problem(404, "There is no such staff member.", type_=ProblemType.NOT_FOUND)
    return member


@router.post(
    "/{staff_no}/unlock",
    response_model=LockOut,
    responses=docs.answers(
        {403: (ProblemType.NOT_SUPERVISOR,), 404: (ProblemType.NOT_FOUND,)},
        notes={403: "A supervisor of the hall (not the locked person) or an administrator."},
    ),
)
def unlock(
    staff_no: str = StaffNo,
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> LockOut:
    member = _member(db, staff_no)
    allowed = staff.role == StaffRole.ADMIN or (
        staff.role in SUPERVISOR_ROLES and member.hall_id == staff.hall_id
    )
    if not allowed or member.id == staff.staff_id:
        raise Problem(
            403,
            "Only a supervisor of the hall (not the locked person) or an administrator can "
            "unlock a staff number.",
            type_=ProblemType.NOT_SUPERVISOR,
        )
    was_locked = sign_in_guard.lift(db, member.staff_no)
    if was_locked:
        audit.record(
            db,
            AuditAction.LOCK_LIFTED,
            hall_id=member.hall_id,
            staff_id=staff.staff_id,
            counter_id=staff.counter_id,
            target=member.id,
        )
    db.commit()
    return LockOut(staff_no=member.staff_no, was_locked=was_locked)


@router.post(
    "/{staff_no}/revoke-sessions",
    response_model=RevokedOut,
    responses=docs.answers(
        {403: (ProblemType.FORBIDDEN,), 404: (ProblemType.NOT_FOUND,)},
        notes={403: "Only an administrator."},
    ),
)
def revoke_sessions(
    staff_no: str = StaffNo,
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> RevokedOut:
    if staff.role != StaffRole.ADMIN:
        raise Problem(
            403, "Only an administrator can end someone's sessions.", type_=ProblemType.FORBIDDEN
        )
    member = _member(db, staff_no)
    now = datetime.now(UTC)
    result = db.execute(
        update(AuthSession)
        .where(AuthSession.staff_id == member.id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    ended = int(cast(CursorResult[Any], result).rowcount)
    audit.record(
        db,
        AuditAction.SESSIONS_REVOKED,
        hall_id=member.hall_id,
        staff_id=staff.staff_id,
        counter_id=staff.counter_id,
        target=member.id,
        detail={"sessions": ended},
    )
    db.commit()
    return RevokedOut(staff_no=member.staff_no, sessions_revoked=ended)
