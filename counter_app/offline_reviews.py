"""The hall manager's review of approvals given offline: every one the province received,
accepted or refused (a wrong proof: someone tried to forge a supervisor), until a supervisor
other than the one who approved marks it reviewed. Online only: the list is the province's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counter_app.domain.validators import ValidationError
from counter_app.session import CounterSession

MAX_NOTE = 200


@dataclass(frozen=True)
class OfflineApproval:
    id: str
    received_at: str
    asked_at: str | None
    supervisor_staff_no: str
    clerk_id: str
    counter_id: str
    action: str
    target_id: str
    amount_fen: int | None
    outcome: str  # accepted | refused
    reason: str
    reviewed_at: str | None
    review_note: str

    @classmethod
    def of(cls, raw: dict[str, Any]) -> OfflineApproval:
        return cls(
            id=raw["id"],
            received_at=raw["received_at"],
            asked_at=raw.get("asked_at"),
            supervisor_staff_no=raw["supervisor_staff_no"],
            clerk_id=raw["clerk_id"],
            counter_id=raw["counter_id"],
            action=raw["action"],
            target_id=raw["target_id"],
            amount_fen=raw.get("amount_fen"),
            outcome=raw["outcome"],
            reason=raw.get("reason") or "",
            reviewed_at=raw.get("reviewed_at"),
            review_note=raw.get("review_note") or "",
        )


def listing(sess: CounterSession, reviewed: bool = False) -> list[OfflineApproval]:
    """Runs in a worker. Raises ApiError (403 for a clerk) / OfflineError."""
    api = sess.make_api()
    try:
        rows = api.get_json("/approvals/offline", reviewed=str(reviewed).lower())
    finally:
        api.close()
    return [OfflineApproval.of(r) for r in rows]


def mark_reviewed(sess: CounterSession, review_id: str, note: str) -> OfflineApproval:
    """Runs in a worker. Raises ValidationError for a note too long, ApiError (403: one's
    own approval) / OfflineError."""
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise ValidationError("note", "too_long", "The note is too long (200 characters).")
    api = sess.make_api()
    try:
        raw = api.post_json(f"/approvals/offline/{review_id}/review", {"note": note})
    finally:
        api.close()
    return OfflineApproval.of(raw)
