"""The outbox: what the counter did, waiting to be told to the province, in order."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

if TYPE_CHECKING:  # (the journal queues audit events here, and the cache opens the journal)
    from local_cache.db import Cache


@dataclass(frozen=True)
class OutboxEntry:
    seq: int
    id: str
    idempotency_key: str
    kind: str
    method: str
    path: str
    body: dict[str, Any]
    entity: str | None
    entity_id: str | None
    customer_id: str | None
    shift_id: str | None
    depends_on: str | None
    state: str
    attempts: int
    next_attempt_at: str | None
    last_error: str | None
    created_at: str
    api_version: int  # what the body was written for; sent with it
    staff_id: str | None = None  # an entry in no shift: whose it is (None: not known yet)


# A clerk's entries: made in their shifts, or theirs outside any (params: staff_id twice).
_THEIRS = "(o.shift_id IN (SELECT id FROM shift WHERE staff_id = ?) OR o.staff_id = ?)"
# The only kind written with no one signed in (recovery at start-up): the next clerk's.
UNOWNED_KIND = "audit"


def enqueue(
    conn: Connection,
    *,
    kind: str,
    method: str,
    path: str,
    body: dict[str, Any],
    created_at: str,
    api_version: int,
    entity: str | None = None,
    entity_id: str | None = None,
    customer_id: str | None = None,
    shift_id: str | None = None,
    depends_on: str | None = None,
    idempotency_key: str | None = None,
    local_effects: list[dict[str, Any]] | None = None,
    record: Any = None,
    staff_id: str | None = None,
) -> str:
    """Add an entry inside the caller's transaction (the same one as the local record).
    `record` is that local record as written: a rebuilt cache gets it back from here.
    `staff_id`: whose an entry in no shift is (a shift's entries are its clerk's)."""
    entry_id = str(uuid.uuid4())
    conn.exec_driver_sql(
        "INSERT INTO outbox (id, idempotency_key, kind, method, path, body, entity, entity_id, "
        "customer_id, shift_id, depends_on, created_at, local_effects, api_version, record, "
        "staff_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            entry_id,
            idempotency_key or entry_id,
            kind,
            method,
            path,
            json.dumps(body, ensure_ascii=False),
            entity,
            entity_id,
            customer_id,
            shift_id,
            depends_on,
            created_at,
            json.dumps(local_effects or []),
            api_version,
            None if record is None else json.dumps(record, ensure_ascii=False, default=str),
            staff_id,
        ),
    )
    return entry_id


def _entry(row: Any) -> OutboxEntry:
    data = dict(row)
    data["body"] = json.loads(data["body"])
    for extra in ("response", "done_at", "local_effects", "record", "failures"):
        data.pop(extra, None)
    return OutboxEntry(**data)


def entries(
    cache: Cache, states: tuple[str, ...] = ("pending",), staff_id: str | None = None
) -> list[OutboxEntry]:
    """Entries in these states, oldest first; with `staff_id`, only that clerk's: made in
    their shifts, or theirs outside any (each clerk's actions go to the province under their
    own sign-in)."""
    marks = ",".join("?" * len(states))
    sql = f"SELECT o.* FROM outbox o WHERE o.state IN ({marks})"
    params: tuple[str, ...] = states
    if staff_id is not None:
        sql += f" AND {_THEIRS}"
        params = (*states, staff_id, staff_id)
    with cache.read() as conn:
        rows = conn.exec_driver_sql(sql + " ORDER BY o.seq", params).mappings().all()
    return [_entry(r) for r in rows]


def latest(cache: Cache, states: tuple[str, ...], limit: int) -> list[OutboxEntry]:
    """The newest `limit` entries in these states, newest first."""
    marks = ",".join("?" * len(states))
    with cache.read() as conn:
        rows = (
            conn.exec_driver_sql(
                f"SELECT * FROM outbox WHERE state IN ({marks}) ORDER BY seq DESC LIMIT ?",
                (*states, limit),
            )
            .mappings()
            .all()
        )
    return [_entry(r) for r in rows]


def last_pending(conn: Connection, kind: str, staff_id: str) -> str | None:
    """This clerk's newest waiting entry of this kind (a shift's close, for the next open)."""
    value = conn.exec_driver_sql(
        "SELECT id FROM outbox WHERE kind = ? AND state = 'pending' AND shift_id IN "
        "(SELECT id FROM main.shift WHERE staff_id = ?) ORDER BY seq DESC LIMIT 1",
        (kind, staff_id),
    ).scalar()
    return None if value is None else str(value)


def state_of(conn: Connection, entry_id: str) -> str | None:
    value = conn.exec_driver_sql("SELECT state FROM outbox WHERE id = ?", (entry_id,)).scalar()
    return None if value is None else str(value)


def entry_for(conn: Connection, entity: str, entity_id: str) -> str | None:
    value = conn.exec_driver_sql(
        "SELECT id FROM outbox WHERE entity = ? AND entity_id = ? ORDER BY seq DESC LIMIT 1",
        (entity, entity_id),
    ).scalar()
    return None if value is None else str(value)


def finish(
    conn: Connection, entry_id: str, state: str, response: Any, when: str, error: str | None = None
) -> list[dict[str, Any]] | None:
    """Move a pending entry to its final state. None when it was no longer pending (someone
    else settled it first); otherwise the local effects it had made."""
    changed = conn.exec_driver_sql(
        "UPDATE outbox SET state = ?, response = ?, done_at = ?, last_error = ?, "
        "attempts = attempts + 1 WHERE id = ? AND state = 'pending'",
        (state, json.dumps(response, ensure_ascii=False), when, error, entry_id),
    ).rowcount
    if changed != 1:
        return None
    effects = conn.exec_driver_sql(
        "SELECT local_effects FROM outbox WHERE id = ?", (entry_id,)
    ).scalar_one()
    return list(json.loads(effects or "[]"))


def mark_retry(cache: Cache, entry_id: str, error: str, next_attempt_at: str) -> None:
    with cache.write() as conn:
        conn.exec_driver_sql(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
            "WHERE id = ?",
            (error, next_attempt_at, entry_id),
        )


ATTENTION_AFTER = 5  # 5xx answers in a row before an entry is shown as needing attention


def mark_failure(cache: Cache, entry_id: str, error: str, next_attempt_at: str) -> int:
    """The province answered this entry with a 5xx: tried again later, the others go on.
    Returns how many times in a row it has failed so."""
    with cache.write() as conn:
        conn.exec_driver_sql(
            "UPDATE outbox SET attempts = attempts + 1, failures = failures + 1, "
            "last_error = ?, next_attempt_at = ? WHERE id = ?",
            (error, next_attempt_at, entry_id),
        )
        return int(
            conn.exec_driver_sql(
                "SELECT failures FROM outbox WHERE id = ?", (entry_id,)
            ).scalar_one()
        )


def needing_attention(cache: Cache) -> list[OutboxEntry]:
    """Waiting entries the province keeps failing on (shown in Sync issues; retried)."""
    with cache.read() as conn:
        rows = (
            conn.exec_driver_sql(
                "SELECT * FROM outbox WHERE state = 'pending' AND failures >= ? ORDER BY seq",
                (ATTENTION_AFTER,),
            )
            .mappings()
            .all()
        )
    return [_entry(r) for r in rows]


def count_for(cache: Cache, staff_id: str, state: str = "pending") -> int:
    """This clerk's entries in `state`, audit records aside (they are no action of the
    clerk's to ask about: they wait for the clerk's next sign-in like the rest)."""
    with cache.read() as conn:
        return int(
            conn.exec_driver_sql(
                f"SELECT count(*) FROM outbox o WHERE o.state = ? AND o.kind <> 'audit' "
                f"AND {_THEIRS}",
                (state, staff_id, staff_id),
            ).scalar_one()
        )


def claim_unowned(cache: Cache, staff_id: str) -> int:
    """Waiting entries of no one and no shift (audit written before anyone signed in)
    become this clerk's: sent under their sign-in, and only theirs from now on (a key the
    province keeps per staff member must not reach it under two). Returns how many."""
    unowned = "state = 'pending' AND staff_id IS NULL AND shift_id IS NULL AND kind = ?"
    with cache.read() as conn:  # (most pushes find none: no write lock taken for them)
        found = conn.exec_driver_sql(f"SELECT 1 FROM outbox WHERE {unowned}", (UNOWNED_KIND,))
        if found.first() is None:
            return 0
    with cache.write() as conn:
        return int(
            conn.exec_driver_sql(
                f"UPDATE outbox SET staff_id = ? WHERE {unowned}", (staff_id, UNOWNED_KIND)
            ).rowcount
        )


def count(cache: Cache, state: str = "pending") -> int:
    """Entries in `state`; waiting audit records aside (what the counter tells the clerk is
    behind is the clerk's actions: an audit record goes with the next push, and is no
    reason for a banner). A refused one is counted: someone must look at it."""
    audit_aside = " AND kind <> 'audit'" if state == "pending" else ""
    with cache.read() as conn:
        return int(
            conn.exec_driver_sql(
                "SELECT count(*) FROM outbox WHERE state = ?" + audit_aside, (state,)
            ).scalar_one()
        )


def pending_for_shift(cache: Cache, shift_id: str) -> list[OutboxEntry]:
    return [e for e in entries(cache) if e.shift_id == shift_id and e.kind != "shift_close"]


def oldest_pending(cache: Cache) -> str | None:
    """When the oldest action still waiting for the province was made (ISO), or None."""
    with cache.read() as conn:
        value = conn.exec_driver_sql(
            "SELECT min(created_at) FROM outbox WHERE state = 'pending' AND kind <> 'audit'"
        ).scalar()
    return None if value is None else str(value)


def attention_ids(cache: Cache) -> set[str]:
    return {e.id for e in needing_attention(cache)}


def clear_backoff(cache: Cache, entry_id: str) -> None:
    """Sent at the next push, whatever back-off it had earned."""
    with cache.write() as conn:
        conn.exec_driver_sql(
            "UPDATE outbox SET next_attempt_at = NULL WHERE id = ? AND state = 'pending'",
            (entry_id,),
        )


def entry(conn: Connection, entry_id: str) -> OutboxEntry | None:
    row = conn.exec_driver_sql("SELECT * FROM outbox WHERE id = ?", (entry_id,)).mappings().first()
    return None if row is None else _entry(row)


def enqueue_again(conn: Connection, refused: OutboxEntry, when: str) -> str:
    """The same action as a new entry under a new key (the province refused the old key),
    still after what it depended on: that entry, or the one it was itself sent again as."""
    record = conn.exec_driver_sql(
        "SELECT record, local_effects FROM outbox WHERE id = ?", (refused.id,)
    ).one()
    depends = refused.depends_on
    while depends is not None:
        row = conn.exec_driver_sql(
            "SELECT state, response FROM outbox WHERE id = ?", (depends,)
        ).first()
        if row is None or row[0] != "resolved":
            break
        depends = (json.loads(row[1] or "{}").get("resolved") or {}).get("new_entry")
    return enqueue(
        conn,
        kind=refused.kind,
        method=refused.method,
        path=refused.path,
        body=refused.body,
        created_at=when,
        api_version=refused.api_version,
        entity=refused.entity,
        entity_id=refused.entity_id,
        customer_id=refused.customer_id,
        shift_id=refused.shift_id,
        depends_on=depends,
        record=json.loads(record[0]) if record[0] else None,
        staff_id=refused.staff_id,
    )


def resolve(conn: Connection, entry_id: str, decision: dict[str, Any], when: str) -> None:
    """A person's decision on a refused entry: kept, with the decision, as `resolved`."""
    conn.exec_driver_sql(
        "UPDATE outbox SET state = 'resolved', response = ?, done_at = ? "
        "WHERE id = ? AND state = 'rejected'",
        (json.dumps({"resolved": decision}, ensure_ascii=False), when, entry_id),
    )


def prune(cache: Cache, before: str) -> int:
    """Forget entries the province took before `before` (ISO): the province has them, and
    the journal stays small. Refused and resolved ones are kept for the audit."""
    with cache.write() as conn:
        return int(
            conn.exec_driver_sql(
                "DELETE FROM outbox WHERE state = 'accepted' AND done_at < ?", (before,)
            ).rowcount
        )
