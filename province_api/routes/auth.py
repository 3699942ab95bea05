from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.passwords import check_password, hash_password
from province_api.auth import StaffContext, current_staff, get_db, issue_token
from province_api.errors import Problem
from province_api.models import Hall, Staff

router = APIRouter(prefix="/auth", tags=["auth"])
# Checked against when the staff number is unknown, so both failures take as long.
_DUMMY_HASH = hash_password("not a password")


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


class LoginResponse(BaseModel):
    token: str
    expires_at: str
    staff: StaffOut
    offline_verifier: str


@router.post("/login", response_model=LoginResponse)
def login(body: LoginRequest, db: Session = Depends(get_db)) -> LoginResponse:
    staff = db.scalar(select(Staff).where(Staff.staff_no == body.staff_no.strip().upper()))
    if not check_password(body.password, staff.password_hash if staff else _DUMMY_HASH) or (
        staff is None or not staff.active
    ):
        raise Problem(401, "The staff number or the password is wrong.", type_="bad-credentials")
    hall = db.scalar(select(Hall).where(Hall.code == body.hall_code.strip().upper()))
    if hall is None:
        raise Problem(
            422, "There is no hall with this code.", type_="unknown-hall",
            errors=[{"field": "hall_code", "message": "There is no hall with this code."}],
        )
    if staff.hall_id != hall.id:
        raise Problem(403, f"{staff.staff_no} does not work in hall {hall.code}.",
                      type_="wrong-hall")
    token, expires = issue_token(db, staff, body.counter_id)
    db.commit()
    return LoginResponse(
        token=token,
        expires_at=expires.isoformat(),
        staff=StaffOut(id=staff.id, staff_no=staff.staff_no, name=staff.name, role=staff.role,
                       hall_code=hall.code),
        offline_verifier=staff.offline_verifier,
    )


@router.get("/me", response_model=StaffOut)
def me(staff: StaffContext = Depends(current_staff)) -> StaffOut:
    return StaffOut(id=staff.staff_id, staff_no=staff.staff_no, name=staff.name, role=staff.role,
                    hall_code=staff.hall_code)
