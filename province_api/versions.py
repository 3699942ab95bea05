"""The API version of a request's body, and what each version means for reading it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Header, Request
from pydantic import WithJsonSchema
from sqlalchemy.orm import Session

from counter_app.domain.api_versions import (
    API_VERSION,
    API_VERSION_HEADER,
    OLDEST_API_VERSION,
)
from counter_app.domain.problems import ProblemType
from province_api import policy
from province_api.auth import get_db
from province_api.errors import Problem
from province_api.types import client_time


@dataclass(frozen=True)
class BodyVersion:
    """The version a write's body was made for (a counter's queued entry keeps its own)."""

    number: int
    zone: str  # the halls' clock, for API 1 times without an offset
    window_days: int  # the policy's `client_date_window_days`

    def time(self, value: datetime, field: str) -> datetime:
        """The instant in UTC (SQLite keeps no offset: the stored clock must be UTC) of a
        `types.ClientTime`; 422 naming `field` unless it is near the province's clock."""
        return client_time(
            value, field, api_version=self.number, zone=self.zone, window_days=self.window_days
        )


# What `_number` reads as a version this province speaks (for the OpenAPI document).
VERSION_PATTERN = (
    r"^\s*0{0,2}(" + "|".join(str(n) for n in range(OLDEST_API_VERSION, API_VERSION + 1)) + r")\s*$"
)


def body_version(
    request: Request,
    version: Annotated[
        str | None,
        # A header is text or absent: the document says so (FastAPI would add `null`, which a
        # client could only send as the text "null").
        WithJsonSchema({"type": "string", "pattern": VERSION_PATTERN}),
        Header(
            alias=API_VERSION_HEADER,
            description=f"The API version the body was written for, {OLDEST_API_VERSION} to "
            f"{API_VERSION}; none means {OLDEST_API_VERSION}. Another is 400 "
            f"`{ProblemType.UNSUPPORTED_API_VERSION}`.",
        ),
    ] = None,
    db: Session = Depends(get_db),
) -> BodyVersion:
    number = OLDEST_API_VERSION if version is None else _number(version)
    if not OLDEST_API_VERSION <= number <= API_VERSION:
        raise Problem(
            400,
            f"This province reads API versions {OLDEST_API_VERSION} to {API_VERSION}, "
            f"not {version}.",
            type_=ProblemType.UNSUPPORTED_API_VERSION,
        )
    window = policy.current(db).client_date_window_days
    return BodyVersion(number, request.app.state.time_zone, window)


def _number(text: str) -> int:
    text = text.strip()  # ASCII digits only: int() would fail on "²", which isdigit() takes
    return int(text) if text.isascii() and text.isdigit() and len(text) < 4 else -1
