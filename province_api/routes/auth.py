from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request
from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema
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
from counter_app.domain.passwords import (
    check_password,
    hash_password,
    make_offline_secrets,
    verifier_is_current,
)
from counter_app.domain.problems import ProblemType
from counter_app.domain.validators import ValidationError
from province_api import audit, changes, password_rules, sign_in_guard
from province_api import openapi_docs as docs
from province_api.approvals import APPROVAL_LIFETIME
from province_api.audit import AuditAction
from province_api.auth import StaffContext, current_staff, get_db, issue_token, token_hash
from province_api.db import READ_ONLY
from province_api.errors import Problem
from province_api.models import Approval, Hall, Payment, Staff
from province_api.models import Session as AuthSession
from province_api.types import NO_NUL

router = APIRouter(prefix="/auth", tags=["auth"])
P = ProblemType
# A wrong password counts against the staff number and the address (sign_in_guard): 429.
_THROTTLED = {429: (P.TOO_MANY_TRIES, P.LOCKED_OUT)}
LOGIN_ANSWERS = docs.answers(
    {
        401: (P.BAD_CREDENTIALS,),
        403: (P.WRONG_HALL,),
        422: (P.UNKNOWN_HALL,),
        426: (P.CLIENT_TOO_OLD,),
        **_THROTTLED,
    },
    signed_in=False,
    body=True,
    notes={
        401: "The staff number or the password is wrong (or the staff member is disabled).",
        403: "The staff member works in another hall.",
        422: "`unknown-hall`: there is no hall with this code.",
    },
)
APPROVAL_ANSWERS = docs.answers(
    {401: (P.BAD_CREDENTIALS,), 403: (P.NOT_SUPERVISOR, P.SELF_APPROVAL), **_THROTTLED},
    body=True,
    notes={
        401: "`bad-credentials`: the supervisor's staff number or password is wrong.",
        403: "Not a supervisor of the clerk's hall, or the clerk approving their own action.",
    },
)
SIGNED_IN_ANSWERS = docs.answers()
# Checked against when the staff number is unknown, so both failures take as long.
_DUMMY_HASH = hash_password("not a password")


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    staff_no: str = Field(min_length=1, max_length=32, json_schema_extra=NO_NUL)
    password: str = Field(min_length=1, max_length=128, json_schema_extra=NO_NUL)
    hall_code: str = Field(min_length=1, max_length=16, json_schema_extra=NO_NUL)
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


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _with_password(
    db: Session,
    request: Request,
    staff_no: str,
    password: str,
    action: str,
    counter_id: str | None = None,
) -> Staff | None:
    """The active staff member whose password this is, else None (the failure counted and
    audited). A staff number or address with too many failures is refused (429) before any
    hash. The slow hash is computed outside any transaction, and the staff member is read
    again after it, in case they were disabled meanwhile."""
    address = _address(request)
    db.rollback()  # end what the token check began: the look-up below only reads
    db.connection(execution_options={READ_ONLY: True})
    sign_in_guard.check(db, staff_no, address)
    found = db.execute(
        select(Staff.id, Staff.password_hash, Staff.active).where(
            Staff.staff_no == staff_no.strip().upper()
        )
    ).first()
    db.rollback()
    right = check_password(password, found.password_hash if found else _DUMMY_HASH)
    staff = db.get(Staff, found.id) if found is not None else None
    if not right or staff is None or not staff.active:
        sign_in_guard.failed(db, staff_no, address, staff, action, counter_id)
        return None
    sign_in_guard.succeeded(db, staff_no)
    return staff


def _renew_offline_secrets(db: Session, staff: Staff, password: str) -> None:
    """Remake a verifier of an older scheme or cost while the password is in hand (about
    0.7 s, once). A supervisor whose password would not pass today's rules gets none: they
    approve online only until they choose a better password."""
    if verifier_is_current(staff.offline_verifier):
        return
    try:
        password_rules.check(password, staff.role, staff.staff_no, staff.name)
    except ValidationError:
        fresh = None
    else:
        fresh = make_offline_secrets(password)
    staff.offline_verifier = fresh.verifier if fresh else ""
    staff.approval_salt = fresh.salt if fresh else ""
    staff.approval_key = fresh.approval_key if fresh else ""
    staff.version += 1
    changes.record_objects(db, "staff", [staff])


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


@router.post("/login", response_model=LoginResponse, responses=LOGIN_ANSWERS)
def login(
    body: LoginRequest,
    request: Request,
    counter_version: Annotated[
        str | None,
        WithJsonSchema({"type": "string"}),  # text or absent (not `null`)
        Header(
            alias=CLIENT_VERSION_HEADER,
            description="The counter's software version (`0.4.1`; none is taken as "
            f"{UNNAMED_CLIENT_VERSION}); one older than the province's minimum is 426 "
            "`client-too-old`.",
        ),
    ] = None,
    db: Session = Depends(get_db),
) -> LoginResponse:
    client_version = _client_version(request, counter_version)
    staff = _with_password(
        db, request, body.staff_no, body.password, AuditAction.SIGN_IN_FAILED, body.counter_id
    )
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
    _renew_offline_secrets(db, staff, body.password)
    token, expires = issue_token(db, staff, body.counter_id, client_version)
    audit.record(
        db,
        AuditAction.SIGN_IN,
        hall_id=hall.id,
        staff_id=staff.id,
        counter_id=body.counter_id,
        detail={"client_version": client_version, "address": _address(request)},
    )
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
    model_config = ConfigDict(extra="forbid")
    staff_no: str = Field(min_length=1, max_length=32, json_schema_extra=NO_NUL)
    password: str = Field(min_length=1, max_length=128, json_schema_extra=NO_NUL)
    action: ApprovalAction
    target_id: str = Field(min_length=1, max_length=36, json_schema_extra=NO_NUL)


class ApprovalOut(BaseModel):
    id: str
    token: str
    expires_at: str
    supervisor: StaffOut


@router.post("/approvals", response_model=ApprovalOut, status_code=201, responses=APPROVAL_ANSWERS)
def approve(
    body: ApprovalRequest,
    request: Request,
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> ApprovalOut:
    """A supervisor approves one action on the clerk's screen with their own password."""
    supervisor = _with_password(
        db, request, body.staff_no, body.password, AuditAction.APPROVAL_FAILED, staff.counter_id
    )
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


@router.get("/me", response_model=StaffOut, responses=SIGNED_IN_ANSWERS)
def me(staff: StaffContext = Depends(current_staff)) -> StaffOut:
    return StaffOut(
        id=staff.staff_id,
        staff_no=staff.staff_no,
        name=staff.name,
        role=staff.role,
        hall_code=staff.hall_code,
    )


@router.post("/logout", status_code=204, responses=SIGNED_IN_ANSWERS)
def logout(staff: StaffContext = Depends(current_staff), db: Session = Depends(get_db)) -> None:
    """Sign out: this token stops working at once, at every worker of the province."""
    row = db.get(AuthSession, staff.token_hash, with_for_update=True)
    if row is not None and row.revoked_at is None:
        row.revoked_at = datetime.now(UTC)
        audit.record(
            db,
            AuditAction.SIGN_OUT,
            hall_id=staff.hall_id,
            staff_id=staff.staff_id,
            counter_id=staff.counter_id,
        )
    db.commit()
