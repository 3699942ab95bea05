"""What the clerk reads when something goes wrong, in the clerk's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.api_client import ApiError, OfflineError, UntrustedProvince
from counter_app.approvals import ApprovalRefused
from counter_app.auth import SignInRefused
from counter_app.devices.card_terminal import CardDeclined, CardTimeout
from counter_app.devices.id_reader import NoCard
from counter_app.domain import hall_time
from counter_app.domain.problems import ProblemType
from counter_app.domain.validators import ValidationError
from counter_app.orders import OrderWaits
from counter_app.payments import PaymentRefused
from counter_app.registration import RegistrationWaits

CLERK_FACING = (
    PaymentRefused,
    ApprovalRefused,
    OrderWaits,
    RegistrationWaits,
    NoCard,
    SignInRefused,
)

# One sentence for every problem the province can send (the province raises no other).
PROBLEMS: dict[ProblemType, str] = {
    ProblemType.BAD_REQUEST: (
        "The province could not read the request. Try again; if it happens again, call support."
    ),
    ProblemType.NOT_SIGNED_IN: "Your sign-in has expired. Sign in again.",
    ProblemType.NOT_ALLOWED: "You are not allowed to do this.",
    ProblemType.NOT_FOUND: "The province has no such record. Reload and try again.",
    ProblemType.METHOD_NOT_ALLOWED: "The province does not offer this here. Call support.",
    ProblemType.CONFLICT: "This was changed at the same moment elsewhere. Reload and try again.",
    ProblemType.PRECONDITION_FAILED: (
        "Someone changed this record meanwhile. Reload it and try again."
    ),
    ProblemType.UNSUPPORTED_MEDIA_TYPE: (
        "The province could not read the request. Try again; if it happens again, call support."
    ),
    ProblemType.INVALID_INPUT: "The province did not accept this input.",
    ProblemType.APPROVAL_REQUIRED: "A supervisor's approval is needed for this.",
    ProblemType.SERVER_ERROR: "The province failed to do this. Nothing was changed; try again.",
    ProblemType.BUSY: "The province is busy. The counter tries again by itself.",
    ProblemType.OVERLOADED: "The province is busy. The counter tries again by itself.",
    ProblemType.BAD_CREDENTIALS: "The staff number or the password is wrong.",
    ProblemType.UNKNOWN_HALL: "There is no hall with this code.",
    ProblemType.WRONG_HALL: "This staff member does not work in this hall.",
    ProblemType.NO_TOKEN: "Your sign-in has expired. Sign in again.",
    ProblemType.TOKEN_EXPIRED: "Your sign-in has expired. Sign in again.",
    ProblemType.FORBIDDEN: "Only a supervisor may do this.",
    ProblemType.CLIENT_TOO_OLD: (
        "This counter runs Counter {client}; the province accepts {minimum} or "
        "newer. Update the counter's software; the entries waiting on it are "
        "kept."
    ),
    ProblemType.UNSUPPORTED_API_VERSION: (
        "The province does not read what this counter's software writes. Update"
        " the counter; the entries waiting on it are kept."
    ),
    ProblemType.NOT_SUPERVISOR: "Only a supervisor of this hall can approve.",
    ProblemType.SELF_APPROVAL: "A supervisor cannot approve their own action.",
    ProblemType.APPROVAL_INVALID: (
        "The supervisor's approval is missing, used or expired. Ask again."
    ),
    ProblemType.APPROVAL_OVER_OFFLINE_CAP: (
        "This amount is more than a supervisor may approve while the province is "
        "unreachable; it needs an approval with the link up."
    ),
    ProblemType.TOO_MANY_TRIES: "Too many wrong passwords. Try again in {seconds} s.",
    ProblemType.LOCKED_OUT: (
        "This staff number is locked after too many wrong passwords. A supervisor of the "
        "hall or an administrator can unlock it."
    ),
    ProblemType.IDEMPOTENCY_KEY_REQUIRED: (
        "The province could not read the request. Try again; if it happens again, call support."
    ),
    ProblemType.IDEMPOTENCY_KEY_REUSED: (
        "This action clashes with an earlier one. Call support before trying again."
    ),
    ProblemType.IF_MATCH_REQUIRED: (
        "Someone changed this record meanwhile. Reload it and try again."
    ),
    ProblemType.STALE_VERSION: "Someone changed this record meanwhile. Reload it and try again.",
    ProblemType.DUPLICATE_ID: "The province already has this. Reload to see it.",
    ProblemType.DUPLICATE_RECEIPT: (
        "This receipt number is already used at the province. Call support."
    ),
    ProblemType.SHIFT_OPEN: "You already have an open shift; close it first.",
    ProblemType.SHIFT_CLOSED: "This shift is closed; open a new one.",
    ProblemType.NO_OPEN_SHIFT: "Open a shift before taking payments.",
    ProblemType.NOT_YOUR_SHIFT: "Only the clerk who opened a shift closes it.",
    ProblemType.NOT_THIS_SHIFT: "Only payments of your open shift can be voided here.",
    ProblemType.EXPECTED_MISMATCH: (
        "The province and the counter disagree on the drawer: a payment is "
        "missing on one side. Wait for the upload, or ask a supervisor."
    ),
    ProblemType.UNKNOWN_ACCOUNT: "The province has no such account. Reload the customer.",
    ProblemType.UNKNOWN_NUMBER: "There is no such number on this account.",
    ProblemType.NUMBER_CANCELLED: "This number is cancelled; it cannot be topped up.",
    ProblemType.NOTHING_OWED: "This account has no unpaid bills.",
    ProblemType.OVERPAYMENT: "The amount is more than is owed.",
    ProblemType.PAYMENT_DECLINED: (
        "The payment was declined. Nothing was charged; ask for another method."
    ),
    ProblemType.ALREADY_VOIDED: "This payment is already voided.",
    ProblemType.BALANCE_SPENT: "The top-up has already been spent; it cannot be voided.",
    ProblemType.UNKNOWN_CUSTOMER: "There is no such customer.",
    ProblemType.UNKNOWN_OFFERING: "There is no such offering in the catalog.",
    ProblemType.UNKNOWN_SIM: "This SIM card is not in the hall's stock.",
    ProblemType.UNKNOWN_ORDER: "There is no such order of this customer at this hall.",
    ProblemType.LINE_LIMIT: "This ID already holds as many lines as the province allows (一证五号).",  # noqa: E501
    ProblemType.OVERDUE_BILLS: "The customer has overdue bills; they must be paid before a new line.",  # noqa: E501
    ProblemType.UNPAID_BILLS: "The line has unpaid bills; they must be paid first.",
    ProblemType.NOT_ELIGIBLE: "The customer or the account may not have this offering.",
    ProblemType.NUMBER_TAKEN: "This number has just been taken by another counter; choose another.",
    ProblemType.SIM_TAKEN: "This SIM card has already been used; take another.",
    ProblemType.LINE_STATE: "The line is not in a state that allows this order.",
    ProblemType.NOTHING_TO_CHANGE: "The order changes nothing; check what was chosen.",
    ProblemType.IDENTITY_MISMATCH: "The ID card read is not this customer's.",
    ProblemType.FEES_MISMATCH: "The fees are not the catalog's; start the order again.",
    ProblemType.NOT_REVERSIBLE: "This order cannot be reversed.",
    ProblemType.ORDER_STATE: "The order is not in a state that allows this.",
    ProblemType.DUPLICATE_CUSTOMER: "A customer with this ID is already registered.",
}


def describe(exc: BaseException) -> str:
    """One sentence for the clerk; the technical detail goes to the log, not the screen."""
    if isinstance(exc, ValidationError):
        return QCoreApplication.translate("ValidationError", exc.message)
    if isinstance(exc, CLERK_FACING):
        # Fixed English sentences from the core, translated like any other UI text.
        return QCoreApplication.translate("messages", str(exc))
    if isinstance(exc, CardDeclined):
        return QCoreApplication.translate(
            "messages",
            "The card was declined. Nothing was charged; ask for another card or another method.",
        )
    if isinstance(exc, CardTimeout):
        return QCoreApplication.translate(
            "messages", "The card terminal did not answer. Nothing was charged; try again."
        )
    if isinstance(exc, UntrustedProvince):
        return QCoreApplication.translate(
            "messages",
            "The server at this address did not prove it is the province (its certificate is "
            "not trusted). Check the address and the CA file in this counter's settings.",
        )
    if isinstance(exc, OfflineError):
        return QCoreApplication.translate(
            "messages", "Cannot reach the province server. Check the address and the network."
        )
    if isinstance(exc, ApiError):
        return _problem_text(exc)
    return QCoreApplication.translate("messages", "Something went wrong: {error}").format(
        error=type(exc).__name__
    )


def _problem_text(exc: ApiError) -> str:
    kind = exc.problem_type
    if kind is None:  # a newer province's problem: its own words are all there is
        return exc.detail
    text = QCoreApplication.translate("messages", PROBLEMS[kind])
    if kind is ProblemType.CLIENT_TOO_OLD:
        return text.format(
            client=exc.extra.get("client_version", "?"),
            minimum=exc.extra.get("min_client_version", "?"),
        )
    if kind is ProblemType.TOO_MANY_TRIES:
        return text.format(seconds=exc.extra.get("retry_after_s", "60"))
    if kind is ProblemType.INVALID_INPUT and exc.errors:
        # The counter checks every field first; what the province still refuses is shown
        # in its own words after the translated lead.
        said = "; ".join(f"{e.get('field')}: {e.get('message')}" for e in exc.errors)
        return f"{text} ({said})"
    return text


def field_of(exc: BaseException) -> str | None:
    """The input field an error is about, so the dialog can put the cursor there."""
    if isinstance(exc, ValidationError):
        return exc.field
    if isinstance(exc, ApiError) and exc.errors:
        return exc.errors[0].get("field")
    if isinstance(exc, ApiError) and exc.problem_type in (
        ProblemType.BAD_CREDENTIALS,
        ProblemType.TOO_MANY_TRIES,
        ProblemType.LOCKED_OUT,
    ):
        return "password"
    return None


_hall_zone = hall_time.DEFAULT_ZONE


def set_hall_zone(name: str) -> None:
    """The hall's time zone (from the province at sign-in) for every time on screen."""
    global _hall_zone
    _hall_zone = name or hall_time.DEFAULT_ZONE


def local_time(iso: str | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC time as the hall's clock shows it (not the computer's zone)."""
    return hall_time.local_text(iso, fmt, _hall_zone)


def money(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}¥{fen // 100:,}.{fen % 100:02d}"


# What an outbox entry is, in the clerk's words (Sync issues, a shift that cannot close).
OUTBOX_KINDS = {
    "payment": "payment",
    "void": "void",
    "shift_open": "open shift",
    "shift_close": "close shift",
    "order": "service order",
    "audit": "audit record",
}


def outbox_kind(kind: str) -> str:
    return QCoreApplication.translate("messages", OUTBOX_KINDS.get(kind, kind))
