"""What a use case changed, so the views showing it follow by themselves.

A use case that writes returns `Changed(value, changes)` (or a result with a `changes`
field); the UI's one write helper (`ui.tasks.TaskRunner.write`) runs it on the single
writer and announces the changes, and each view listens for what it shows: the 360° view
for its customer, the shift line and the shift's payments for the shift, the status bar for
the outbox. Nothing refreshes a view by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class ShiftState:
    """The clerk's open shift as the status bar shows it."""

    shift_id: str
    opened_at: str
    cash_fen: int  # what the drawer should hold now


@dataclass(frozen=True)
class Changes:
    customers: frozenset[str] = frozenset()
    shift: bool = False  # the clerk's shift: opened, closed, its cash or its payments
    outbox: bool = False  # entries were added: to send now
    everything: bool = False  # the cache changed under every view (a pull)
    # Known at once when the write opened or closed the shift (a quit or an F2 straight
    # after is judged on it, not on a read still under way).
    opened: ShiftState | None = None
    closed: bool = False

    @classmethod
    def of(
        cls,
        customers: Iterable[str | None] = (),
        *,
        shift: bool = False,
        outbox: bool = False,
        everything: bool = False,
    ) -> Changes:
        return cls(frozenset(c for c in customers if c), shift, outbox, everything)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.customers | other.customers,
            self.shift or other.shift,
            self.outbox or other.outbox,
            self.everything or other.everything,
            other.opened or self.opened,
            other.closed or (self.closed and other.opened is None),
        )

    def __bool__(self) -> bool:
        return bool(self.customers) or self.shift or self.outbox or self.everything

    def touches_customer(self, customer_id: str) -> bool:
        return self.everything or customer_id in self.customers


@dataclass(frozen=True)
class Changed(Generic[T]):
    """A use case's answer and what it changed."""

    value: T
    changes: Changes = field(default_factory=Changes)
