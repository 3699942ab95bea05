"""The charge journal at work: a card is charged, or a wallet asked, only after the intent
(amount, method, the receipt number it will carry) is on disk; a charge the counter stopped
in the middle of (a crash, a power cut) is settled by the clerk, with the terminal's own
record (a card) or by asking the province again under the same key (QR), never dropped or
repeated without a person."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any

from counter_app.devices.card_terminal import CardApproval, CardTerminal, TerminalRecord
from counter_app.session import CounterSession
from local_cache import charges_store, journal
from local_cache import payments_store as store


@dataclass(frozen=True)
class Intent:
    id: str
    payment_id: str
    receipt_no: str
    amount_fen: int
    method: str
    request: dict[str, Any]  # the PaymentRequest, to book it as it was asked
    created_at: str
    customer_name: str | None = None
    body: dict[str, Any] | None = None  # a QR payment's request as first sent


def _now() -> str:
    return datetime.now(UTC).isoformat()


def begin(sess: CounterSession, req: Any, payment_id: str, shift_id: str) -> Intent:
    """Written (with the receipt number it will use) before the terminal is asked."""
    intent = {
        "id": str(uuid.uuid4()),
        "payment_id": payment_id,
        "method": str(req.method),
        "amount_fen": req.amount_fen,
        "customer_id": req.customer_id,
        "account_id": req.account_id,
        "shift_id": shift_id,
        "staff_id": sess.signed.staff_id,
        "request": {k: (str(v) if k in ("kind", "method") else v) for k, v in asdict(req).items()},
        "created_at": _now(),
    }
    with sess.cache.write() as conn:
        intent["receipt_no"] = store.next_receipt_no(
            conn, sess.signed.hall_code, sess.signed.counter_id
        )
        charges_store.begin(conn, intent)
    return _intent(intent)


def cancel(
    sess: CounterSession, intent: Intent, why: str, by: str | None = None, release: bool = True
) -> None:
    """Nothing was taken: the intent is closed and its number given back (if still the last
    one taken, and unless the province holds that number already: `release` False)."""
    with sess.cache.write() as conn:
        done = charges_store.finish(
            conn, intent.id, charges_store.CANCELLED, _now(), note=why, by=by
        )
        if done and release:
            store.release_receipt_no(
                conn, sess.signed.hall_code, sess.signed.counter_id, intent.receipt_no
            )
        if done:
            journal.audit(conn, _now(), "charge_cancelled", {"charge": intent.id, "why": why}, by)


def keep_body(sess: CounterSession, intent: Intent, body: dict[str, Any]) -> Intent:
    """The request exactly as it goes to the province: asked again, it is sent unchanged."""
    with sess.cache.write() as conn:
        charges_store.keep_body(conn, intent.id, body)
    return replace(intent, body=dict(body))


def complete(conn: Any, intent: Intent, reference: str) -> None:
    """In the transaction that writes the payment and its outbox entry."""
    charges_store.finish(conn, intent.id, charges_store.DONE, _now(), reference=reference)


def open_intents(sess: CounterSession) -> list[Intent]:
    """This clerk's charges left without an outcome, oldest first."""
    with sess.cache.read() as conn:
        rows = charges_store.open_charges(conn, sess.signed.staff_id)
    return [_intent(r) for r in rows]


class OtherTransaction(Exception):
    """The terminal's last transaction is another one: it cannot say about this charge."""


def ask_terminal(intent: Intent, terminal: CardTerminal) -> TerminalRecord | None:
    """The terminal's record of this charge; None when it has none at all. Raises
    OtherTransaction when its last one is another payment's (the slip decides then)."""
    last = terminal.last_transaction()
    if last is None:
        return None
    if last.payment_id != intent.payment_id:
        raise OtherTransaction(last.payment_id)
    return last


class KnownApproval:
    """Stands in for the terminal when booking a charge it already approved (its reference
    read from the terminal or from its slip): asking it again would charge twice."""

    name = "settled"

    def __init__(self, approval: CardApproval) -> None:
        self._approval = approval

    def charge(self, amount_fen: int, payment_id: str, timeout_s: float = 60.0) -> CardApproval:
        return self._approval

    def last_transaction(self) -> TerminalRecord | None:
        return None


def _intent(row: dict[str, Any]) -> Intent:
    return Intent(
        id=row["id"],
        payment_id=row["payment_id"],
        receipt_no=row["receipt_no"],
        amount_fen=int(row["amount_fen"]),
        method=row["method"],
        request=dict(row["request"]),
        created_at=row["created_at"],
        customer_name=row.get("customer_name"),
        body=row.get("body"),
    )
