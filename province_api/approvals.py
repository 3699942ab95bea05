"""Checking a supervisor's approval attached to a request.

Times are the province's: an online approval is good from when the province issued it to
when it expires. A request queued in a counter's outbox carries the time the counter says
it was asked (`asked_at`); that time is believed only within the policy's offline window
and never before the approval existed, so back-dating a request cannot revive an expired
approval. Offline approvals cover at most the policy's amount; each one the province sees,
accepted or refused, is kept for the hall manager to review (`OfflineApproval`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain import money
from counter_app.domain.kinds import SUPERVISOR_ROLES, ApprovalMethod
from counter_app.domain.passwords import check_approval_proof
from counter_app.domain.problems import ProblemType
from province_api import audit, policy
from province_api.auth import StaffContext, token_hash
from province_api.errors import Problem
from province_api.models import Approval, OfflineApproval, Staff
from province_api.types import NO_NUL

APPROVAL_LIFETIME = timedelta(minutes=10)
# A counter's clock may run this far ahead of the province's.
CLOCK_SKEW = timedelta(minutes=5)


class ApprovalIn(BaseModel):
    """Online: the id and token from POST /auth/approvals. Offline: the supervisor's staff
    number, whose password the counter checked against the offline verifier."""

    method: ApprovalMethod = ApprovalMethod.ONLINE
    id: str | None = Field(None, max_length=36, json_schema_extra=NO_NUL)
    token: str | None = Field(None, max_length=100, json_schema_extra=NO_NUL)
    supervisor_staff_no: str | None = Field(None, max_length=32, json_schema_extra=NO_NUL)
    # offline: HMAC with the approval key
    proof: str | None = Field(None, max_length=64, json_schema_extra=NO_NUL)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _refuse(detail: str, type_: ProblemType = ProblemType.APPROVAL_INVALID) -> Problem:
    return Problem(428, detail, type_=type_)


def _asked_at(db: Session, asked_at: datetime | None, now: datetime) -> datetime:
    """When the request was asked, as far as the province believes the counter."""
    if asked_at is None:
        return now
    asked = _aware(asked_at)
    window = timedelta(hours=policy.current(db).offline_window_hours)
    if asked > now + CLOCK_SKEW or asked < now - window:
        raise _refuse(
            "The request's time is outside what the province accepts "
            f"(at most {window.total_seconds() / 3600:.0f} hours waiting at the counter)."
        )
    return min(asked, now)


def consume(
    db: Session,
    staff: StaffContext,
    approval: ApprovalIn | None,
    action: str,
    target_id: str,
    asked_at: datetime | None = None,
    amount_fen: int | None = None,
) -> str:
    """The approving supervisor's id; 428 when there is no usable approval."""
    if approval is None:
        raise Problem(
            428, "A supervisor's approval is required.", type_=ProblemType.APPROVAL_REQUIRED
        )
    now = datetime.now(UTC)
    asked = _asked_at(db, asked_at, now)
    if approval.method == ApprovalMethod.OFFLINE:
        return _offline(db, staff, approval, action, target_id, asked, amount_fen, now)
    row = db.get(Approval, approval.id or "")
    if (
        row is None
        or row.token_hash != token_hash(approval.token or "")
        or row.action != action
        or row.target_id != target_id
        or row.hall_id != staff.hall_id
        or row.used_at is not None
        # Valid if the counter acted while it was valid: a void queued behind an outage
        # arrives later than that, with the approval it was given.
        or not _aware(row.expires_at) - APPROVAL_LIFETIME - CLOCK_SKEW
        <= asked
        <= _aware(row.expires_at)
    ):
        raise _refuse("The supervisor's approval is missing, used or expired.")
    row.used_at = now
    audit.record(
        db,
        audit.AuditAction.APPROVAL_GIVEN,
        hall_id=staff.hall_id,
        staff_id=row.supervisor_id,
        counter_id=staff.counter_id,
        target=target_id,
        detail={"action": action, "clerk_id": staff.staff_id, "approval_id": row.id},
    )
    return row.supervisor_id


def _offline(
    db: Session,
    staff: StaffContext,
    approval: ApprovalIn,
    action: str,
    target_id: str,
    asked: datetime,
    amount_fen: int | None,
    now: datetime,
) -> str:
    staff_no = (approval.supervisor_staff_no or "").strip().upper()
    supervisor = db.scalar(select(Staff).where(Staff.staff_no == staff_no))
    cap = policy.current(db).offline_approval_max_fen
    reason, problem = "", None
    if (
        supervisor is None
        or supervisor.role not in SUPERVISOR_ROLES
        or supervisor.hall_id != staff.hall_id
        or supervisor.id == staff.staff_id
        or not supervisor.active
        or not supervisor.approval_key
        or not check_approval_proof(
            supervisor.approval_key, action, target_id, approval.proof or ""
        )
    ):
        reason = "not a proof of a supervisor of this hall"
        problem = _refuse("The approval is not from a supervisor of this hall.")
    elif amount_fen is not None and abs(amount_fen) > cap:
        reason = f"over the offline cap of {cap} fen"
        problem = _refuse(
            f"An approval given offline covers at most {money.format_yuan(cap)}; "
            "this needs an approval while the link is up.",
            ProblemType.APPROVAL_OVER_OFFLINE_CAP,
        )
    review = OfflineApproval(
        hall_id=staff.hall_id,
        supervisor_staff_no=staff_no[:32],
        clerk_id=staff.staff_id,
        counter_id=staff.counter_id,
        action=action[:32],
        target_id=target_id[:36],
        amount_fen=amount_fen,
        asked_at=asked,
        received_at=now,
        outcome="refused" if reason else "accepted",
        reason=reason,
    )
    detail: dict[str, Any] = {
        "action": action,
        "clerk_id": staff.staff_id,
        "supervisor_staff_no": staff_no[:32],
        "amount_fen": amount_fen,
        "reason": reason,
    }
    event = partial(
        audit.record,
        db,
        hall_id=staff.hall_id,
        staff_id=supervisor.id if supervisor is not None else None,
        counter_id=staff.counter_id,
        target=target_id,
        detail=detail,
    )
    if problem is not None:
        # Kept although the request is refused: a forged proof is what the manager must see.
        db.rollback()
        db.add(review)
        event(audit.AuditAction.OFFLINE_APPROVAL_REFUSED)
        db.commit()
        raise problem
    assert supervisor is not None
    db.add(review)
    event(audit.AuditAction.OFFLINE_APPROVAL)
    return supervisor.id
