"""The province's rule values, the same at both ends: the province serves them in the change
feed (entity `policy`), the counter keeps the last it pulled and cannot change them.

A value missing from what the province sent (an older province) keeps its default here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

# The one policy row's id in the province's table and in the feed.
POLICY_ID = "6f1f3e52-5a53-4f1c-9d4e-000000000001"


@dataclass(frozen=True)
class Policy:
    max_lines_per_id: int = 5  # 一证五号: active lines per resident ID across the province
    number_hold_minutes: int = 30  # a chosen number stays held for the counter this long
    waiver_approval_fen: int = 2000  # waiving more than this (per order) needs a supervisor
    topup_min_fen: int = 100
    topup_max_fen: int = 500_000
    # A top-up above this while the province is unreachable needs a supervisor on the spot.
    offline_topup_max_fen: int = 20_000
    variance_approval_fen: int = 1000  # a drawer off by more than this needs a supervisor
    # Order types a counter may queue in its outbox while the province is unreachable.
    offline_order_types: tuple[str, ...] = ("new_line", "addons", "suspend", "resume")
    # Order types that always need a supervisor (transfer, cancellation, reversal).
    approval_order_types: tuple[str, ...] = ("transfer", "cancel", "reverse")
    # -- security ---------------------------------------------------------------------------
    # An approval given offline (against the verifier in the counter's cache) covers at most
    # this much money; more needs the link and an online approval.
    offline_approval_max_fen: int = 50_000
    # How long an entry may have waited in a counter's outbox and still be judged by the
    # time the counter queued it (an approval valid then is accepted); older is refused.
    offline_window_hours: int = 72
    # Dates a client sends (paid_at, created_at…) must lie within this many days of the
    # province's clock, behind or ahead.
    client_date_window_days: int = 30
    # Sign-in and approval guesses: after this many failures in a row for one staff number
    # it is locked until a supervisor or an administrator lifts the lock.
    lockout_after_failures: int = 10
    # The counter locks its screen after this many minutes without a key or a click.
    idle_lock_minutes: int = 5
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("extra")
        out["offline_order_types"] = list(self.offline_order_types)
        out["approval_order_types"] = list(self.approval_order_types)
        return out

    @classmethod
    def from_json(cls, raw: dict[str, Any] | None) -> Policy:
        """Known values taken (lists as tuples); unknown ones kept aside, not trusted."""
        raw = dict(raw or {})
        known: dict[str, Any] = {}
        for f in fields(cls):
            if f.name == "extra" or f.name not in raw:
                continue
            value = raw.pop(f.name)
            if f.name.endswith("_types"):
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    known[f.name] = tuple(value)
            elif isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                known[f.name] = value
        return cls(**known, extra=raw)


DEFAULT = Policy()
