"""Checking a supervisor's approval attached to a request."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.kinds import SUPERVISOR_ROLES, ApprovalMethod
from counter_app.domain.passwords import check_approval_proof
from counter_app.domain.problems import ProblemType
from province_api.auth import StaffContext, token_hash
from province_api.errors import Problem
from province_api.models import Approval, Staff


class ApprovalIn(BaseModel):
    """Online: the id and token from POST /auth/approvals. Offline: the supervisor's staff
    number, whose password the counter checked against the offline verifier."""

    method: ApprovalMethod = ApprovalMethod.ONLINE
    id: str | None = Field(None, max_length=36)
    token: str | None = Field(None, max_length=100)
    supervisor_staff_no: str | None = Field(None, max_length=32)
    proof: str | None = Field(None, max_length=64)  # offline: HMAC with the approval key


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def consume(
    db: Session,
    staff: StaffContext,
    approval: ApprovalIn | None,
    action: str,
    target_id: str,
    asked_at: datetime | None = None,
) -> str:
    """The approving supervisor's id; 428 when there is no usable approval."""
    if approval is None:
        raise Problem(
            428, "A supervisor's approval is required.", type_=ProblemType.APPROVAL_REQUIRED
        )
    if approval.method == "offline":
        supervisor = db.scalar(
            select(Staff).where(Staff.staff_no == (approval.supervisor_staff_no or "").upper())
        )
        if (
            supervisor is None
            or supervisor.role not in SUPERVISOR_ROLES
            or supervisor.hall_id != staff.hall_id
            or supervisor.id == staff.staff_id
            or not supervisor.approval_key
            or not check_approval_proof(
                supervisor.approval_key, action, target_id, approval.proof or ""
            )
        ):
            raise Problem(
                428,
                "The approval is not from a supervisor of this hall.",
                type_=ProblemType.APPROVAL_INVALID,
            )
        return supervisor.id
    row = db.get(Approval, approval.id or "")
    now = datetime.now(UTC)
    if (
        row is None
        or row.token_hash != token_hash(approval.token or "")
        or row.action != action
        or row.target_id != target_id
        or row.hall_id != staff.hall_id
        or row.used_at is not None
        # Valid if the counter acted before it expired: a void queued behind an outage
        # arrives later than that, with the approval it was given.
        or _aware(row.expires_at) < min(now, _aware(asked_at) if asked_at else now)
    ):
        raise Problem(
            428,
            "The supervisor's approval is missing, used or expired.",
            type_=ProblemType.APPROVAL_INVALID,
        )
    row.used_at = now
    return row.supervisor_id
