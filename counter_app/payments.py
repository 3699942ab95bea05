"""Taking money at the counter: bill payments and top-ups, voids, receipts.

Every payment is written in ONE local transaction as the provisional record and its outbox
entry; the receipt prints from the local record at once and the push loop tells the
province. A card is charged on the terminal first (a decline or time-out leaves nothing);
a QR code is authorised by the province first (it is the province that reaches the wallet).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from counter_app import charges, payment_rules
from counter_app.api_client import ApiError, OfflineError
from counter_app.approvals import Approval
from counter_app.changes import Changed, Changes
from counter_app.devices.card_terminal import (
    CardApproval,
    CardDeclined,
    CardTerminal,
    CardTimeout,
    make_terminal,
)
from counter_app.domain import money
from counter_app.domain.api_versions import API_VERSION
from counter_app.domain.bodies import PaymentBody, VoidBody
from counter_app.domain.kinds import OutboxKind, PaymentKind, PaymentMethod, PaymentStatus
from counter_app.domain.problems import ProblemType
from counter_app.domain.validators import ValidationError
from counter_app.payment_receipts import build_receipt, log_print
from counter_app.payment_rules import (
    ApprovalNeeded,
    LinkNeeded,
    PaymentRefused,
    PaymentRequest,
    QrDeclined,
    current_shift,
)
from counter_app.receipts.data import ReceiptData
from counter_app.session import CounterSession
from local_cache import orders_store, outbox
from local_cache import payments_store as store


@dataclass(frozen=True)
class PaymentDone:
    payment: dict[str, Any]
    receipt: ReceiptData
    # accepted: the province booked it; pending: queued for the province (cash, card);
    # unconfirmed: a QR payment whose answer was lost: no receipt until the province confirms.
    state: str
    owed_after_fen: int = 0
    changes: Changes = field(default_factory=Changes)


def _now() -> str:
    return datetime.now(UTC).isoformat()


def note_receipt_floor(sess: CounterSession) -> None:
    """After sign-in: number on from the province's last receipt of this counter."""
    with sess.cache.write() as conn:
        store.raise_receipt_floor(
            conn, sess.signed.hall_code, sess.signed.counter_id, sess.signed.receipt_seq
        )


def take_payment(
    sess: CounterSession,
    req: PaymentRequest,
    terminal: CardTerminal | None = None,
    resume: charges.Intent | None = None,
    approval: Approval | None = None,
    payment_id: str | None = None,
) -> PaymentDone:
    """Runs in a worker. Raises ValidationError/PaymentRefused (nothing written),
    ApprovalNeeded (ask a supervisor for `payment_id`, then again with `approval`),
    CardDeclined/CardTimeout (the charge journal says so), QrDeclined. `resume`: a charge
    journaled earlier, booked now under its own payment id and receipt number."""
    shift, bills, account = payment_rules.check(sess, req, approval, resuming=resume is not None)
    if resume is not None:
        payment_id = resume.payment_id
    payment_id = payment_id or str(uuid.uuid4())
    offline = not sess.link.online
    allocations: list[dict[str, Any]] = []
    owed_after = 0
    if req.kind == PaymentKind.ORDER_FEE:
        order = bills[0]
        allocations = [
            {
                "order_id": order["id"],
                "order_no": order["order_no"],
                "fees_fen": order["due_fen"] - (order["deposit_fen"] or 0),
                "deposit_fen": order["deposit_fen"] or 0,
            }
        ]
        bills = []
    elif req.kind == PaymentKind.BILL:
        pairs, _ = money.allocate_oldest_first(
            req.amount_fen, [(b["id"], b["amount_fen"] - b["paid_fen"]) for b in bills]
        )
        period = {b["id"]: b["period"] for b in bills}
        allocations = [{"bill_id": b, "period": period[b], "applied_fen": a} for b, a in pairs]
        owed_after = sum(b["amount_fen"] - b["paid_fen"] for b in bills) - req.amount_fen
    reference = None
    receipt_no = ""  # taken with the record, so a failure between leaves no hole
    intent = None
    if req.method in (PaymentMethod.CARD, PaymentMethod.QR):
        if req.method == PaymentMethod.CARD and terminal is None:
            raise PaymentRefused("No card terminal is configured.")
        # On disk before the terminal or the wallet is asked: a crash from here on is
        # settled at start (the province needs the receipt number before the wallet, too).
        intent = resume or charges.begin(sess, req, payment_id, shift["id"])
        receipt_no = intent.receipt_no
    if req.method == PaymentMethod.CARD:
        assert intent is not None and terminal is not None
        try:
            card = terminal.charge(req.amount_fen, payment_id)
        except (CardDeclined, CardTimeout) as exc:  # the terminal says it took nothing
            if resume is None:
                charges.cancel(sess, intent, str(exc)[:200])
            raise  # (anything else leaves the charge open: it is settled with the terminal)
        reference = f"{card.card_masked} {card.reference}".strip()
    # A QR payment is asked as journaled: asked again after a crash it is the same request
    # (the province compares the request under a key it has seen).
    qr = req.method == PaymentMethod.QR and intent is not None
    created = intent.created_at if qr and intent is not None else _now()
    body: PaymentBody = {
        "id": payment_id,
        "receipt_no": receipt_no,
        "kind": req.kind,
        "account_id": req.account_id,
        "subscription_id": req.subscription_id,
        "amount_fen": req.amount_fen,
        "method": req.method,
        "tendered_fen": req.tendered_fen if req.method == PaymentMethod.CASH else None,
        "card_ref": reference,
        "qr_code": req.qr_code.strip() if req.qr_code else None,
        "bill_ids": [a["bill_id"] for a in allocations] if req.kind == PaymentKind.BILL else None,
        "created_at": created,
        "shift_id": shift["id"],
    }
    if req.kind == PaymentKind.ORDER_FEE:
        body["order_id"] = req.order_id
    if offline:  # the province holds it to the same offline rules
        body["offline"] = True
    if approval is not None:
        body["approval"] = approval.to_json()
    record = {
        **{k: v for k, v in body.items() if k not in ("card_ref", "qr_code", "bill_ids")},
        "version": 0,
        "status": PaymentStatus.BOOKED,
        "customer_id": req.customer_id,
        "change_fen": req.tendered_fen - req.amount_fen
        if req.method == PaymentMethod.CASH and req.tendered_fen is not None
        else None,
        "reference": reference,
        "allocations": allocations,
        "hall_id": None,
        "counter_id": sess.signed.counter_id,
        "staff_id": sess.signed.staff_id,
        "booked_at": None,
    }
    key = intent.id if intent is not None else str(uuid.uuid4())  # the same when asked again
    state = "pending"
    if req.method == PaymentMethod.QR:
        assert intent is not None
        intent = charges.keep_body(sess, intent, dict(body))
        try:
            record, state = _authorise_qr(sess, body, key, record)
        except (PaymentRefused, ValidationError) as exc:
            # The province refuses before it reaches the wallet: nothing was taken, and the
            # number goes back, unless the province says it holds that number already.
            if resume is not None and isinstance(exc, LinkNeeded):
                raise  # this attempt did nothing; the first one may have: still open
            held = isinstance(exc, ValidationError) and exc.field == "receipt_no"
            charges.cancel(sess, intent, str(exc)[:200], release=not held)
            raise
    queued = state in ("pending", "unconfirmed")
    if req.kind == PaymentKind.BILL:  # versions as read before the province could have booked it
        version_of = {b["id"]: b["version"] for b in bills}
        effects = [
            {
                "table": "bill",
                "id": a["bill_id"],
                "delta": a["applied_fen"],
                "version": version_of[a["bill_id"]],
            }
            for a in allocations
        ]
        after: dict[str, Any] = {"owed_after_fen": owed_after}
    elif req.kind == PaymentKind.ORDER_FEE:
        deposit = allocations[0]["deposit_fen"]
        version = -1 if account is None else int(account.version)  # a new account: the pull
        effects = [{"table": "account", "id": req.account_id, "delta": deposit, "version": version}]
        after = {}
    else:
        effects = [
            {
                "table": "account",
                "id": req.account_id,
                "delta": req.amount_fen,
                "version": int(account.version),
            }
        ]
        after = {
            "balance_after_fen": int(account.balance_fen or 0) + req.amount_fen,
            # From the cache's balance: the province's own figure arrives with the pull.
            "provisional": True,
        }
    with sess.cache.write() as conn:
        if not receipt_no:
            receipt_no = store.next_receipt_no(conn, sess.signed.hall_code, sess.signed.counter_id)
            body["receipt_no"] = record["receipt_no"] = receipt_no
        # Reads the customer, not this txn. Printed offline: provisional until it is synced.
        receipt = build_receipt(sess, record, 0, offline=offline and queued, **after)
        store.put(conn, "payment", record, sync_state="pending" if queued else state, force=True)
        applied = store.apply_effects(conn, effects)  # shown at once, until the pull
        depends = None
        if req.kind == PaymentKind.ORDER_FEE:
            orders_store.mark_paid(conn, str(req.order_id), payment_id)
            # An order queued offline goes first: its fees are booked once it has run.
            entry = outbox.entry_for(conn, "product_order", str(req.order_id))
            depends = entry if entry and outbox.state_of(conn, entry) == "pending" else None
        if intent is not None:
            charges.complete(conn, intent, reference or "")
        if queued:
            outbox.enqueue(
                conn,
                api_version=API_VERSION,
                kind=OutboxKind.PAYMENT,
                method="POST",
                path="/payments",
                body=body,
                created_at=created,
                entity="payment",
                entity_id=payment_id,
                customer_id=req.customer_id,
                shift_id=shift["id"],
                idempotency_key=key,
                depends_on=depends,
                local_effects=applied,
                record=record,
            )
        # An unconfirmed QR payment gets its receipt once the province has booked it.
        if state != "unconfirmed":
            log_print(conn, sess, receipt, created)
    changes = Changes.of([req.customer_id], shift=True, outbox=queued)
    return PaymentDone(record, receipt, state, owed_after, changes)


def take_at_counter(
    sess: CounterSession,
    req: PaymentRequest,
    approval: Approval | None = None,
    payment_id: str | None = None,
) -> PaymentDone:
    """Runs in a worker: the counter's card terminal is made there (a real one may open a
    port), from the settings, keeping its last transaction beside the cache."""
    card = req.method == PaymentMethod.CARD
    terminal = make_terminal(sess.settings.card_terminal, sess.data_dir) if card else None
    return take_payment(sess, req, terminal, approval=approval, payment_id=payment_id)


def ask_again(sess: CounterSession, intent: charges.Intent) -> PaymentDone:
    """A QR payment the counter stopped in the middle of: the request exactly as it was
    sent, under the same key (nothing read again from the cache, which may have moved on);
    the province answers what it did: booked once, or refused and nothing taken."""
    if intent.body is None:  # stopped before it was sent: nothing can have been taken
        charges.cancel(sess, intent, "never sent")
        raise PaymentRefused("This QR payment never reached the province: nothing was taken.")
    api = sess.make_api()
    try:
        answer = api.post_json("/payments", intent.body, idempotency_key=intent.id)
    except OfflineError as exc:
        raise LinkNeeded(payment_rules.NEEDS_THE_LINK) from exc  # still open
    except ApiError as exc:
        if exc.problem_type == ProblemType.IDEMPOTENCY_KEY_REUSED:
            raise PaymentRefused(  # still open: a person must look
                "The province holds this payment's request with other details. Call support."
            ) from exc
        charges.cancel(sess, intent, exc.detail[:200], release=False)
        if exc.status == 402:
            raise QrDeclined(
                "The customer's wallet declined the payment. Nothing was charged."
            ) from exc
        raise PaymentRefused(exc.detail) from exc
    finally:
        api.close()
    with sess.cache.write() as conn:
        store.put(conn, "payment", answer, sync_state="accepted")
        charges.complete(conn, intent, str(answer.get("reference") or ""))
        receipt = build_receipt(sess, answer, 0)
        log_print(conn, sess, receipt, _now())
    return PaymentDone(
        answer, receipt, "accepted", 0, Changes.of([str(answer.get("customer_id"))], shift=True)
    )


def settle_charged(
    sess: CounterSession, intent: charges.Intent, reference: str, card_masked: str = ""
) -> PaymentDone:
    """The terminal did take the money of a charge left open: book it as it was asked,
    with the terminal's reference (nothing is asked of the terminal again)."""
    reference = reference.strip()
    if not reference:
        raise ValidationError("reference", "required", "Enter the terminal's reference.")
    req = PaymentRequest(**intent.request)
    known = charges.KnownApproval(CardApproval(reference, card_masked))
    return take_payment(sess, req, known, resume=intent)


def _authorise_qr(
    sess: CounterSession, body: dict[str, Any], key: str, record: dict[str, Any]
) -> tuple[dict[str, Any], str]:
    """The province reaches the wallet. An answer that never came is resent by the outbox
    under the same key, so the province books it once whatever happened to the answer."""
    api = sess.make_api()
    try:
        answer = api.post_json("/payments", body, idempotency_key=key)
    except OfflineError as exc:
        if not exc.maybe_delivered:
            raise LinkNeeded(payment_rules.NEEDS_THE_LINK) from exc
        return record, "unconfirmed"  # the push loop asks again under the same key
    except ApiError as exc:
        if exc.status == 402:
            raise QrDeclined(
                "The customer's wallet declined the payment. Nothing was charged."
            ) from exc
        if exc.errors:
            raise ValidationError(
                exc.errors[0].get("field", "qr_code"),
                "province",
                exc.errors[0].get("message", exc.detail),
            ) from exc
        raise PaymentRefused(exc.detail) from exc
    finally:
        api.close()
    return {**record, **answer}, "accepted"


def void_payment(
    sess: CounterSession, payment_id: str, reason: str, approval: Approval
) -> Changed[ReceiptData]:
    """Reverse a payment of the current shift: a reversing entry, never a deletion."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("reason", "required", "Give the reason for the void.")
    shift = current_shift(sess)
    with sess.cache.read() as conn:
        original = store.payment(conn, payment_id)
        depends = outbox.entry_for(conn, "payment", payment_id)
        dep_state = outbox.state_of(conn, depends) if depends else None
    if original is None:
        raise PaymentRefused("That payment is not in the cache.")
    if original["status"] != PaymentStatus.BOOKED or original["amount_fen"] <= 0:
        raise PaymentRefused("This payment is already voided.")
    if shift is None or original["shift_id"] != shift["id"]:
        raise PaymentRefused("Only payments of the current shift can be voided.")
    if dep_state == "rejected":
        raise PaymentRefused("The province refused this payment; there is nothing to void.")
    taken_back = original["amount_fen"]
    if original["kind"] == PaymentKind.ORDER_FEE:  # given back once the order is reversed
        alloc = (original.get("allocations") or [{}])[0]
        with sess.cache.read() as conn:
            paid_for = orders_store.order(conn, str(alloc.get("order_id") or ""))
        if paid_for is None or paid_for["state"] != "cancelled":
            raise PaymentRefused("Reverse the order first (返销); its fees are voided after that.")
        taken_back = int(alloc.get("deposit_fen") or 0)
    reversal_id = str(uuid.uuid4())
    created = _now()
    with sess.cache.write() as conn:
        slip_no = store.next_receipt_no(conn, sess.signed.hall_code, sess.signed.counter_id)
        body: VoidBody = {
            "id": reversal_id,
            "receipt_no": slip_no,
            "reason": reason,
            "created_at": created,
            "shift_id": shift["id"],
            "approval": approval.to_json(),
        }
        reversal = {
            **original,
            "id": reversal_id,
            "receipt_no": slip_no,
            "status": PaymentStatus.REVERSAL,
            "amount_fen": -original["amount_fen"],
            "tendered_fen": None,
            "change_fen": None,
            "allocations": [
                {**a, "applied_fen": -a["applied_fen"]} if "applied_fen" in a else a
                for a in original.get("allocations") or []
            ],
            "reverses_id": payment_id,
            "voided_by_id": None,
            "reason": reason,
            "created_at": created,
            "booked_at": None,
            "version": 0,
            "shift_id": shift["id"],
        }
        store.put(conn, "payment", reversal, sync_state="pending", force=True)
        store.mark_voided(conn, payment_id, reversal_id)
        if original["kind"] == PaymentKind.BILL:
            effects = store.bill_effects(conn, original.get("allocations") or [], sign=-1)
        else:
            effects = store.balance_effect(conn, original["account_id"], -taken_back)
        applied = store.apply_effects(conn, effects)
        outbox.enqueue(
            conn,
            api_version=API_VERSION,
            kind=OutboxKind.VOID,
            method="POST",
            path=f"/payments/{payment_id}/void",
            body=body,
            created_at=created,
            entity="payment",
            entity_id=reversal_id,
            customer_id=original["customer_id"],
            shift_id=shift["id"],
            depends_on=depends if dep_state == "pending" else None,
            local_effects=applied,
            record=reversal,
        )
        slip = {**reversal, "approved_by_staff_no": approval.supervisor_staff_no}
        data = build_receipt(sess, {**original, "status": PaymentStatus.VOIDED}, 0, void_slip=slip)
        log_print(conn, sess, data, created)
    return Changed(data, Changes.of([original["customer_id"]], shift=True, outbox=True))


def payments_of_shift(sess: CounterSession, shift_id: str) -> list[dict[str, Any]]:
    with sess.cache.read() as conn:
        return store.payments_of_shift(conn, shift_id)


__all__ = [  # the rules' words are the payments' too: callers import them from here
    "ApprovalNeeded",
    "LinkNeeded",
    "PaymentDone",
    "PaymentRefused",
    "PaymentRequest",
    "QrDeclined",
    "ask_again",
    "current_shift",
    "note_receipt_floor",
    "payments_of_shift",
    "settle_charged",
    "take_at_counter",
    "take_payment",
    "void_payment",
]
