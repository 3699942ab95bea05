"""What the province refused, kept for a person to see and act on, never dropped; and what
it keeps failing on (5xx after 5xx), still tried, shown as needing attention."""

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
    needs_attention: bool = False  # still waiting: the province failed on it many times


def refused(cache: Cache) -> list[SyncIssue]:
    """Refused entries, then those needing attention, each oldest first."""
    stuck = [(e, True) for e in outbox.needing_attention(cache)]
    return [
        SyncIssue(
            e.id,
            e.kind,
            e.created_at,
            str(e.body.get("receipt_no") or ""),
            e.body.get("amount_fen"),
            e.last_error or "",
            attention,
        )
        for e, attention in [(e, False) for e in outbox.entries(cache, ("rejected",))] + stuck
    ]
