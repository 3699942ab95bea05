"""The Sync issues view's core: what waits for the province, what it took, what it refused.

A refused entry is kept for a person and never disappears by itself: a supervisor resolves
it, by sending it again (a new idempotency key: the province refused the first one) or by
setting it aside (the money given back at the counter); either is written in the audit.
An entry the province keeps failing on (5xx after 5xx) still waits, shown as needing
attention; "retry now" sends a waiting entry at once, whatever back-off it earned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from counter_app.approvals import Approval
from counter_app.changes import Changed, Changes
from counter_app.domain.masking import mask_name
from counter_app.domain.validators import ValidationError
from counter_app.payments import PaymentRefused
from counter_app.session import CounterSession
from local_cache import journal, outbox
from local_cache import payments_store as store
from local_cache.db import Cache

WAITING, REFUSED, SENT = "waiting", "refused", "sent"
STATES = {WAITING: ("pending",), REFUSED: ("rejected",), SENT: ("accepted", "resolved")}
SENT_SHOWN = 200  # the latest answered entries listed


@dataclass(frozen=True)
class SyncIssue:
    entry_id: str
    kind: str
    created_at: str
    receipt_no: str  # or the order's number
    amount_fen: int | None
    reason: str
    needs_attention: bool = False  # still waiting: the province failed on it many times
    state: str = "rejected"
    customer: str = ""  # masked
    attempts: int = 0


class ShiftClosed(PaymentRefused):
    """Sent again into a shift already closed, it would only be refused again."""


class NotRefused(PaymentRefused):
    """Only an entry the province refused can be resolved (someone else may have)."""


def listing(cache: Cache, which: str = REFUSED) -> list[SyncIssue]:
    """Waiting (those needing attention first) and refused, oldest first; the latest sent."""
    if which == SENT:
        entries = outbox.latest(cache, STATES[which], SENT_SHOWN)
    else:
        entries = outbox.entries(cache, STATES[which])
    stuck = outbox.attention_ids(cache) if which == WAITING else set()
    names = _names(cache, {e.customer_id for e in entries if e.customer_id})
    issues = [
        SyncIssue(
            e.id,
            e.kind,
            e.created_at,
            str(e.body.get("receipt_no") or e.body.get("order_no") or ""),
            e.body.get("amount_fen"),
            e.last_error or "",
            e.id in stuck,
            e.state,
            mask_name(names.get(e.customer_id or "")),
            e.attempts,
        )
        for e in entries
    ]
    return sorted(issues, key=lambda i: not i.needs_attention)


def refused(cache: Cache) -> list[SyncIssue]:
    """Refused entries, then those needing attention (for the status line and tests)."""
    return listing(cache, REFUSED) + [i for i in listing(cache, WAITING) if i.needs_attention]


def _names(cache: Cache, ids: set[str]) -> dict[str, str]:
    with cache.read() as conn:
        return store.customer_names(conn, ids)


def retry_now(cache: Cache, entry_id: str) -> Changes:
    """The next push sends it at once (the caller asks for that push)."""
    outbox.clear_backoff(cache, entry_id)
    return Changes(outbox=True)


def resolve(
    sess: CounterSession, entry_id: str, how: str, note: str, approval: Approval
) -> Changed[str]:
    """A supervisor's decision on a refused entry: `resend` queues it again under a new key;
    `set_aside` closes it (its record marked so, out of the shift's figures)."""
    note = note.strip()
    if not note:
        raise ValidationError("note", "required", "Say why in a note.")
    when = datetime.now(UTC).isoformat()
    with sess.cache.write() as conn:
        entry = outbox.entry(conn, entry_id)
        if entry is None or entry.state != "rejected":
            raise NotRefused("This entry is no longer waiting for a decision.")
        decision = {"how": how, "note": note, "by": approval.supervisor_staff_no, "at": when}
        shift = store.shift(conn, entry.shift_id) if entry.shift_id else None
        if how == "resend" and entry.kind != "shift_close" and shift and shift["status"] != "open":
            raise ShiftClosed(  # the province takes nothing more into a closed shift
                "This entry's shift is closed: set it aside, and take it again in an open shift."
            )
        if how == "resend":
            decision["new_entry"] = outbox.enqueue_again(conn, entry, when)
            if entry.entity == "payment" and entry.entity_id:
                store.set_sync_state(conn, entry.entity_id, "pending")
        elif entry.entity == "payment" and entry.entity_id:
            store.set_sync_state(conn, entry.entity_id, "set_aside")
        outbox.resolve(conn, entry_id, decision, when)
        journal.audit(
            conn, when, f"resolved_{how}", {"entry": entry_id, **decision}, sess.signed.staff_id
        )
    customers = [entry.customer_id] if entry.customer_id else []
    return Changed(how, Changes.of(customers, shift=True, outbox=True))
