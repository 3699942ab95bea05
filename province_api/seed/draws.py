"""Small pure helpers of the generator: times, billing periods, check digits, draws."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime


def _epoch(d: date) -> int:
    return int(datetime(d.year, d.month, d.day, tzinfo=UTC).timestamp())


def _utc(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


def _months_before(as_of: date, n: int) -> list[tuple[str, date, int]]:
    """The n monthly periods before as_of's month, newest first: (YYYY-MM, due date, end ts)."""
    out = []
    year, month = as_of.year, as_of.month
    for _ in range(n):
        next_year, next_month = year, month  # the month after the period
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        out.append(
            (
                f"{year:04d}-{month:02d}",
                date(next_year, next_month, 20),
                _epoch(date(next_year, next_month, 1)),
            )
        )
    return out


_LUHN_DOUBLED = tuple((2 * d) // 10 + (2 * d) % 10 for d in range(10))


def luhn_check_digit(body: str) -> str:
    """The Luhn digit to append to `body` (same result as stdnum.luhn.calc_check_digit, ~6x
    faster, which matters at a million lines)."""
    total = 0
    doubled = _LUHN_DOUBLED
    for i, ch in enumerate(reversed(body)):
        d = ord(ch) - 48
        total += doubled[d] if i % 2 == 0 else d
    return str(-total % 10)


def _weighted_sample(rng: random.Random, items: list[str], weights: list[int], k: int) -> list[str]:
    """k distinct items, each draw weighted."""
    if k == 0:
        return []
    items, weights = list(items), list(weights)
    chosen = []
    for _ in range(k):
        i = rng.choices(range(len(items)), weights=weights)[0]
        chosen.append(items.pop(i))
        weights.pop(i)
    return chosen


def _is_pretty(tail: str) -> bool:
    """AAAA, AABB or ABAB endings are sold as premium numbers."""
    return (tail[0] == tail[1] and tail[2] == tail[3]) or tail[:2] == tail[2:]


__all__ = [
    "_epoch",
    "_is_pretty",
    "_months_before",
    "_utc",
    "_weighted_sample",
    "luhn_check_digit",
]
