from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from counter_app.domain import registration, validators
from counter_app.domain.kinds import VipLevel
from counter_app.domain.problems import ProblemType
from province_api import audit, changes, idempotency
from province_api import openapi_docs as docs
from province_api.audit import AuditAction
from province_api.auth import StaffContext, current_staff, get_db
from province_api.errors import Problem, field_problem
from province_api.models import Account, Customer, Subscription
from province_api.names import pinyin_initials
from province_api.types import LINE_PATTERN, MAX_OFFSET, NO_NUL, Id, Line, PathId, text_fault

router = APIRouter(prefix="/customers", tags=["customers"])
P = ProblemType
_TEXT = {"pattern": LINE_PATTERN}  # checked by the route, which names the fault
_TOTAL = {
    "X-Total-Count": {
        "description": "How many customers match, over all pages.",
        "required": True,
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    }
}
_NOT_FOUND = {404: (P.NOT_FOUND,)}


def customer_json(c: Customer) -> dict[str, Any]:
    return changes.object_json(c)


def _prefix_range(column: Any, prefix: str) -> Any:
    """`column LIKE 'p%'` as an index-friendly range (its end never a surrogate, which
    PostgreSQL cannot take; `prefix` ends in no non-character, so U+10FFFF is never passed)."""
    after = ord(prefix[-1]) + 1
    after = 0xE000 if 0xD800 <= after <= 0xDFFF else after
    return (column >= prefix) & (column < prefix[:-1] + chr(after))


@router.get(
    "",
    responses=docs.answers(
        notes={
            422: "Nothing to search by, a phone number of fewer than 3 digits, or an ID "
            "number that is none (18 characters, its checksum, birth date and region)."
        },
        success={200: {"headers": _TOTAL}},
    ),
)
def search_customers(
    response: Response,
    q: str | None = Query(None, max_length=50, json_schema_extra=_TEXT),
    phone: str | None = Query(None, max_length=20, json_schema_extra=_TEXT),
    id_number: str | None = Query(None, max_length=32, json_schema_extra=_TEXT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(20, ge=1, le=100),
    _staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> list[dict[str, Any]]:
    """Search the whole province: name or pinyin-initials prefix, phone, ID number."""
    for name, value in (("q", q), ("phone", phone), ("id_number", id_number)):
        fault = text_fault(value or "")
        if fault:
            raise field_problem(422, name, fault)
    conds = []
    if q and q.strip():
        text = q.strip()
        conds.append(
            or_(
                _prefix_range(Customer.name, text),
                _prefix_range(Customer.name_initials, text.lower()),
            )
        )
    if phone and phone.strip():
        digits = "".join(ch for ch in phone if ch.isascii() and ch.isdigit())
        if len(digits) < 3:
            raise Problem(
                422,
                "Give at least 3 digits of the phone number.",
                type_=ProblemType.INVALID_INPUT,
                errors=[{"field": "phone", "message": "At least 3 digits."}],
            )
        by_line = select(Subscription.customer_id).where(_prefix_range(Subscription.msisdn, digits))
        conds.append(or_(Customer.id.in_(by_line), _prefix_range(Customer.contact_phone, digits)))
    if id_number and id_number.strip():
        conds.append(Customer.id_number == validators.validate_resident_id(id_number))
    if not conds:
        raise Problem(
            422,
            "Give a name, a phone number or an ID number to search by.",
            type_=ProblemType.INVALID_INPUT,
            errors=[{"field": "q", "message": "Nothing to search by."}],
        )
    where = conds[0]
    for cond in conds[1:]:
        where = where & cond
    total = db.scalar(select(func.count()).select_from(Customer).where(where)) or 0
    rows = db.scalars(
        select(Customer)
        .where(where)
        .order_by(Customer.name, Customer.id)
        .offset(offset)
        .limit(limit)
    )
    response.headers["X-Total-Count"] = str(total)
    return [customer_json(c) for c in rows]


def _load(db: Session, customer_id: str) -> Customer:
    customer = db.get(Customer, customer_id)
    if customer is None:
        raise Problem(404, "There is no customer with this id.", type_=ProblemType.NOT_FOUND)
    return customer


@router.get(
    "/{customer_id}",
    responses=docs.answers(_NOT_FOUND, success={200: {"headers": docs.ETAG}}),
)
def get_customer(
    customer_id: PathId,
    request: Request,
    response: Response,
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> dict[str, Any]:
    """A customer in full; looked at by a clerk of another hall than theirs, it is audited."""
    customer = _load(db, customer_id)
    if customer.home_hall_id != staff.hall_id:
        with request.app.state.sessionmaker() as writing:  # this request only reads
            audit.record(
                writing,
                AuditAction.CUSTOMER_VIEWED_ELSEWHERE,
                hall_id=staff.hall_id,
                staff_id=staff.staff_id,
                counter_id=staff.counter_id,
                target=customer.id,
                detail={"home_hall_id": customer.home_hall_id},
            )
            writing.commit()
    out = customer_json(customer)
    out["accounts"] = [
        changes.object_json(a)
        for a in db.scalars(select(Account).where(Account.customer_id == customer.id))
    ]
    out["subscriptions"] = [
        changes.object_json(s)
        for s in db.scalars(select(Subscription).where(Subscription.customer_id == customer.id))
    ]
    response.headers["ETag"] = str(customer.version)
    return out


class CustomerIn(BaseModel):
    """A registration as the counter sends it; counter_app.domain.registration checks it."""

    model_config = ConfigDict(extra="forbid")
    id: Id
    customer_type: Literal["individual", "enterprise"] = "individual"
    name: Line = Field(max_length=100)
    id_number: Line = Field(max_length=32)
    contact_phone: Line = Field(max_length=20)
    address: Line = Field(max_length=200)
    gender: Line | None = Field(None, max_length=1)
    birth_date: Line | None = Field(None, max_length=10)
    contact_name: Line | None = Field(None, max_length=50)
    contact_id_number: Line | None = Field(None, max_length=32)
    photo: str | None = Field(
        None, max_length=registration.MAX_PHOTO_CHARS, json_schema_extra=NO_NUL
    )


def _new_customer_no(db: Session) -> str:
    while True:
        number = f"C{secrets.randbelow(10**10):010d}"
        if db.scalar(select(Customer.id).where(Customer.customer_no == number)) is None:
            return number


@router.post(
    "",
    status_code=201,
    responses=docs.answers(
        {409: (P.DUPLICATE_ID, P.DUPLICATE_CUSTOMER)},
        keyed=201,
        notes={
            409: "`duplicate-id`: a customer with this id exists; `duplicate-customer`: "
            "this ID number is registered already (find the customer instead).",
            422: "The registration's rules (counter_app/domain/registration.py): the ID "
            "number and its checksum, the name, the mobile number, the gender and birth "
            "date the ID says, the photo's size.",
        },
    ),
    openapi_extra=docs.IDEMPOTENT,
)
def register_customer(
    body: CustomerIn,
    idempotency_key: str | None = Header(None, include_in_schema=False),
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> JSONResponse:
    """Register a customer on their ID (real-name, 实名制): one customer per ID number."""

    def work() -> tuple[int, Any]:
        reg = registration.check(body.model_dump())
        if db.get(Customer, reg.id) is not None:
            raise Problem(409, "A customer with this id exists.", type_=ProblemType.DUPLICATE_ID)
        if db.scalar(select(Customer.id).where(Customer.id_number == reg.id_number)):
            raise field_problem(
                409,
                "id_number",
                "This ID is already registered; find the customer instead.",
                ProblemType.DUPLICATE_CUSTOMER,
            )
        now = datetime.now(UTC)
        customer = Customer(
            id=reg.id,
            customer_no=_new_customer_no(db),
            name=reg.name,
            name_initials=pinyin_initials(reg.name),
            customer_type=reg.customer_type,
            id_type=reg.id_type,
            id_number=reg.id_number,
            gender=reg.gender or "",
            birth_date=date.fromisoformat(reg.birth_date) if reg.birth_date else None,
            contact_phone=reg.contact_phone,
            address=reg.address,
            vip_level="none",
            home_hall_id=staff.hall_id,
            contact_name=reg.contact_name,
            contact_id_number=reg.contact_id_number,
            photo=reg.photo,
            created_at=now,
            updated_at=now,
            version=1,
        )
        db.add(customer)
        db.flush()
        changes.record_objects(db, "customer", [customer])
        return 201, customer_json(customer)

    return idempotency.run(
        db, staff, idempotency_key, "POST /customers", body.model_dump(mode="json"), work
    )


class CustomerPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Line | None = Field(None, max_length=50)
    contact_phone: Line | None = Field(None, max_length=20)
    address: Line | None = Field(None, max_length=200)
    vip_level: VipLevel | None = None


@router.patch(
    "/{customer_id}",
    responses=docs.answers(
        {
            400: (P.IF_MATCH_REQUIRED,),
            403: (P.FORBIDDEN,),
            409: (P.STALE_VERSION,),
            **_NOT_FOUND,
        },
        body=True,
        notes={
            400: "`if-match-required`: send If-Match with the version edited.",
            403: "Only a supervisor may change the VIP level.",
            409: "`stale-version`: someone changed the customer meanwhile; reload.",
        },
        success={200: {"headers": docs.ETAG}},
    ),
    openapi_extra=docs.IF_MATCH,
)
def patch_customer(
    customer_id: PathId,
    body: CustomerPatch,
    response: Response,
    if_match: str | None = Header(None, include_in_schema=False),
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> dict[str, Any]:
    """Edit a customer; `If-Match` must carry the version the editor saw."""
    seen = (if_match or "").strip('" W/')
    if not (seen.isascii() and seen.isdigit() and len(seen) <= 18):  # int() takes no "²"
        raise Problem(
            400,
            "Send If-Match with the customer's version.",
            type_=ProblemType.IF_MATCH_REQUIRED,
            errors=[{"field": "If-Match", "message": "Required: the version edited."}],
        )
    customer = _load(db, customer_id)
    if int(seen) != customer.version:
        raise Problem(
            409,
            "Someone changed this customer meanwhile; reload and try again.",
            type_=ProblemType.STALE_VERSION,
        )
    if body.vip_level is not None and staff.role not in ("supervisor", "admin"):
        raise Problem(
            403, "Only a supervisor may change the VIP level.", type_=ProblemType.FORBIDDEN
        )
    if body.name is not None:
        customer.name = validators.validate_name(body.name)
        customer.name_initials = pinyin_initials(customer.name)
    if body.contact_phone is not None:
        customer.contact_phone = validators.validate_mobile(body.contact_phone, "contact_phone")
    if body.address is not None:
        customer.address = body.address.strip() or None
    if body.vip_level is not None:
        customer.vip_level = body.vip_level
    customer.version += 1
    customer.updated_at = datetime.now(UTC)
    changes.record_objects(db, "customer", [customer])
    audit.record(  # which fields, not their values: the log holds no personal data
        db,
        AuditAction.CONTACT_CHANGED,
        hall_id=staff.hall_id,
        staff_id=staff.staff_id,
        counter_id=staff.counter_id,
        target=customer.id,
        detail={
            "fields": sorted(body.model_dump(exclude_none=True)),
            "home_hall_id": customer.home_hall_id,
            "version": customer.version,
        },
    )
    db.commit()
    response.headers["ETag"] = str(customer.version)
    return customer_json(customer)
