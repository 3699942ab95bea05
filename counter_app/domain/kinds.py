"""The words both ends use for kinds, methods and states: one declaration, typed.

Each is a StrEnum, so a member is the very string on the wire and in the tables (and equal
to it): the province validates against these, the counter builds with them.
"""

from __future__ import annotations

from enum import StrEnum


class PaymentKind(StrEnum):
    BILL = "bill"
    TOPUP = "topup"
    ORDER_FEE = "order_fee"
    REFUND = "refund"  # a cancelled line's balance handed back in cash (booked by the order)


class PaymentMethod(StrEnum):
    CASH = "cash"
    CARD = "card"
    QR = "qr"


class PaymentStatus(StrEnum):
    BOOKED = "booked"
    VOIDED = "voided"
    REVERSAL = "reversal"


class ShiftStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class StaffRole(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


SUPERVISOR_ROLES = frozenset({StaffRole.SUPERVISOR, StaffRole.ADMIN})


class ApprovalMethod(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"


class ApprovalAction(StrEnum):
    VOID = "void"
    SHIFT_VARIANCE = "shift_variance"
    ORDER = "order"  # a service order the rules hold back (transfer, cancel, reverse, waiver)
    RESOLVE = "resolve"  # a refused outbox entry sent again or set aside (Sync issues)
    OFFLINE_TOPUP = "offline_topup"  # a top-up above the policy's offline limit
    PENDING_CLOSE = "pending_close"  # a shift closed while its entries still wait (outage)


class VipLevel(StrEnum):
    NONE = "none"
    SILVER = "silver"
    GOLD = "gold"
    PLATINUM = "platinum"


class OutboxKind(StrEnum):
    """What an outbox entry asks the province to do."""

    PAYMENT = "payment"
    VOID = "void"
    SHIFT_OPEN = "shift_open"
    SHIFT_CLOSE = "shift_close"
    ORDER = "order"
    AUDIT = "audit"  # the counter's audit events, for the province's audit log


class OutboxState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    REJECTED = "rejected"


class ChangeOp(StrEnum):
    """What the change feed says happened to an entity."""

    UPSERT = "upsert"
    DELETE = "delete"
