"""What the province refused: kept for a person to see and act on, never dropped."""

from __future__ import annotations

from dataclasses import dataclass

from local_cache import outbox
from local_cache.db import Cache

KIND_LABELS = {
    "payment": "payment",
    "void": "void",
    "shift_open": "open shift",
    "shift_close": "close shift",
}


@dataclass(frozen=True)
class SyncIssue:
    entry_id: str
    kind: str
    created_at: str
    receipt_no: str
    amount_fen: int | None
    reason: str


def refused(cache: Cache) -> list[SyncIssue]:
    return [
        SyncIssue(
            e.id,
            e.kind,
            e.created_at,
            str(e.body.get("receipt_no") or ""),
            e.body.get("amount_fen"),
            e.last_error or "",
        )
        for e in outbox.entries(cache, ("rejected",))
    ]
