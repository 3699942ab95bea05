"""The counter's audit rows, queued for the province's audit log (POST /audit/events).

Every local audit row (the cache's `audit_log`, the journal's `audit`) is queued here in the
transaction that writes it: one outbox entry per event, its own idempotency key, so an event
is never lost to a crash and never recorded twice. A row in the cache and its entry in the
journal are two files, committed one after the other; the caller acts on the row (shows the
full ID number) only once both have committed, so nothing it did goes unqueued.

What leaves the counter is ids, codes, times, amounts and counts: free text (notes, reasons,
error messages, file paths) and anything shaped like an ID or phone number stays here,
named under `omitted`; a long list goes as its length.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from local_cache import outbox

KIND = outbox.UNOWNED_KIND  # counter_app.domain.kinds.OutboxKind.AUDIT
PATH = "/audit/events"
# The API the body is written to (times with their UTC offset); it stays with the entry.
API_VERSION = 2
# The province's names for the counter's own (others go as they are).
WIRE_ACTIONS = {"reveal_id_number": "id_revealed"}
MAX_DETAIL_BYTES = 1500  # the province's bound (province_api.routes.counter_audit)
MAX_LIST = 20
MAX_DEPTH = 3

_NAME = re.compile(r"^[a-z_]{1,32}$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_KEY = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
_SAFE_TEXT = re.compile(
    r"^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"  # an id
    r"|[a-z][a-z_]{0,31}"  # a code of ours: idle, resend, set_aside
    r"|[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+-?"  # a staff, receipt or order number: H001-C01-000042
    r"|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)$"  # a time
)
# Free text whatever it holds.
_FREE_TEXT_KEYS = frozenset(
    {"note", "reason", "comment", "message", "problem", "name", "phone", "address", "id_number"}
)
_DROP = object()


def queue(
    conn: Connection,
    *,
    at: str,
    action: str,
    detail: Any,
    staff_id: str | None,
    entity: str | None = None,
    entity_id: str | None = None,
    event_id: str | None = None,
) -> str:
    """Queue one audit row for the province, in the caller's transaction. `staff_id` None:
    written with no one signed in, sent under the next sign-in (outbox.claim_unowned).
    Returns the entry's id."""
    event_id = event_id if event_id and _UUID.match(event_id) else str(uuid.uuid4())
    when = _aware(at)
    wire_detail = province_detail(detail)
    if staff_id is None:
        wire_detail["unattributed"] = True  # the province records who sent it
    event = {
        "id": event_id,
        "at": when,
        "action": wire_action(action),
        "entity": entity if entity and _NAME.match(entity) else None,
        "entity_id": entity_id if entity_id and _UUID.match(entity_id) else None,
        "detail": wire_detail,
    }
    return outbox.enqueue(
        conn,
        kind=KIND,
        method="POST",
        path=PATH,
        body={"events": [event]},
        created_at=when,
        api_version=API_VERSION,
        entity="audit",
        entity_id=event_id,
        staff_id=staff_id,
    )


def wire_action(action: str) -> str:
    named = WIRE_ACTIONS.get(action, action)
    if _NAME.match(named):
        return named
    return re.sub(r"[^a-z_]", "_", named.lower())[:32] or "unnamed"


def _aware(at: str) -> str:
    """The time with its UTC offset (a time without one is the counter's UTC)."""
    try:
        when = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        when = datetime.now(UTC)
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).isoformat()


def _size(value: Any) -> int:
    return len(
        json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    )


def province_detail(detail: Any) -> dict[str, Any]:
    """What of a row's detail may leave the counter (see the module's docstring), within
    the province's bound."""
    if not isinstance(detail, dict):
        detail = {} if detail is None else {"value": detail}
    omitted: list[str] = []
    out = _object(detail, 1, "", omitted)
    if omitted:
        out["omitted"] = sorted(set(omitted))[:MAX_LIST]
    if _size(out) > MAX_DETAIL_BYTES:  # the scalars only, lists and objects as their sizes
        out = {k: len(v) if isinstance(v, list | dict) else v for k, v in out.items()}
        out["shortened"] = True
    while _size(out) > MAX_DETAIL_BYTES:
        out.pop(next(k for k in out if k != "shortened"))
    return out


def _object(value: dict[Any, Any], depth: int, prefix: str, omitted: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, item in value.items():
        name = str(key)
        if not _KEY.match(name):
            omitted.append(f"{prefix}?")
            continue
        path = prefix + name
        cleaned = _DROP if name.lower() in _FREE_TEXT_KEYS else _value(item, depth, path, omitted)
        if cleaned is _DROP:
            omitted.append(path)
        else:
            out[name] = cleaned
    return out


def _value(value: Any, depth: int, path: str, omitted: list[str]) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return value if _SAFE_TEXT.match(value) else _DROP
    if depth >= MAX_DEPTH:
        return _DROP
    if isinstance(value, list | tuple):
        if len(value) > MAX_LIST:
            return len(value)
        items = [_value(v, depth + 1, f"{path}[]", omitted) for v in value]
        if any(v is _DROP for v in items):
            omitted.append(f"{path}[]")
        return [v for v in items if v is not _DROP]
    if isinstance(value, dict):
        return _object(value, depth + 1, f"{path}.", omitted)
    return _DROP
