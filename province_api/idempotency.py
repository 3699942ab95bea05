"""The idempotency rule of API.md: every creating POST carries an `Idempotency-Key`.

The first answer (success or a 4xx refusal) is stored with the key in the same transaction
as the work; a repeat with the same key and body gets that answer again and creates nothing;
the same key with another body is 409. A key belongs to the staff member who sent it: the
same key from another clerk is another key (it can never fetch the first clerk's answer).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter_app.domain.problems import ProblemType
from province_api.auth import StaffContext
from province_api.errors import Problem, problem_body
from province_api.models import IdempotencyRecord

MAX_KEY = 100


def _body_hash(body: Any) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{canonical}".encode()).hexdigest()


def _problem_body(p: Problem) -> dict[str, Any]:
    return problem_body(p.status, p.detail, p.type_, p.errors, p.extra)


def _response(status: int, body: Any, replayed: bool = False) -> JSONResponse:
    headers = {"Idempotency-Replayed": "true"} if replayed else None
    media = "application/problem+json" if status >= 400 else "application/json"
    return JSONResponse(body, status_code=status, media_type=media, headers=headers)


def run(
    db: Session,
    staff: StaffContext,
    key: str | None,
    method_path: str,
    body: Any,
    work: Callable[[], tuple[int, Any]],
) -> JSONResponse:
    """Do `work` (which adds to `db` and returns status, body) once per key."""
    if not key or len(key) > MAX_KEY:
        raise Problem(
            400,
            "Send an Idempotency-Key header (at most 100 characters).",
            type_=ProblemType.IDEMPOTENCY_KEY_REQUIRED,
            errors=[{"field": "Idempotency-Key", "message": "Required."}],
        )
    digest = _body_hash({"p": method_path, "b": body})
    previous = _claim(db, staff.staff_id, key)
    if previous is not None:
        return _replay(previous, digest)
    try:
        status, answer = work()
        db.flush()
    except Problem as problem:
        if problem.status >= 500 or problem.status in (401, 403, 428):
            raise  # not a final answer about this request: nothing to remember
        db.rollback()
        previous = _claim(db, staff.staff_id, key)
        if previous is not None:
            return _replay(previous, digest)
        status, answer = problem.status, _problem_body(problem)
    except IntegrityError:
        # Another request did the same thing first (same id, same receipt number).
        db.rollback()
        previous = _claim(db, staff.staff_id, key)
        if previous is not None:
            return _replay(previous, digest)
        raise Problem(
            409,
            "This conflicts with a request made at the same time; send it again.",
            type_=ProblemType.CONFLICT,
        ) from None
    db.add(
        IdempotencyRecord(
            key=key,
            staff_id=staff.staff_id,
            method=method_path[:8],
            path=method_path[:200],
            body_hash=digest,
            status=status,
            response=json.dumps(answer, ensure_ascii=False),
            created_at=datetime.now(UTC),
        )
    )
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        stored = db.get(IdempotencyRecord, (staff.staff_id, key))
        if stored is None:
            raise
        return _replay(stored, digest)
    return _response(status, answer)


def _claim(db: Session, staff_id: str, key: str) -> IdempotencyRecord | None:
    """Hold the key for this transaction and return its stored answer, if any.

    On PostgreSQL a transaction-scoped advisory lock on the key makes a second request with
    the same key wait until the first has committed its answer, so the work (and a call to
    a payment gateway) happens once. SQLite transactions are serialised already.
    """
    if db.get_bind().dialect.name == "postgresql":
        db.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"),
            {"k": f"{staff_id}:{key}"},
        )
    return db.get(IdempotencyRecord, (staff_id, key), populate_existing=True)


def _replay(record: IdempotencyRecord, digest: str) -> JSONResponse:
    if record.body_hash != digest:
        raise Problem(
            409,
            "This Idempotency-Key was used for a different request.",
            type_=ProblemType.IDEMPOTENCY_KEY_REUSED,
        )
    return _response(record.status, json.loads(record.response), replayed=True)
