"""The API version of a request's body, and what each version means for reading it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from fastapi import Header, Request

from counter_app.domain.api_versions import (
    API_VERSION,
    API_VERSION_HEADER,
    OLDEST_API_VERSION,
)
from counter_app.domain.problems import ProblemType
from province_api.errors import Problem


@dataclass(frozen=True)
class BodyVersion:
    """The version a write's body was made for (a counter's queued entry keeps its own)."""

    number: int
    zone: str  # the halls' clock, for API 1 times without an offset

    def time(self, value: datetime, field: str) -> datetime:
        """The instant in UTC (SQLite keeps no offset: the stored clock must be UTC)."""
        if value.tzinfo is not None:
            return value.astimezone(UTC)
        if self.number >= 2:
            message = "The time needs its UTC offset (for example +08:00)."
            raise Problem(
                422,
                f"{field}: {message}",
                type_=ProblemType.INVALID_INPUT,
                errors=[{"field": field, "message": message}],
            )
        return value.replace(tzinfo=ZoneInfo(self.zone)).astimezone(UTC)


def body_version(
    request: Request,
    version: str | None = Header(
        None,
        alias=API_VERSION_HEADER,
        description=f"The API version the body was written for, {OLDEST_API_VERSION} to "
        f"{API_VERSION}; none means {OLDEST_API_VERSION}.",
    ),
) -> BodyVersion:
    number = OLDEST_API_VERSION if version is None else _number(version)
    if not OLDEST_API_VERSION <= number <= API_VERSION:
        raise Problem(
            400,
            f"This province reads API versions {OLDEST_API_VERSION} to {API_VERSION}, "
            f"not {version}.",
            type_=ProblemType.UNSUPPORTED_API_VERSION,
        )
    return BodyVersion(number, request.app.state.time_zone)


def _number(text: str) -> int:
    text = text.strip()
    return int(text) if text.isdigit() and len(text) < 4 else -1
