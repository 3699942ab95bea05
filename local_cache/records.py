"""The records the cache hands up to the use cases, typed: a row of `payment`, `shift` and
`bill` as the cache holds it (tests/test_contract.py holds these to the tables)."""

from typing import Any, NotRequired, TypedDict


class BillRecord(TypedDict):
    id: str
    version: int
    account_id: str
    period: str
    amount_fen: int
    paid_fen: int
    status: str  # unpaid | partial | paid
    due_date: str | None


class ShiftRecord(TypedDict):
    id: str
    version: int  # 0 until the province has it
    hall_id: str | None
    counter_id: str
    staff_id: str
    status: str  # counter_app.domain.kinds.ShiftStatus
    opened_at: str
    opening_float_fen: int
    float_denominations: dict[str, int]
    closed_at: str | None
    counted_fen: int | None
    counted_denominations: dict[str, int] | None
    expected_fen: int | None
    variance_fen: int | None
    note: str | None
    approved_by: str | None


class PaymentRecord(TypedDict):
    id: str
    version: int
    receipt_no: str
    kind: str  # counter_app.domain.kinds.PaymentKind
    status: str  # PaymentStatus
    account_id: str
    customer_id: str
    subscription_id: str | None
    amount_fen: int
    method: str  # PaymentMethod
    tendered_fen: int | None
    change_fen: int | None
    reference: str | None
    allocations: list[dict[str, Any]]
    shift_id: str
    hall_id: str | None
    counter_id: str | None
    staff_id: str | None
    reverses_id: str | None
    voided_by_id: str | None
    approved_by: str | None
    reason: str | None
    created_at: str
    booked_at: str | None
    sync_state: str  # accepted | pending | unconfirmed | rejected (local only)
    # With payments_of_shift: who paid, and for which number.
    customer_name: NotRequired[str | None]
    msisdn: NotRequired[str | None]
