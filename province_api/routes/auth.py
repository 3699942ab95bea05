from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Depends, Header, Request
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.api_versions import (
    API_VERSION,
    CLIENT_VERSION_HEADER,
    OLDEST_API_VERSION,
    UNNAMED_CLIENT_VERSION,
    version_key,
)
from counter_app.domain.kinds import SUPERVISOR_ROLES, ApprovalAction
from counter_app.domain.passwords import check_password, hash_password
from counter_app.domain.problems import ProblemType
from province_api.auth import StaffContext, current_staff, get_db, issue_token, token_hash
from province_api.db import READ_ONLY
from province_api.errors import Problem
from province_api.models import Approval, Hall, Payment, Staff

router = APIRouter(prefix="/auth", tags=["auth"])
# Checked against when the staff number is unknown, so both failures take as long.
_DUMMY_HASH = hash_password("not a password")
APPROVAL_LIFETIME = timedelta(minutes=10)


class LoginRequest(BaseModel):
    staff_no: str = Field(min_length=1, max_length=32)
    password: str = Field(min_length=1, max_length=128)
    hall_code: str = Field(min_length=1, max_length=16)
    counter_id: str = Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")


class StaffOut(BaseModel):
    id: str
    staff_no: str
    name: str
    role: str
    hall_code: str
    hall_name: str = ""

    @classmethod
    def of(cls, staff: Staff, hall_code: str, hall_name: str = "") -> StaffOut:
        return cls(
            id=staff.id,
            staff_no=staff.staff_no,
            name=staff.name,
            role=staff.role,
            hall_code=hall_code,
            hall_name=hall_name,
        )


class LoginResponse(BaseModel):
    token: str
    expires_at: str
    staff: StaffOut
    offline_verifier: str
    # The highest receipt sequence the province has from this hall-counter: a counter whose
    # cache was rebuilt numbers on from there rather than from 1.
    receipt_seq: int = 0
    # The halls' clock (IANA name): counters show every time in it, whatever their own zone.
    time_zone: str = "Asia/Shanghai"
    # What this province speaks and accepts (counter_app.domain.api_versions).
    api_version: int = API_VERSION
    oldest_api_version: int = OLDEST_API_VERSION
    min_client_version: str = UNNAMED_CLIENT_VERSION


def _with_password(db: Session, staff_no: str, password: str) -> Staff | None:
    """The active staff member whose password this is, else None. The slow hash is
    computed outside any transaction and a wrong password takes no write lock on SQLite
    (a flood of guesses holds up no one); the staff member is read again after the hash,
    in case they were disabled meanwhile."""
    db.rollback()  # end what the token check began: the look-up below only reads
    db.connection(execution_options={READ_ONLY: True})
    found = db.execute(
        select(Staff.id, Staff.password_hash, Staff.active).where(
            Staff.staff_no == staff_no.strip().upper()
        )
    ).first()
    db.rollback()
    if not check_password(password, found.password_hash if found else _DUMMY_HASH):
        return None
    if found is None or not found.active:
        return None
    staff = db.get(Staff, found.id)
    return staff if staff is not None and staff.active else None


def _client_version(request: Request, named: str | None) -> str:
    """The counter's version; a counter older than the province accepts is refused here,
    before anything else, with both versions named (its queued entries stay on it)."""
    version = (named or UNNAMED_CLIENT_VERSION).strip()[:32]
    minimum = request.app.state.min_client_version
    if version_key(version) < version_key(minimum):
        raise Problem(
            426,
            f"This counter runs Counter {version}; the province accepts {minimum} or newer. "
            "Update the counter's software; the entries waiting on it are kept.",
            type_=ProblemType.CLIENT_TOO_OLD,
            headers={"Upgrade": f"Counter/{minimum}"},
            extra={"client_version": version, "min_client_version": minimum},
        )
    return version


@router.post("/login", response_model=LoginResponse)
def login(
    body: LoginRequest,
    request: Request,
    counter_version: str | None = Header(None, alias=CLIENT_VERSION_HEADER),
    db: Session = Depends(get_db),
) -> LoginResponse:
    client_version = _client_version(request, counter_version)
    staff = _with_password(db, body.staff_no, body.password)
    if staff is None:
        raise Problem(
            401, "The staff number or the password is wrong.", type_=ProblemType.BAD_CREDENTIALS
        )
    hall = db.scalar(select(Hall).where(Hall.code == body.hall_code.strip().upper()))
    if hall is None:
        raise Problem(
            422,
            "There is no hall with this code.",
            type_=ProblemType.UNKNOWN_HALL,
            errors=[{"field": "hall_code", "message": "There is no hall with this code."}],
        )
    if staff.hall_id != hall.id:
        raise Problem(
            403,
            f"{staff.staff_no} does not work in hall {hall.code}.",
            type_=ProblemType.WRONG_HALL,
        )
    token, expires = issue_token(db, staff, body.counter_id, client_version)
    prefix = f"{hall.code}-{body.counter_id}-"
    last = db.scalar(
        select(Payment.receipt_no)
        .where(Payment.receipt_no >= prefix, Payment.receipt_no < prefix[:-1] + ".")
        .order_by(Payment.receipt_no.desc())
        .limit(1)
    )
    tail = (last or "")[len(prefix) :]
    db.commit()
    return LoginResponse(
        token=token,
        expires_at=expires.isoformat(),
        staff=StaffOut.of(staff, hall.code, hall.name),
        offline_verifier=staff.offline_verifier,
        receipt_seq=int(tail) if tail.isdigit() else 0,
        time_zone=request.app.state.time_zone,
        min_client_version=request.app.state.min_client_version,
    )


class ApprovalRequest(BaseModel):
    staff_no: str = Field(min_length=1, max_length=32)
    password: str = Field(min_length=1, max_length=128)
    action: ApprovalAction
    target_id: str = Field(min_length=1, max_length=36)


class ApprovalOut(BaseModel):
    id: str
    token: str
    expires_at: str
    supervisor: StaffOut


@router.post("/approvals", response_model=ApprovalOut, status_code=201)
def approve(
    body: ApprovalRequest,
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> ApprovalOut:
    """A supervisor approves one action on the clerk's screen with their own password."""
    supervisor = _with_password(db, body.staff_no, body.password)
    if supervisor is None:
        raise Problem(
            401,
            "The supervisor's staff number or password is wrong.",
            type_=ProblemType.BAD_CREDENTIALS,
        )
    if supervisor.role not in SUPERVISOR_ROLES or supervisor.hall_id != staff.hall_id:
        raise Problem(
            403, "Only a supervisor of this hall can approve.", type_=ProblemType.NOT_SUPERVISOR
        )
    if supervisor.id == staff.staff_id:
        raise Problem(
            403, "A supervisor cannot approve their own action.", type_=ProblemType.SELF_APPROVAL
        )
    token = secrets.token_urlsafe(24)
    expires = datetime.now(UTC) + APPROVAL_LIFETIME
    approval = Approval(
        token_hash=token_hash(token),
        supervisor_id=supervisor.id,
        hall_id=staff.hall_id,
        action=body.action,
        target_id=body.target_id,
        expires_at=expires,
    )
    db.add(approval)
    db.commit()
    return ApprovalOut(
        id=approval.id,
        token=token,
        expires_at=expires.isoformat(),
        supervisor=StaffOut.of(supervisor, staff.hall_code),
    )


@router.get("/me", response_model=StaffOut)
def me(staff: StaffContext = Depends(current_staff)) -> StaffOut:
    return StaffOut(
        id=staff.staff_id,
        staff_no=staff.staff_no,
        name=staff.name,
        role=staff.role,
        hall_code=staff.hall_code,
    )
