"""The province's audit log: who did what sensitive thing, append-only and hash-chained.

Each hall has its own chain (`AuditEvent.chain` is the hall's id, or PROVINCE for events of
no hall), so halls append without waiting on each other. An event's hash covers its own
fields and the hash of the event before it in the chain: a row changed or deleted behind
the database triggers' back (an administrator with the table owner's rights) breaks the
chain at that row, and `verify` (`province-api audit verify`) names it.

`record` appends inside the caller's transaction, so the event commits with the work it
describes, or not at all. A refusal (a wrong password, a forged approval) is recorded after
the caller has rolled back its work (`record_refusal`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from province_api.models import AuditEvent

PROVINCE = "province"
GENESIS = "0" * 64
MAX_DETAIL = 2000


class AuditAction:
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_OUT = "sign_out"
    LOCKED_OUT = "locked_out"
    LOCK_LIFTED = "lock_lifted"
    SESSIONS_REVOKED = "sessions_revoked"
    APPROVAL_GIVEN = "approval_given"
    APPROVAL_FAILED = "approval_failed"
    OFFLINE_APPROVAL = "offline_approval"
    OFFLINE_APPROVAL_REFUSED = "offline_approval_refused"
    OFFLINE_APPROVAL_REVIEWED = "offline_approval_reviewed"
    VOID = "void"
    ID_REVEALED = "id_revealed"
    CUSTOMER_VIEWED_ELSEWHERE = "customer_viewed_elsewhere"
    CONTACT_CHANGED = "contact_changed"
    POLICY_CHANGED = "policy_changed"
    COUNTER_EVENT = "counter_event"


def _canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _hash(prev_hash: str, event: AuditEvent) -> str:
    fields = {
        "chain": event.chain,
        "n": event.n,
        "at": _aware(event.at).astimezone(UTC).isoformat(timespec="microseconds"),
        "action": event.action,
        "staff_id": event.staff_id,
        "counter_id": event.counter_id,
        "target": event.target,
        "detail": event.detail,
    }
    return hashlib.sha256(prev_hash.encode() + _canonical(fields)).hexdigest()


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _lock_chain(db: Session, chain: str) -> None:
    """Appenders of one chain take turns (PostgreSQL; SQLite has one writer already)."""
    if db.get_bind().dialect.name == "postgresql":
        db.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:c, 7))"), {"c": f"audit:{chain}"}
        )


def record(
    db: Session,
    action: str,
    *,
    hall_id: str | None,
    staff_id: str | None = None,
    counter_id: str | None = None,
    target: str | None = None,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Append one event to its hall's chain, in the caller's transaction (no personal data
    in `detail`: ids and amounts, not ID numbers, names or phones)."""
    chain = hall_id or PROVINCE
    _lock_chain(db, chain)
    last = db.execute(
        select(AuditEvent.n, AuditEvent.hash)
        .where(AuditEvent.chain == chain)
        .order_by(AuditEvent.n.desc())
        .limit(1)
    ).first()
    n, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    event = AuditEvent(
        chain=chain,
        n=n,
        at=(at or datetime.now(UTC)).astimezone(UTC),
        action=action[:32],
        staff_id=staff_id,
        counter_id=(counter_id or None) and counter_id[:32],
        target=(target or None) and target[:64],
        detail=_canonical(detail or {}).decode()[:MAX_DETAIL],
        prev_hash=prev,
    )
    event.hash = _hash(prev, event)
    db.add(event)
    db.flush()
    return event


def record_refusal(db: Session, action: str, **fields: Any) -> None:
    """Roll back the caller's work, then record and commit the event on its own (the
    request is about to be refused: nothing else of it may commit)."""
    db.rollback()
    record(db, action, **fields)
    db.commit()


@dataclass(frozen=True)
class Break:
    chain: str
    n: int
    why: str


def _walk(rows: Iterator[AuditEvent]) -> Iterator[Break]:
    chain, expected_n, prev = None, 1, GENESIS
    for event in rows:
        if event.chain != chain:
            chain, expected_n, prev = event.chain, 1, GENESIS
        if event.n != expected_n:
            yield Break(event.chain, expected_n, f"event {expected_n} is missing")
        elif event.prev_hash != prev:
            yield Break(event.chain, event.n, "it does not follow the event before it")
        elif _hash(prev, event) != event.hash:
            yield Break(event.chain, event.n, "its content does not match its hash")
        expected_n, prev = event.n + 1, event.hash


def verify(engine: Engine) -> tuple[int, list[Break]]:
    """Walk every chain: (events checked, the first break of each broken chain)."""
    breaks: dict[str, Break] = {}
    with Session(engine) as db:
        total = db.scalar(select(func.count()).select_from(AuditEvent)) or 0
        rows = db.scalars(
            select(AuditEvent)
            .order_by(AuditEvent.chain, AuditEvent.n)
            .execution_options(yield_per=2000)
        )
        for found in _walk(iter(rows)):
            breaks.setdefault(found.chain, found)
    return total, list(breaks.values())
