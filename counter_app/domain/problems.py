"""Every kind of problem the province answers (RFC 9457 `type`, after the base URI).

One list for both ends: the province raises only these, and the counter has a message in the
clerk's language for each (ui/messages.py; a test holds them to it).
"""

from __future__ import annotations

from enum import StrEnum

PROBLEM_BASE = "https://cms.example/problems/"


class ProblemType(StrEnum):
    # By status, where nothing more particular is said
    BAD_REQUEST = "bad-request"
    NOT_SIGNED_IN = "not-signed-in"
    NOT_ALLOWED = "not-allowed"
    NOT_FOUND = "not-found"
    METHOD_NOT_ALLOWED = "method-not-allowed"
    CONFLICT = "conflict"
    PRECONDITION_FAILED = "precondition-failed"
    UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type"
    INVALID_INPUT = "invalid-input"
    APPROVAL_REQUIRED = "approval-required"
    SERVER_ERROR = "server-error"
    BUSY = "busy"
    OVERLOADED = "overloaded"
    # Signing in, and who may do what
    BAD_CREDENTIALS = "bad-credentials"
    UNKNOWN_HALL = "unknown-hall"
    WRONG_HALL = "wrong-hall"
    NO_TOKEN = "no-token"
    TOKEN_EXPIRED = "token-expired"
    FORBIDDEN = "forbidden"
    CLIENT_TOO_OLD = "client-too-old"
    UNSUPPORTED_API_VERSION = "unsupported-api-version"
    # Approvals
    NOT_SUPERVISOR = "not-supervisor"
    SELF_APPROVAL = "self-approval"
    APPROVAL_INVALID = "approval-invalid"
    APPROVAL_OVER_OFFLINE_CAP = "approval-over-offline-cap"
    # Sign-in guard
    TOO_MANY_TRIES = "too-many-tries"
    LOCKED_OUT = "locked-out"
    # Writes and their keys
    IDEMPOTENCY_KEY_REQUIRED = "idempotency-key-required"
    IDEMPOTENCY_KEY_REUSED = "idempotency-key-reused"
    IF_MATCH_REQUIRED = "if-match-required"
    STALE_VERSION = "stale-version"
    DUPLICATE_ID = "duplicate-id"
    DUPLICATE_RECEIPT = "duplicate-receipt"
    # Shifts
    SHIFT_OPEN = "shift-open"
    SHIFT_CLOSED = "shift-closed"
    NO_OPEN_SHIFT = "no-open-shift"
    NOT_YOUR_SHIFT = "not-your-shift"
    NOT_THIS_SHIFT = "not-this-shift"
    EXPECTED_MISMATCH = "expected-mismatch"
    # Money
    UNKNOWN_ACCOUNT = "unknown-account"
    UNKNOWN_NUMBER = "unknown-number"
    NUMBER_CANCELLED = "number-cancelled"
    NOTHING_OWED = "nothing-owed"
    OVERPAYMENT = "overpayment"
    PAYMENT_DECLINED = "payment-declined"
    ALREADY_VOIDED = "already-voided"
    BALANCE_SPENT = "balance-spent"
    # service orders
    UNKNOWN_CUSTOMER = "unknown-customer"
    UNKNOWN_OFFERING = "unknown-offering"
    UNKNOWN_SIM = "unknown-sim"
    UNKNOWN_ORDER = "unknown-order"
    LINE_LIMIT = "line-limit"
    OVERDUE_BILLS = "overdue-bills"
    UNPAID_BILLS = "unpaid-bills"
    NOT_ELIGIBLE = "not-eligible"
    NUMBER_TAKEN = "number-taken"
    SIM_TAKEN = "sim-taken"
    LINE_STATE = "line-state"
    NOTHING_TO_CHANGE = "nothing-to-change"
    IDENTITY_MISMATCH = "identity-mismatch"
    FEES_MISMATCH = "fees-mismatch"
    NOT_REVERSIBLE = "not-reversible"
    ORDER_STATE = "order-state"
    DUPLICATE_CUSTOMER = "duplicate-customer"

    @classmethod
    def for_status(cls, status: int) -> ProblemType:
        return _BY_STATUS.get(status, cls.SERVER_ERROR if status >= 500 else cls.BAD_REQUEST)

    @classmethod
    def of_uri(cls, uri: str) -> ProblemType | None:
        """The type named by a problem's `type` URI; None for one this counter does not know
        (a newer province): the counter then shows the province's own words."""
        try:
            return cls(uri.removeprefix(PROBLEM_BASE))
        except ValueError:
            return None


_BY_STATUS = {
    400: ProblemType.BAD_REQUEST,
    401: ProblemType.NOT_SIGNED_IN,
    403: ProblemType.NOT_ALLOWED,
    404: ProblemType.NOT_FOUND,
    405: ProblemType.METHOD_NOT_ALLOWED,
    409: ProblemType.CONFLICT,
    412: ProblemType.PRECONDITION_FAILED,
    415: ProblemType.UNSUPPORTED_MEDIA_TYPE,
    422: ProblemType.INVALID_INPUT,
    428: ProblemType.APPROVAL_REQUIRED,
    500: ProblemType.SERVER_ERROR,
}
