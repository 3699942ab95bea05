"""The province CMS tables (SQLAlchemy 2 ORM), the same on SQLite and PostgreSQL.

Every entity a hall may cache has a `version` that grows on each change; the change feed
(`Change`) points at the entity, and `ChangeCounter` hands out the feed's sequence numbers.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


def new_id() -> str:
    return str(uuid.uuid4())


UUID = String(36)


class Hall(Base):
    __tablename__ = "hall"
    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    city: Mapped[str] = mapped_column(String(50))
    version: Mapped[int] = mapped_column(Integer, default=1)


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    staff_no: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))  # clerk | supervisor | admin
    hall_id: Mapped[str] = mapped_column(ForeignKey("hall.id"))
    password_hash: Mapped[str] = mapped_column(String(255))
    offline_verifier: Mapped[str] = mapped_column(String(255))
    approval_salt: Mapped[str] = mapped_column(String(64), default="", server_default="")
    approval_key: Mapped[str] = mapped_column(  # never leaves the server
        String(64), default="", server_default=""
    )
    active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)


class Session(Base):
    """A signed-in staff member. Only the token's SHA-256 is stored."""

    __tablename__ = "auth_session"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), index=True)
    hall_id: Mapped[str] = mapped_column(ForeignKey("hall.id"))
    counter_id: Mapped[str] = mapped_column(String(32))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    client_version: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # Signed out, or revoked by an administrator: the token no longer works.
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Customer(Base):
    __tablename__ = "customer"
    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    customer_no: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    name_initials: Mapped[str] = mapped_column(String(20), index=True)
    customer_type: Mapped[str] = mapped_column(String(16), default="individual")
    id_type: Mapped[str] = mapped_column(String(16), default="resident_id")
    id_number: Mapped[str] = mapped_column(String(32), unique=True)  # one customer per ID
    gender: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    contact_phone: Mapped[str | None] = mapped_column(String(20), nullable=True, index=True)
    address: Mapped[str | None] = mapped_column(String(200), nullable=True)
    vip_level: Mapped[str] = mapped_column(String(16), default="none")
    home_hall_id: Mapped[str | None] = mapped_column(ForeignKey("hall.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)
    # An enterprise's contact person; the ID card's photo (base64 JPEG/PNG, never in the feed).
    contact_name: Mapped[str | None] = mapped_column(String(50), nullable=True)
    contact_id_number: Mapped[str | None] = mapped_column(String(32), nullable=True)
    photo: Mapped[str | None] = mapped_column(Text, nullable=True)


class Account(Base):
    __tablename__ = "account"
    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    account_no: Mapped[str] = mapped_column(String(20), unique=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customer.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # prepaid | postpaid
    balance_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    status: Mapped[str] = mapped_column(String(16), default="active")
    version: Mapped[int] = mapped_column(Integer, default=1)


class Offering(Base):
    """A plan, an add-on or a one-time fee in the catalog."""

    __tablename__ = "offering"
    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))  # plan | addon | fee
    price_fen: Mapped[int] = mapped_column(BigInteger)
    description: Mapped[str] = mapped_column(Text, default="")
    eligibility: Mapped[dict] = mapped_column(JSON, default=dict)
    active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)


class Subscription(Base):
    __tablename__ = "subscription"
    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    msisdn: Mapped[str] = mapped_column(String(20), index=True)
    iccid: Mapped[str] = mapped_column(String(20), index=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customer.id"), index=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"), index=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("offering.id"))
    addon_ids: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16))  # active | suspended | cancelled
    activated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    next_plan_id: Mapped[str | None] = mapped_column(UUID, nullable=True)  # from next_plan_from
    next_plan_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)


class Bill(Base):
    __tablename__ = "bill"
    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"), index=True)
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    paid_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    status: Mapped[str] = mapped_column(String(16))  # unpaid | partial | paid
    due_date: Mapped[date] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)


class Number(Base):
    """A mobile number in a hall's stock (assigned to no one else while it is there)."""

    __tablename__ = "number"
    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    msisdn: Mapped[str] = mapped_column(String(20), unique=True)
    hall_id: Mapped[str] = mapped_column(ForeignKey("hall.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))  # available | reserved | assigned
    level: Mapped[str] = mapped_column(String(16), default="normal")  # normal | premium
    prepay_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    held_by: Mapped[str | None] = mapped_column(String(32), nullable=True)  # counter id
    held_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)


class Sim(Base):
    __tablename__ = "sim"
    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    iccid: Mapped[str] = mapped_column(String(20), unique=True)
    hall_id: Mapped[str] = mapped_column(ForeignKey("hall.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))  # available | assigned | retired
    version: Mapped[int] = mapped_column(Integer, default=1)


class Change(Base):
    """The change feed: one row per entity, carrying the seq of its latest change.

    Older changes to the same entity are folded into the newest, so a full pull reads each
    entity once. `hall_id` NULL means every hall may cache the entity.
    """

    __tablename__ = "change"
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(UUID)
    op: Mapped[str] = mapped_column(String(8))  # upsert | delete
    version: Mapped[int] = mapped_column(Integer)
    hall_id: Mapped[str | None] = mapped_column(UUID, nullable=True)
    __table_args__ = (
        UniqueConstraint("entity", "entity_id", name="uq_change_entity"),
        Index("ix_change_hall_seq", "hall_id", "seq"),
    )


class ChangeCounter(Base):
    """One row; incrementing it locks it until commit, so seqs are handed out in commit order
    and a reader can never pass a lower seq that is still uncommitted."""

    __tablename__ = "change_counter"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class ProvinceInstance(Base):
    """One row: this database's random identity, made by its migration (revision 0006)."""

    __tablename__ = "province_instance"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class IdempotencyRecord(Base):
    """A key is the staff member's own: another clerk sending the same key makes a new one."""

    __tablename__ = "idempotency_record"
    staff_id: Mapped[str] = mapped_column(UUID, primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(String(200))
    body_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer)
    response: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class Shift(Base):
    """A clerk's cash shift at one counter: opened with a float, closed with a count."""

    __tablename__ = "shift"
    id: Mapped[str] = mapped_column(UUID, primary_key=True)
    hall_id: Mapped[str] = mapped_column(ForeignKey("hall.id"), index=True)
    counter_id: Mapped[str] = mapped_column(String(32))
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    status: Mapped[str] = mapped_column(String(16))  # open | closed
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    opening_float_fen: Mapped[int] = mapped_column(BigInteger)
    float_denominations: Mapped[dict] = mapped_column(JSON, default=dict)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    counted_fen: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    counted_denominations: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    expected_fen: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    variance_fen: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    approved_by: Mapped[str | None] = mapped_column(UUID, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)


class Payment(Base):
    """Money taken at a counter, or (amount < 0, `reverses_id` set) the reversal of a void.

    Nothing is ever deleted: a void adds a reversing entry and marks the original voided.
    """

    __tablename__ = "payment"
    id: Mapped[str] = mapped_column(UUID, primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # bill | topup | order_fee
    status: Mapped[str] = mapped_column(String(16))  # booked | voided | reversal
    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"), index=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customer.id"), index=True)
    subscription_id: Mapped[str | None] = mapped_column(UUID, nullable=True)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    method: Mapped[str] = mapped_column(String(8))  # cash | card | qr
    tendered_fen: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    change_fen: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    reference: Mapped[str | None] = mapped_column(String(64), nullable=True)
    allocations: Mapped[list] = mapped_column(JSON, default=list)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shift.id"), index=True)
    hall_id: Mapped[str] = mapped_column(ForeignKey("hall.id"), index=True)
    counter_id: Mapped[str] = mapped_column(String(32))
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    reverses_id: Mapped[str | None] = mapped_column(UUID, nullable=True)
    voided_by_id: Mapped[str | None] = mapped_column(UUID, nullable=True)
    approved_by: Mapped[str | None] = mapped_column(UUID, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    booked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)


class Approval(Base):
    """A supervisor's approval, given on the clerk's screen, for one action on one thing."""

    __tablename__ = "approval"
    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    token_hash: Mapped[str] = mapped_column(String(64))
    supervisor_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    hall_id: Mapped[str] = mapped_column(ForeignKey("hall.id"))
    action: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[str] = mapped_column(UUID)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ProductOrder(Base):
    """A service order (TMF622-shaped): what the clerk asked for, its state, and what running
    it changed (`undo`: the values it replaced, so a reversal can put them back)."""

    __tablename__ = "product_order"
    id: Mapped[str] = mapped_column(UUID, primary_key=True)
    order_no: Mapped[str] = mapped_column(String(40), unique=True)
    type: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(20))
    hall_id: Mapped[str] = mapped_column(ForeignKey("hall.id"), index=True)
    counter_id: Mapped[str] = mapped_column(String(32))
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    customer_id: Mapped[str] = mapped_column(ForeignKey("customer.id"), index=True)
    subscription_id: Mapped[str | None] = mapped_column(UUID, nullable=True)
    items: Mapped[dict] = mapped_column(JSON, default=dict)
    fees: Mapped[list] = mapped_column(JSON, default=list)
    deposit_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    due_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    payment_id: Mapped[str | None] = mapped_column(UUID, nullable=True)
    approval_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    approved_by: Mapped[str | None] = mapped_column(UUID, nullable=True)
    decision_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    undo: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __table_args__ = (Index("ix_product_order_hall_state", "hall_id", "state"),)


class PolicyRow(Base):
    """The province's rule values (counter_app.domain.policy), one row, in the feed."""

    __tablename__ = "policy"
    id: Mapped[str] = mapped_column(UUID, primary_key=True)
    rules: Mapped[dict] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)


# Entity name in the feed -> table, and the column that scopes it to one hall (None: all).
SYNC_ENTITIES: dict[str, tuple[type[Base], str | None]] = {
    "offering": (Offering, None),
    "staff": (Staff, "hall_id"),
    "customer": (Customer, None),
    "account": (Account, None),
    "subscription": (Subscription, None),
    "bill": (Bill, None),
    "number": (Number, "hall_id"),
    "sim": (Sim, "hall_id"),
    "shift": (Shift, "hall_id"),
    "payment": (Payment, "hall_id"),
    "product_order": (ProductOrder, "hall_id"),
    "policy": (PolicyRow, None),
}


class SignInGuard(Base):
    """Failed password checks of one staff number (`kind` staff) or from one address
    (`kind` address): the delay before the next try grows with each; a staff number is
    locked after the policy's count until a supervisor or an administrator lifts it."""

    __tablename__ = "sign_in_guard"
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    first_failure_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_failure_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    locked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class OfflineApproval(Base):
    """An approval a counter took offline (the supervisor's password checked against the
    verifier in its cache), as the province re-examined it on arrival: for the hall
    manager to review."""

    __tablename__ = "offline_approval"
    id: Mapped[str] = mapped_column(UUID, primary_key=True, default=new_id)
    hall_id: Mapped[str] = mapped_column(ForeignKey("hall.id"), index=True)
    supervisor_staff_no: Mapped[str] = mapped_column(String(32))
    clerk_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    counter_id: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[str] = mapped_column(String(36))
    amount_fen: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    asked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str] = mapped_column(String(16))  # accepted | refused
    reason: Mapped[str] = mapped_column(String(200), default="")
    reviewed_by: Mapped[str | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    review_note: Mapped[str] = mapped_column(String(200), default="")


class AuditEvent(Base):
    """The province's audit log: append-only (triggers refuse UPDATE and DELETE) and
    hash-chained per hall (`chain`): each event's hash covers the one before it, so a row
    changed or removed behind the triggers' back breaks the chain (`province-api audit
    verify`)."""

    __tablename__ = "audit_event"
    chain: Mapped[str] = mapped_column(String(36), primary_key=True)
    n: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    action: Mapped[str] = mapped_column(String(32))
    staff_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    counter_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    target: Mapped[str | None] = mapped_column(String(64), nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
