"""A clerk's cash shift: opened with a counted float, closed with a counted drawer."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from counter_app import policy
from counter_app.approvals import Approval
from counter_app.changes import Changed, Changes, ShiftState
from counter_app.domain import money
from counter_app.domain.api_versions import API_VERSION
from counter_app.domain.bodies import ShiftCloseBody, ShiftOpenBody
from counter_app.domain.kinds import OutboxKind, PaymentMethod, PaymentStatus, ShiftStatus
from counter_app.domain.validators import ValidationError
from counter_app.payment_receipts import counter_header
from counter_app.payment_rules import SETTLE_FIRST
from counter_app.payments import ApprovalNeeded, PaymentRefused, current_shift
from counter_app.receipts.data import ShiftReportData
from counter_app.session import CounterSession
from local_cache import charges_store, journal, outbox
from local_cache import payments_store as store


class ShiftNotSettled(PaymentRefused):
    """Payments of the shift the province has not accepted yet; `waiting` lists them."""

    def __init__(self, message: str, waiting: list[dict[str, Any]]) -> None:
        super().__init__(message)
        self.waiting = waiting


def _counts(raw: Mapping[int, int], field: str) -> tuple[dict[str, int], int]:
    try:
        total = money.count_total(raw)
    except (ValueError, TypeError) as exc:
        raise ValidationError(
            field, "format", "Count each denomination as a whole number."
        ) from exc
    return {str(k): int(v) for k, v in raw.items() if v}, total


def open_shift(sess: CounterSession, float_counts: Mapping[int, int]) -> Changed[dict[str, Any]]:
    if current_shift(sess) is not None:
        raise PaymentRefused("You already have an open shift.")
    denominations, total = _counts(float_counts, "float_denominations")
    now = datetime.now(UTC).isoformat()
    shift = {
        "id": str(uuid.uuid4()),
        "version": 0,
        "hall_id": None,
        "counter_id": sess.signed.counter_id,
        "staff_id": sess.signed.staff_id,
        "status": ShiftStatus.OPEN,
        "opened_at": now,
        "opening_float_fen": total,
        "float_denominations": denominations,
        "closed_at": None,
        "counted_fen": None,
        "counted_denominations": None,
        "expected_fen": None,
        "variance_fen": None,
        "note": None,
        "approved_by": None,
    }
    body: ShiftOpenBody = {
        "id": shift["id"],
        "opening_float_fen": total,
        "float_denominations": denominations,
        "opened_at": now,
    }
    with sess.cache.write() as conn:
        store.put(conn, "shift", shift, force=True)
        # A shift closed pending upload goes first: the province opens one shift at a time.
        previous = outbox.last_pending(conn, OutboxKind.SHIFT_CLOSE, sess.signed.staff_id)
        outbox.enqueue(
            conn,
            api_version=API_VERSION,
            depends_on=previous,
            kind=OutboxKind.SHIFT_OPEN,
            method="POST",
            path="/shifts",
            body=body,
            created_at=now,
            entity="shift",
            entity_id=shift["id"],
            shift_id=shift["id"],
            record=shift,
        )
    opened = ShiftState(shift["id"], shift["opened_at"], total)
    return Changed(shift, Changes(shift=True, outbox=True, opened=opened))


@dataclass(frozen=True)
class ShiftFigures:
    shift: dict[str, Any]
    payments: list[dict[str, Any]]
    cash_in_fen: int
    cash_out_fen: int
    expected_cash_fen: int
    totals_by_method: dict[str, int]
    totals_by_kind: dict[str, int]
    counts_by_method: dict[str, int]
    void_count: int
    void_total_fen: int


def figures(sess: CounterSession, shift_id: str) -> ShiftFigures:
    """What the drawer should hold: float + cash in − cash out (refused payments excluded)."""
    with sess.cache.read() as conn:
        shift = store.shift(conn, shift_id)
        payments = [
            p
            for p in store.payments_of_shift(conn, shift_id)
            if p["sync_state"] not in ("rejected", "set_aside")
        ]
    if shift is None:
        raise PaymentRefused("That shift is not in the cache.")
    cash_in = sum(
        p["amount_fen"]
        for p in payments
        if p["method"] == PaymentMethod.CASH and p["amount_fen"] > 0
    )
    cash_out = -sum(
        p["amount_fen"]
        for p in payments
        if p["method"] == PaymentMethod.CASH and p["amount_fen"] < 0
    )
    # What stands: payments not voided since. Voids are counted on their own, so every
    # count agrees with its amount (a voided top-up is in neither the cash row nor the total).
    voids = [p for p in payments if p["amount_fen"] < 0]
    reversed_ids = {p["reverses_id"] for p in voids}
    standing = [
        p
        for p in payments
        if p["amount_fen"] > 0
        and p["status"] != PaymentStatus.VOIDED
        and p["id"] not in reversed_ids
    ]
    by_method: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    n_method: dict[str, int] = {}
    for p in standing:
        by_method[p["method"]] = by_method.get(p["method"], 0) + p["amount_fen"]
        by_kind[p["kind"]] = by_kind.get(p["kind"], 0) + p["amount_fen"]
        n_method[p["method"]] = n_method.get(p["method"], 0) + 1
    return ShiftFigures(
        shift,
        payments,
        cash_in,
        cash_out,
        shift["opening_float_fen"] + cash_in - cash_out,
        by_method,
        by_kind,
        n_method,
        len(voids),
        -sum(p["amount_fen"] for p in voids),
    )


def shift_state(sess: CounterSession) -> ShiftState | None:
    shift = current_shift(sess)
    if shift is None:
        return None
    fig = figures(sess, shift["id"])
    return ShiftState(shift["id"], shift["opened_at"], fig.expected_cash_fen)


def close_shift(
    sess: CounterSession,
    counted: Mapping[int, int],
    note: str = "",
    approval: Approval | None = None,
    pending: Approval | None = None,
) -> Changed[ShiftReportData]:
    """Refused while the province has not accepted every payment of the shift, unless a
    supervisor lets it close pending upload (`pending`, with a note): the close then goes
    after those entries, and the report says how many were still waiting."""
    shift = current_shift(sess)
    if shift is None:
        raise PaymentRefused("There is no open shift to close.")
    if charges_store.has_open(sess.cache, sess.signed.staff_id):
        raise PaymentRefused(SETTLE_FIRST)
    waiting = [e for e in outbox.pending_for_shift(sess.cache, shift["id"])]
    rejected = [
        e
        for e in outbox.entries(sess.cache, ("rejected",))
        if e.shift_id == shift["id"] and e.kind == OutboxKind.SHIFT_OPEN
    ]
    if rejected:
        raise PaymentRefused("The province refused to open this shift; see Sync issues.")
    if waiting and (pending is None or not note.strip()):
        if pending is not None:
            raise ValidationError("note", "required", "Say why in a note.")
        stuck = outbox.attention_ids(sess.cache)
        raise ShiftNotSettled(
            "The province has not accepted every payment of this shift yet.",
            [
                {
                    "kind": e.kind,
                    "receipt_no": e.body.get("receipt_no"),
                    "amount_fen": e.body.get("amount_fen"),
                    "error": e.last_error,
                    "stuck": e.id in stuck,  # the province keeps failing on it
                }
                for e in waiting
            ],
        )
    denominations, counted_fen = _counts(counted, "counted_denominations")
    fig = figures(sess, shift["id"])
    variance = counted_fen - fig.expected_cash_fen
    note = note.strip()
    if abs(variance) > policy.load(sess.cache).variance_approval_fen:
        if not note:
            raise ValidationError("note", "required", "Explain the variance in a note.")
        if approval is None:
            raise ApprovalNeeded("A variance this large needs a supervisor's approval.")
    now = datetime.now(UTC).isoformat()
    body: ShiftCloseBody = {
        "closed_at": now,
        "counted_denominations": denominations,
        "counted_fen": counted_fen,
        "expected_fen": fig.expected_cash_fen,
        "note": note,
    }
    if approval is not None:
        body["approval"] = approval.to_json()
    if waiting and pending is not None:
        body["pending_upload"] = len(waiting)
        body["pending_approval"] = pending.to_json()
    closed = {
        **shift,
        "status": ShiftStatus.CLOSED,
        "closed_at": now,
        "counted_fen": counted_fen,
        "counted_denominations": denominations,
        "expected_fen": fig.expected_cash_fen,
        "variance_fen": variance,
        "note": note or None,
    }
    with sess.cache.write() as conn:
        store.put(conn, "shift", closed, force=True)
        outbox.enqueue(
            conn,
            api_version=API_VERSION,
            kind=OutboxKind.SHIFT_CLOSE,
            method="POST",
            path=f"/shifts/{shift['id']}/close",
            body=body,
            created_at=now,
            entity="shift",
            entity_id=shift["id"],
            shift_id=shift["id"],
            record=closed,
        )
        if waiting and pending is not None:
            journal.audit(
                conn,
                now,
                "shift_closed_pending_upload",
                {"shift": shift["id"], "waiting": len(waiting), "by": pending.supervisor_staff_no},
                sess.signed.staff_id,
            )
    report = ShiftReportData(
        shift_id=shift["id"],
        **counter_header(sess),
        opened_at=datetime.fromisoformat(shift["opened_at"]),
        closed_at=datetime.fromisoformat(now),
        opening_float_fen=shift["opening_float_fen"],
        totals_by_method=fig.totals_by_method,
        totals_by_kind=fig.totals_by_kind,
        counts_by_method=fig.counts_by_method,
        payment_count=sum(fig.counts_by_method.values()),
        void_count=fig.void_count,
        void_total_fen=fig.void_total_fen,
        cash_in_fen=fig.cash_in_fen,
        cash_out_fen=fig.cash_out_fen,
        expected_cash_fen=fig.expected_cash_fen,
        counted_cash_fen=counted_fen,
        variance_fen=variance,
        counted_by_denomination={int(k): v for k, v in denominations.items()},
        note=note,
        approved_by=approval.supervisor_staff_no if approval else None,
        pending_upload=len(waiting),
        pending_approved_by=pending.supervisor_staff_no if pending and waiting else None,
    )
    return Changed(report, Changes(shift=True, outbox=True, closed=True))
