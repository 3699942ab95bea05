"""Sending the outbox to the province, in order, each entry once.

A network error leaves the entry pending and ends the push (the link is down). A 5xx leaves
that entry pending, retried later with backoff and jitter, and the push goes on with the
others; after several in a row it is shown as needing attention. A 4xx answer is final: the
entry becomes `rejected` for a person to act on (never dropped) and the local record is put
back as the province has it. Entries of a customer wait behind an earlier one of that
customer that has not gone through (see `_lanes`); audit events wait for nothing and hold
nothing up.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from counter_app.api_client import ApiClient, ApiError, AuthExpired, OfflineError
from counter_app.changes import Changes
from counter_app.domain.kinds import OutboxKind
from local_cache import orders_store, outbox
from local_cache import payments_store as store
from local_cache.db import Cache
from local_cache.outbox import OutboxEntry

log = logging.getLogger(__name__)
MAX_BACKOFF_S = 300.0
DOWN_AFTER = 3  # 5xx answers in a row, with nothing answered otherwise: the province is down


@dataclass(frozen=True)
class PushResult:
    accepted: int
    rejected: int
    waiting: int
    offline: bool
    refused_total: int = 0  # entries the province refused, kept for a person to see
    # The customers whose entries the province answered (their views show it now).
    customers: frozenset[str] = frozenset()

    @property
    def changes(self) -> Changes:
        """What this push changed on screen: the customers answered, and the shift."""
        settled = bool(self.accepted or self.rejected)
        return Changes.of(self.customers, shift=settled)


def backoff(attempts: int, rng: random.Random | None = None) -> float:
    """Seconds before the next try: doubling from 2 s up to 5 min, with ±25 % jitter."""
    base: float = min(2.0 * 2 ** max(attempts, 0), MAX_BACKOFF_S)
    jitter: float = (rng or random.Random()).random()
    return base * (0.75 + 0.5 * jitter)


def push(
    api: ApiClient, cache: Cache, force: bool = False, staff_id: str | None = None
) -> PushResult:
    """Send what is due (everything pending when `force`); with `staff_id`, only that
    clerk's (another clerk's wait for their own sign-in), audit written before anyone
    signed in becoming theirs. Raises AuthExpired."""
    now = datetime.now(UTC)
    if staff_id is not None:
        outbox.claim_unowned(cache, staff_id)
    accepted = rejected = failed_in_a_row = 0
    blocked: set[str] = set()
    touched: set[str] = set()
    entries = outbox.entries(cache, staff_id=staff_id)
    for entry in entries:
        waits_on, holds = _lanes(entry)
        if waits_on & blocked:
            blocked |= holds
            continue
        if entry.depends_on:
            with cache.read() as conn:
                dep = outbox.state_of(conn, entry.depends_on)
            if dep == "pending":
                blocked |= holds
                continue
            if dep == "rejected":
                _reject(cache, entry, {"detail": "An earlier action it depends on was refused."})
                rejected += 1
                touched.add(entry.customer_id or "")
                continue
        if (
            not force
            and entry.next_attempt_at
            and datetime.fromisoformat(entry.next_attempt_at) > now
        ):
            blocked |= holds
            continue
        try:
            answer = api.post_json(
                entry.path,
                entry.body,
                idempotency_key=entry.idempotency_key,
                api_version=entry.api_version,
            )
        except OfflineError as exc:
            when = now + timedelta(seconds=backoff(entry.attempts))
            if exc.status is not None:  # the province failed on this one: the others go on
                failures = outbox.mark_failure(cache, entry.id, str(exc)[:500], when.isoformat())
                if failures == outbox.ATTENTION_AFTER:
                    log.warning("entry %s %s needs attention: %s", entry.kind, entry.id, exc)
                failed_in_a_row += 1
                if failed_in_a_row >= DOWN_AFTER and not (accepted or rejected):
                    # Failing on everything (a gateway answering for a province that is
                    # down): that is an outage, not one bad entry.
                    return _result(cache, accepted, rejected, touched, offline=True)
                blocked |= holds
                continue
            outbox.mark_retry(cache, entry.id, str(exc)[:500], when.isoformat())
            return _result(cache, accepted, rejected, touched, offline=True)
        except AuthExpired:
            raise
        except ApiError as exc:
            log.warning("province refused %s %s: %s", entry.kind, entry.id, exc.detail)
            _reject(
                cache,
                entry,
                {
                    "status": exc.status,
                    "type": exc.type,
                    "detail": exc.detail,
                    "errors": exc.errors,
                },
            )
            rejected += 1
            touched.add(entry.customer_id or "")
            continue
        _accept(cache, entry, answer)
        accepted += 1
        touched.add(entry.customer_id or "")
    return _result(cache, accepted, rejected, touched, offline=False)


def _lanes(entry: OutboxEntry) -> tuple[set[str], set[str]]:
    """What an entry waits behind, and what waits behind it while it is not through. A
    customer's entries go in order; a shift's entries wait for its opening, and its close
    for all of them; other customers' entries never wait for each other. An audit event is
    in no lane: a refused or failing one never holds back money (nor another event)."""
    shift, customer = f"shift:{entry.shift_id}", f"customer:{entry.customer_id}"
    close = f"close:{entry.shift_id}"
    if entry.kind == OutboxKind.AUDIT:
        return set(), set()
    if entry.kind == OutboxKind.SHIFT_OPEN:
        return {shift}, {shift, close}
    if entry.kind == OutboxKind.SHIFT_CLOSE:
        return {shift, close}, {shift}
    waits = {shift} if entry.shift_id else set()
    if entry.customer_id:
        waits.add(customer)
    return waits, {customer, close} if entry.customer_id else {close}


def _result(
    cache: Cache, accepted: int, rejected: int, touched: set[str], *, offline: bool
) -> PushResult:
    waiting, refused = outbox.count(cache), outbox.count(cache, "rejected")
    return PushResult(accepted, rejected, waiting, offline, refused, frozenset(touched - {""}))


def _accept(cache: Cache, entry: OutboxEntry, answer: Any) -> None:
    when = datetime.now(UTC).isoformat()
    with cache.write() as conn:
        if outbox.finish(conn, entry.id, "accepted", answer, when) is None:
            return  # another push settled it first
        if entry.kind in (OutboxKind.PAYMENT, OutboxKind.VOID):
            store.put(conn, "payment", answer, sync_state="accepted")
        elif entry.kind in (OutboxKind.SHIFT_OPEN, OutboxKind.SHIFT_CLOSE):
            store.put(conn, "shift", answer)
        elif entry.kind == OutboxKind.ORDER:
            orders_store.put_order(conn, answer)


def _reject(cache: Cache, entry: OutboxEntry, problem: dict[str, Any]) -> None:
    """Final: keep the entry for a person, and undo what the counter assumed would happen
    (only where the province's own newer rows have not arrived meanwhile)."""
    when = datetime.now(UTC).isoformat()
    with cache.write() as conn:
        effects = outbox.finish(
            conn, entry.id, "rejected", problem, when, error=str(problem.get("detail", ""))[:500]
        )
        if effects is None:
            return  # another push settled it first
        store.apply_effects(conn, effects, sign=-1)
        if entry.kind in (OutboxKind.PAYMENT, OutboxKind.VOID) and entry.entity_id:
            store.set_sync_state(conn, entry.entity_id, "rejected")
        if entry.kind == OutboxKind.ORDER and entry.entity_id:
            orders_store.refused(conn, entry.entity_id, str(problem.get("detail", ""))[:500])
        if entry.kind == OutboxKind.VOID and entry.entity_id:
            reversal = store.payment(conn, entry.entity_id)
            voided = reversal["reverses_id"] if reversal is not None else None
            if voided:
                store.unmark_voided(conn, voided, entry.entity_id)
