"""What a payment must satisfy before money is taken: the request's words, the open shift,
the account and its bills or line, the province's limits, and what the link allows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counter_app import policy
from counter_app.approvals import Approval
from counter_app.domain import money
from counter_app.domain.kinds import PaymentKind, PaymentMethod
from counter_app.domain.validators import ValidationError
from counter_app.session import CounterSession
from local_cache import charges_store, orders_store
from local_cache import payments_store as store

SETTLE_FIRST = (
    "Settle the unfinished card charge first (Counter, Unfinished card charges, Ctrl+Shift+U)."
)
NEEDS_THE_LINK = (
    "Card and QR payments need the link to the province. Take cash, or wait for the link."
)


class PaymentRefused(Exception):
    """The payment cannot be taken (a message for the clerk; nothing was written)."""


class QrDeclined(PaymentRefused):
    pass


class LinkNeeded(PaymentRefused):
    """The province could not be reached at all: this attempt did nothing."""


class ApprovalNeeded(PaymentRefused):
    """A supervisor must approve this on the spot (then the same request is made again)."""


@dataclass(frozen=True)
class PaymentRequest:
    kind: PaymentKind
    customer_id: str
    account_id: str
    amount_fen: int
    method: PaymentMethod
    subscription_id: str | None = None
    tendered_fen: int | None = None
    qr_code: str | None = None
    order_id: str | None = None  # kind order_fee: the order whose fees and deposit this pays

    def __post_init__(self) -> None:
        # The words checked once, here: nothing further down meets a kind it does not know.
        try:
            object.__setattr__(self, "kind", PaymentKind(self.kind))
        except ValueError:
            raise ValidationError(
                "kind", "format", "Only bills and top-ups are paid here."
            ) from None
        try:
            object.__setattr__(self, "method", PaymentMethod(self.method))
        except ValueError:
            raise ValidationError("method", "format", "Choose cash, card or QR.") from None


def current_shift(sess: CounterSession) -> dict[str, Any] | None:
    with sess.cache.read() as conn:
        return store.open_shift_of(conn, sess.signed.staff_id)


def check(
    sess: CounterSession,
    req: PaymentRequest,
    approval: Approval | None = None,
    resuming: bool = False,
) -> tuple[dict[str, Any], list[dict[str, Any]], Any]:
    """Validate against the cache; returns the open shift, the bills it would settle and the
    account row (its version is the one the provisional effects will be applied on)."""
    if req.method not in tuple(PaymentMethod):
        raise ValidationError("method", "format", "Choose cash, card or QR.")
    if (
        isinstance(req.amount_fen, bool)
        or not isinstance(req.amount_fen, int)
        or req.amount_fen <= 0
    ):
        raise ValidationError("amount_fen", "range", "Enter an amount above zero.")
    shift = current_shift(sess)
    if shift is None:
        raise PaymentRefused("Open a shift before taking payments.")
    if req.method == PaymentMethod.CASH:
        if req.tendered_fen is None:
            raise ValidationError("tendered_fen", "required", "Enter the cash tendered.")
        try:
            money.change_due(req.amount_fen, req.tendered_fen)
        except money.ShortTender as exc:
            raise ValidationError(
                "tendered_fen", "range", "The cash tendered is less than the amount."
            ) from exc
    if req.method == PaymentMethod.QR and not (req.qr_code or "").strip():
        raise ValidationError("qr_code", "required", "Scan the customer's payment code.")
    if resuming:  # a card the terminal already charged is booked whatever the link does
        pass
    elif req.method in (PaymentMethod.CARD, PaymentMethod.QR) and not sess.link.online:
        raise LinkNeeded(NEEDS_THE_LINK)
    elif req.method == PaymentMethod.CARD and charges_store.has_open(
        sess.cache, sess.signed.staff_id
    ):
        # The terminal keeps only its last transaction: a new charge would hide the open one.
        raise PaymentRefused(SETTLE_FIRST)
    with sess.cache.read() as conn:
        account = store.account(conn, req.account_id)
        # An order's fees may go to the account the order itself is about to open.
        new_account = account is None and req.kind == PaymentKind.ORDER_FEE
        if not new_account and (account is None or account.customer_id != req.customer_id):
            raise PaymentRefused("That account is not in this hall's cache.")
        bills: list[dict] = []
        if req.kind == PaymentKind.ORDER_FEE:
            order = orders_store.order(conn, req.order_id or "")
            paid = (
                store.payment(conn, order["payment_id"]) if order and order["payment_id"] else None
            )
            # A payment the province refused paid nothing: the fees are still to take.
            paid_already = paid is not None and paid.get("sync_state") != "rejected"
            if order is None or order["state"] != "acknowledged" or paid_already:
                raise PaymentRefused("This order is not waiting for its fees.")
            if req.amount_fen != order["due_fen"]:
                raise ValidationError(
                    "amount_fen", "range", "The amount is not what the order owes."
                )
            bills = [order]  # the order paid for, in place of bills
        elif req.kind == PaymentKind.BILL:
            if req.subscription_id is not None:  # the number the receipt will name
                on = store.line(conn, req.subscription_id)
                if on is None or on.account_id != req.account_id:
                    raise PaymentRefused("That number is not known here.")
            bills = store.bills_owed(conn, req.account_id)
            owed = sum(b["amount_fen"] - b["paid_fen"] for b in bills)
            if owed <= 0:
                raise PaymentRefused("This account owes nothing.")
            if req.amount_fen > owed:
                raise ValidationError("amount_fen", "range", "The amount is more than is owed.")
        elif req.kind == PaymentKind.TOPUP:
            sub = store.line(conn, req.subscription_id or "")
            if sub is None or sub.account_id != req.account_id:
                raise PaymentRefused("That number is not known here.")
            if sub.status == "cancelled":
                raise PaymentRefused("This number is cancelled; it cannot be topped up.")
            rules = policy.load(sess.cache)
            if not rules.topup_min_fen <= req.amount_fen <= rules.topup_max_fen:
                raise ValidationError(
                    "amount_fen", "range", "The top-up is outside the allowed amounts."
                )
            if (
                not sess.link.online
                and req.amount_fen > rules.offline_topup_max_fen
                and approval is None
            ):
                raise ApprovalNeeded(
                    "A top-up this large while the province is unreachable needs a "
                    "supervisor's approval."
                )
        else:
            raise ValidationError("kind", "format", "Only bills and top-ups are paid here.")
    return shift, bills, account
