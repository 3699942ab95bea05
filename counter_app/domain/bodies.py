"""The bodies the counter sends the province, declared once (tests/test_contract.py holds
them to the province's OpenAPI document: the same fields, the same required ones).

They are what an outbox entry keeps: an entry is sent with the API version it was written
for (counter_app.domain.api_versions), so a change here is a new API version.
"""

from typing import Any, NotRequired, TypedDict

from counter_app.domain.kinds import ApprovalAction, ApprovalMethod, PaymentKind, PaymentMethod


class ApprovalBody(TypedDict, total=False):
    method: ApprovalMethod
    id: str | None  # online: from POST /auth/approvals
    token: str | None
    supervisor_staff_no: str | None  # offline
    proof: str | None


class PaymentBody(TypedDict):
    id: str
    receipt_no: str
    kind: PaymentKind
    account_id: str
    subscription_id: str | None
    amount_fen: int
    method: PaymentMethod
    tendered_fen: int | None
    card_ref: str | None
    qr_code: str | None
    bill_ids: list[str] | None
    order_id: NotRequired[str | None]  # kind order_fee: the order paid for
    created_at: str
    shift_id: str
    offline: NotRequired[bool]  # taken while the province was unreachable
    approval: NotRequired[ApprovalBody]  # a top-up above the offline limit


class VoidBody(TypedDict):
    id: str  # the reversing entry's
    receipt_no: str  # the void slip's
    reason: str
    created_at: str
    shift_id: str
    approval: NotRequired[ApprovalBody]


class ShiftOpenBody(TypedDict):
    id: str
    opening_float_fen: int
    float_denominations: dict[str, int]
    opened_at: str


class ShiftCloseBody(TypedDict):
    closed_at: str
    counted_denominations: dict[str, int]
    counted_fen: int
    expected_fen: int
    note: str
    approval: NotRequired[ApprovalBody]
    pending_upload: NotRequired[int]  # entries still waiting when a supervisor let it close
    pending_approval: NotRequired[ApprovalBody]  # that supervisor's approval


class ApprovalRequestBody(TypedDict):
    staff_no: str
    password: str
    action: ApprovalAction
    target_id: str


class FeeBody(TypedDict):
    code: str
    name: str
    amount_fen: int
    waived_fen: int
    waiver_reason: str


class OrderBody(TypedDict):
    id: str
    order_no: str
    type: str  # counter_app.domain.orders.OrderType
    customer_id: str
    subscription_id: str | None
    items: dict[str, Any]
    fees: list[FeeBody]
    deposit_fen: int
    created_at: str
    approval: NotRequired[ApprovalBody]


class DecisionBody(TypedDict):
    decision: str  # approve | reject
    reason: str


class AuditEventBody(TypedDict):
    id: str  # the local audit row's
    at: str  # with its UTC offset
    action: str  # ^[a-z_]{1,32}$: id_revealed, screen_locked, journal_damaged...
    entity: str | None
    entity_id: str | None
    detail: dict[str, Any]  # ids, codes, times, amounts: never free text or personal data


class AuditEventsBody(TypedDict):
    events: list[AuditEventBody]  # (local_cache.audit_events writes it: one event an entry)


# (method, path under /api/v1) -> the body sent there
BODIES: dict[tuple[str, str], type] = {
    ("POST", "/payments"): PaymentBody,
    ("POST", "/payments/{payment_id}/void"): VoidBody,
    ("POST", "/shifts"): ShiftOpenBody,
    ("POST", "/shifts/{shift_id}/close"): ShiftCloseBody,
    ("POST", "/auth/approvals"): ApprovalRequestBody,
    ("POST", "/product-orders"): OrderBody,
    ("POST", "/product-orders/{order_id}/approval"): DecisionBody,
    ("POST", "/audit/events"): AuditEventsBody,
}
