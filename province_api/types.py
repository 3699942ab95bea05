"""Input types the server trusts no client with: UUID ids, whole fen, bounded numbers, text a
database can store and a clerk can read, numbers in their format, times near the clock."""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import Path, Request
from pydantic import AfterValidator, BeforeValidator, Field, StrictInt

from counter_app.domain.orders import ORDER_NO
from counter_app.domain.problems import ProblemType
from province_api.errors import Problem

UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
MAX_FEN = 999_999_999_999_999  # what `counter_app.domain.money` can write in capitals
MAX_SEQ = 2**63 - 1
MAX_OFFSET = 10_000_000  # no list is paged that far; beyond, an int64 OFFSET overflows

Id = Annotated[str, Field(pattern=UUID_PATTERN)]
Fen = Annotated[StrictInt, Field(ge=-MAX_FEN, le=MAX_FEN)]
PathId = Annotated[str, Path(pattern=UUID_PATTERN)]

# -- text ------------------------------------------------------------------------------------
# What no field of ours has a use for: control characters (C0, DEL, C1; the counter's inputs
# are all one line), surrogates (no character: PostgreSQL cannot store one), non-characters
# (U+FDD0..U+FDEF and the last two of every plane) and the bidirectional overrides, embeddings
# and isolates that make a text read otherwise than it is stored.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17)
)
_UNFIT = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069{_NONCHARACTERS}]")
_FAULTS = (
    ("\x00-\x1f\x7f-\x9f", "Control characters are not allowed."),
    ("\ud800-\udfff", "A lone surrogate is not a character."),
    ("\u202a-\u202e\u2066-\u2069", "Direction override characters are not allowed."),
)


def text_fault(text: str) -> str | None:
    """Why `text` is no value for a field of ours, or None when it is fine."""
    found = _UNFIT.search(text)
    if found is None:
        return None
    for ranges, message in _FAULTS:
        if re.fullmatch(f"[{ranges}]", found.group()):
            return message
    return "Non-characters are not allowed."


def _fit_text(value: str) -> str:
    fault = text_fault(value)
    if fault:
        raise ValueError(fault)
    return value


# The same rule as the OpenAPI document states it (a JSON schema pattern; `_fit_text` checks
# it, naming the fault). A lone surrogate is left out: no UTF-8 text carries one.
LINE_PATTERN = (
    "^[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069\\ufdd0-\\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]*$"
)
# Any other text of a request: no NUL (`refuse_nul` refuses one anywhere), as documented.
NO_NUL = {"pattern": "^[^\\u0000]*$"}
# One line of text as a clerk types it (a name, a reason, a note, a reference).
Line = Annotated[str, AfterValidator(_fit_text), Field(json_schema_extra={"pattern": LINE_PATTERN})]

# `HALL-COUNTER-SEQ` as counters number their receipts (local_cache.payments_store); a
# counter id is what sign-in accepts, the sequence at least the six digits counters write.
RECEIPT_NO_PATTERN = r"^[A-Za-z0-9_]{1,16}-[A-Za-z0-9_-]{1,32}-[0-9]{1,12}$"
ReceiptNo = Annotated[str, Field(pattern=RECEIPT_NO_PATTERN, max_length=40)]
OrderNo = Annotated[str, Field(pattern=f"^{ORDER_NO.pattern}$")]

# -- times -----------------------------------------------------------------------------------
_ISO_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}")


def _iso_text(value: Any) -> Any:
    """Only ISO 8601 text with a time of day: pydantic would also take seconds since 1970
    or a bare date, which no counter sends."""
    if isinstance(value, datetime) or (isinstance(value, str) and _ISO_TIME.match(value)):
        return value
    raise ValueError("A time is ISO 8601 text with its UTC offset (2026-12-03T09:30+08:00).")


def _an_instant(value: datetime) -> datetime:
    """Refuses what is no instant in UTC (9999-12-31T23:59-14:00 is in year 10000)."""
    if value.tzinfo is not None:
        try:
            value.astimezone(UTC)
        except OverflowError:
            raise ValueError("This time is out of the calendar's range.") from None
    return value


# A time a client sends (paid, opened, queued…). Read it with `client_time`: the offset rule
# of the body's API version and the policy's window are held there, by the province's clock.
ClientTime = Annotated[datetime, BeforeValidator(_iso_text), AfterValidator(_an_instant)]


def _time_problem(field: str, message: str) -> Problem:
    return Problem(
        422,
        f"{field}: {message}",
        type_=ProblemType.INVALID_INPUT,
        errors=[{"field": field, "message": message}],
    )


def client_time(
    value: datetime,
    field: str,
    *,
    api_version: int,
    zone: str,
    window_days: int,
    now: datetime | None = None,
) -> datetime:
    """The instant in UTC of a ClientTime, else 422 naming `field`: it carries its UTC offset
    (API 1 bodies could leave it out: read on the halls' clock `zone`) and lies within
    `window_days` of the province's clock, before or after. A time far off is a counter's
    wrong clock or a forged body, and one past year 9999 could not be read back."""
    if value.tzinfo is None:
        if api_version >= 2:
            raise _time_problem(field, "The time needs its UTC offset (for example +08:00).")
        value = value.replace(tzinfo=ZoneInfo(zone))
    try:
        instant = value.astimezone(UTC)
    except OverflowError:
        raise _time_problem(field, "This time is out of the calendar's range.") from None
    now = now or datetime.now(UTC)
    if abs(instant - now) > timedelta(days=window_days):
        raise _time_problem(
            field,
            f"The time is more than {window_days} days from the province's clock; "
            "check the counter's date and time.",
        )
    return instant


# -- the whole request -----------------------------------------------------------------------
def _json_fault(data: Any) -> tuple[str, str] | None:
    """(field, why) of the first string in a JSON document that no database stores (a NUL,
    a lone surrogate) or number no column holds (NaN, ±Infinity), else None."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                name = _printable(key)
                where = f"{path}.{name}" if path else name
                stack.append((where, key))
                stack.append((where, item))
        elif isinstance(value, list):
            stack.extend((f"{path}.{i}" if path else str(i), v) for i, v in enumerate(value))
        elif isinstance(value, str):
            if "\x00" in value:
                return path or "body", "NUL character."
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return path or "body", "A lone surrogate is not a character."
        elif isinstance(value, float) and not math.isfinite(value):
            return path or "body", "Not a number."
    return None


def _printable(key: str) -> str:
    """A client's key as a field's name in a problem: short, and writable as UTF-8."""
    return key[:64].encode("utf-8", "backslashreplace").decode("utf-8")


async def refuse_nul(request: Request) -> None:
    """What no database can store is refused before it reaches one, the field named: a NUL
    (PostgreSQL cannot store one), a lone surrogate ("\\ud800": none can), NaN or Infinity
    (not JSON, though Python reads it). Bodies are at most `body_limit.MAX_BODY` long."""
    body = await request.body()
    query = str(request.url.query)
    if "\x00" in request.url.path or "%00" in query or "\x00" in query:
        raise _nul("query")
    if not body:
        return
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # not JSON: the route refuses it, if it reads one
        if b"\x00" in body or b"\\u0000" in body:
            raise _nul("body") from None
        return
    fault = _json_fault(data)
    if fault is not None:
        field, message = fault
        raise Problem(
            422,
            f"{field}: {message}",
            type_=ProblemType.INVALID_INPUT,
            errors=[{"field": field, "message": message}],
        )


def _nul(field: str) -> Problem:
    return Problem(
        422,
        "The request contains a NUL character.",
        type_=ProblemType.INVALID_INPUT,
        errors=[{"field": field, "message": "NUL character."}],
    )
