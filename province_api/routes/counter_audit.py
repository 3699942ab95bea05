"""The counter's own audit (a full ID number revealed, the screen locked, a journal
recovered...) taken into the province's hash-chained audit log.

A counter writes its audit rows locally and queues each in its outbox; they arrive here,
possibly days later and after an outage, and are appended to the staff member's hall chain
(province_api.audit) with the staff member and counter of the token. The request is
idempotent (`Idempotency-Key`): an answer lost and the request sent again records nothing
twice. The counter's `at` is kept as the event's time; it must carry its UTC offset and lie
within the policy's client date window.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Header
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy.orm import Session

from province_api import audit, idempotency, policy
from province_api import openapi_docs as docs
from province_api.audit import AuditAction
from province_api.auth import StaffContext, current_staff, get_db
from province_api.errors import field_problem
from province_api.types import ClientTime, Id, client_time, text_fault

router = APIRouter(prefix="/audit", tags=["audit"])

MAX_EVENTS = 200
# A counter event's detail, as canonical JSON (UTF-8 bytes). The province wraps it with the
# event's id, action and entity, and the whole stays within audit.MAX_DETAIL characters.
MAX_DETAIL_BYTES = 1500
NAME_PATTERN = r"^[a-z_]{1,32}$"  # the counter's action and entity names
FUTURE_SLACK = timedelta(minutes=5)  # a counter's clock a little ahead is not a lie
COUNTER_ID_REVEALED = "id_revealed"
# Values that are personal data whatever key they come under: a resident ID, a mobile number.
_PERSONAL = re.compile(r"^(?:\d{17}[\dXx]|\d{15}|1\d{10})$")


def _canonical(value: Any) -> bytes:
    """As province_api.audit writes a detail."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _walk(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [v for item in value.values() for v in _walk(item)]
    if isinstance(value, list):
        return [v for item in value for v in _walk(item)]
    return [value]


class CounterEventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Id  # the counter's id of its audit row
    at: ClientTime  # when it happened at the counter, with its UTC offset
    action: str = Field(pattern=NAME_PATTERN)
    entity: str | None = Field(None, pattern=NAME_PATTERN)
    entity_id: Id | None = None
    detail: dict[str, Any] = Field(default_factory=dict)

    @field_validator("detail")
    @classmethod
    def _small_and_impersonal(cls, value: dict[str, Any]) -> dict[str, Any]:
        if len(_canonical(value)) > MAX_DETAIL_BYTES:
            raise ValueError(f"At most {MAX_DETAIL_BYTES} bytes as JSON.")
        texts = [v for v in _walk(value) if isinstance(v, str)]
        if any(_PERSONAL.match(v) for v in texts):
            raise ValueError("No personal data (ID or phone numbers): ids and amounts only.")
        fault = next((f for f in map(text_fault, texts) if f), None)
        if fault:
            raise ValueError(fault)
        return value


class CounterEventsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    events: list[CounterEventIn] = Field(min_length=1, max_length=MAX_EVENTS)


class RecordedOut(BaseModel):
    recorded: int


RESPONSES = docs.answers(
    keyed=201,
    notes={
        422: "An event refused, the field named in `errors` (`events.3.at`): a time "
        "without its UTC offset, more than 5 minutes ahead of the province's clock or "
        "older than the policy's client date window; an action or entity not a short "
        "identifier (^[a-z_]{1,32}$); a detail over 1500 bytes or with personal data."
    },
    success={201: {"model": RecordedOut, "description": "Every event recorded (or before)."}},
)


@router.post("/events", status_code=201, responses=RESPONSES, openapi_extra=docs.IDEMPOTENT)
def record_counter_events(
    body: CounterEventsIn,
    idempotency_key: str | None = Header(None, include_in_schema=False),
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> JSONResponse:
    """Append the counter's audit events to the hall's chain, in the order sent, as done by
    the signed-in staff member at their counter (`id_revealed` as such; any other action as
    a counter event naming it)."""

    def work() -> tuple[int, Any]:
        # Judged here, inside the key's work: a resend of a recorded request, however late,
        # gets its first answer back.
        now = datetime.now(UTC)
        window = policy.current(db).client_date_window_days
        times = []
        for i, event in enumerate(body.events):
            # With its offset whatever the body's API version (this route came with API 2),
            # within the window; and not ahead of the province's clock by more than a little.
            at = client_time(
                event.at, f"events.{i}.at", api_version=2, zone="UTC", window_days=window, now=now
            )
            if at > now + FUTURE_SLACK:
                raise field_problem(422, f"events.{i}.at", "This time is in the future.")
            times.append(at)
        for event, at in zip(body.events, times, strict=True):
            revealed = event.action == COUNTER_ID_REVEALED
            detail: dict[str, Any] = {"event": event.id, "detail": event.detail}
            if not revealed:
                detail["counter_action"] = event.action
            if event.entity:
                detail["entity"] = event.entity
            audit.record(
                db,
                AuditAction.ID_REVEALED if revealed else AuditAction.COUNTER_EVENT,
                hall_id=staff.hall_id,
                staff_id=staff.staff_id,
                counter_id=staff.counter_id,
                target=event.entity_id,
                detail=detail,
                at=at,
            )
        return 201, {"recorded": len(body.events)}

    payload = body.model_dump(mode="json")
    return idempotency.run(db, staff, idempotency_key, "POST /audit/events", payload, work)
