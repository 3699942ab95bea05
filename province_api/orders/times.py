"""Times read back from the province's database, as UTC (SQLite returns them without zone)."""

from __future__ import annotations

from datetime import UTC, datetime


def aware(value: datetime | None) -> datetime:
    """`value` as UTC; None (no time) as the earliest time there is."""
    if value is None:
        return datetime.min.replace(tzinfo=UTC)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value
