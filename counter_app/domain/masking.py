"""Masking of personal numbers for screens, receipts and logs.

The masked value keeps the original length, so a clerk can still see that a number is
complete. Values too short for the normal rule show only their last two characters, so
part of the value is always hidden.
"""

from __future__ import annotations


def _mask(value: str | None, head: int, tail: int) -> str:
    if not value:
        return ""
    if len(value) <= head + tail:
        return "*" * (len(value) - 2) + value[-2:]
    return value[:head] + "*" * (len(value) - head - tail) + value[-tail:]


def mask_id_number(value: str | None) -> str:
    """110105194912310021 -> 110105********0021."""
    return _mask(value, 6, 4)


def mask_mobile(value: str | None) -> str:
    """13800138000 -> 138****8000."""
    return _mask(value, 3, 4)


def mask_iccid(value: str | None) -> str:
    """89860012345678901234 -> 898600**********1234."""
    return _mask(value, 6, 4)


def mask_name(value: str | None) -> str:
    """张三丰 -> 张**: enough for the clerk who served them to know the line again."""
    if not value:
        return ""
    return value[0] + "*" * (len(value) - 1)
