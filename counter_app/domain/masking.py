"""Masking of personal numbers for screens, receipts and logs.

The masked value keeps the original length, so a clerk can still see that a number is
complete. Values too short for the normal rule show only their last two characters, so
part of the value is always hidden.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from urllib.parse import quote, unquote_plus


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


# -- logs --------------------------------------------------------------------------------
# No full resident ID or mobile number in any log: the counter's and the province's (whose
# access log prints each request line, a search's query string with it).
_ID_IN_TEXT = re.compile(r"(?<!\d)\d{17}[\dXx](?![\dA-Za-z])")
_MOBILE_IN_TEXT = re.compile(r"(?<!\d)((?:\+|00)?86[ -]?)?(1[3-9]\d(?:[ -]?\d{4}){2})(?!\d)")
_ID_VALUE = re.compile(r"\d{17}[\dXx]")
_MOBILE_VALUE = re.compile(r"(?:\+?86|0086)?(1[3-9]\d{9})")
# Search parameters: their values are masked whole, whatever they hold (a name, part of a
# number); the path and the other parameters stay, for whoever reads the log.
SEARCH_PARAMS = (
    "q",
    "id_no",
    "id_number",
    "phone",
    "mobile",
    "msisdn",
    "contact_phone",
    "contains",
    "ends_with",
)
_QUERY_VALUE = re.compile(rf"([?&](?:{'|'.join(SEARCH_PARAMS)})=)([^&#\s\"'<>]*)")


def _mask_param(raw: str) -> str:
    if not raw or "*" in raw:  # (masked already: a record is looked at more than once)
        return raw
    value = unquote_plus(raw)
    compact = "".join(value.split()).replace("-", "")
    if _ID_VALUE.fullmatch(compact):
        masked = mask_id_number(compact.upper())
    elif found := _MOBILE_VALUE.fullmatch(compact):
        masked = mask_mobile(found[1])
    else:
        masked = mask_name(value) if len(value) > 1 else "*"
    return quote(masked, safe="*")


def _mask_mobile_match(found: re.Match[str]) -> str:
    digits = found[2].replace(" ", "").replace("-", "")
    return (found[1] or "") + mask_mobile(digits)


def redact(text: str) -> str:
    """`text` with every resident ID and mobile number in it masked (mask_id_number,
    mask_mobile), and the values of search parameters in any URL in it."""
    if not any(ch.isdigit() for ch in text) and "=" not in text:
        return text
    text = _QUERY_VALUE.sub(lambda m: m[1] + _mask_param(m[2]), text)
    text = _ID_IN_TEXT.sub(lambda m: mask_id_number(m[0]), text)
    return _MOBILE_IN_TEXT.sub(_mask_mobile_match, text)


def _redact_arg(value: object) -> object:
    if isinstance(value, str):
        return redact(value)
    if value is None or isinstance(value, bool | int | float):
        return value  # (kept for %d; the whole message is looked at after)
    try:
        text = str(value)
    except Exception:
        return value
    masked = redact(text)
    return value if masked == text else masked


def redact_record(record: logging.LogRecord) -> None:
    """Mask a record in place: its message, arguments, traceback and stack. The arguments
    keep their places (uvicorn's access formatter reads them one by one)."""
    if isinstance(record.msg, str):
        record.msg = redact(record.msg)
    if isinstance(record.args, tuple):
        record.args = tuple(_redact_arg(a) for a in record.args)
    elif isinstance(record.args, Mapping):
        record.args = {k: _redact_arg(v) for k, v in record.args.items()}
    try:
        message = record.getMessage()
    except Exception:  # a broken format: logging reports it when a handler formats it
        message = None
    if message is not None and (masked := redact(message)) != message:
        record.msg, record.args = masked, None  # (a number given as an int, or msg not a str)
    if record.exc_info and not record.exc_text:
        record.exc_text = _FORMATTER.formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)


_FORMATTER = logging.Formatter()


class PersonalDataFilter(logging.Filter):
    """On a handler (or a logger): every record masked before it is written; none dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True
