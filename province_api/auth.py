"""Tokens, and the dependency that turns a bearer token into the signed-in staff member."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.problems import ProblemType
from province_api.db import READ_ONLY
from province_api.errors import Problem
from province_api.models import Hall, Staff
from province_api.models import Session as AuthSession

TOKEN_LIFETIME = timedelta(hours=12)


@dataclass(frozen=True)
class StaffContext:
    staff_id: str
    staff_no: str
    name: str
    role: str
    hall_id: str
    hall_code: str
    counter_id: str
    token_hash: str = ""  # of this request's token (sign-out revokes it)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(
    session: Session, staff: Staff, counter_id: str, client_version: str | None = None
) -> tuple[str, datetime]:
    token = secrets.token_urlsafe(32)
    expires = datetime.now(UTC) + TOKEN_LIFETIME
    session.add(
        AuthSession(
            token_hash=token_hash(token),
            staff_id=staff.id,
            hall_id=staff.hall_id,
            counter_id=counter_id,
            expires_at=expires,
            client_version=client_version,
        )
    )
    return token, expires


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_db(request: Request):  # type: ignore[no-untyped-def]
    """One session for the whole request (the token check shares it). A request that only
    reads (GET) takes no write lock on SQLite: its transaction is a plain snapshot."""
    with request.app.state.sessionmaker() as session:
        if request.method in READ_METHODS:
            session.connection(execution_options={READ_ONLY: True})
        yield session


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# Documents the bearer scheme in the OpenAPI document (every route that needs a sign-in
# names it); `_staff_of_token` reads the header itself, answering 401 problems.
_BEARER = HTTPBearer(
    auto_error=False,
    scheme_name="bearer",
    description="The token of POST /auth/login (12 hours; sign-out ends it).",
)


def current_staff(
    request: Request,
    db: Session = Depends(get_db),
    _bearer: HTTPAuthorizationCredentials | None = Depends(_BEARER),
) -> StaffContext:
    """The staff member of the bearer token. A write request's check reads without the
    write lock and ends its transaction, so nothing is held while the request waits for
    its next worker thread; its endpoint begins the write afresh."""
    writes = request.method not in READ_METHODS
    try:
        if writes:
            db.connection(execution_options={READ_ONLY: True})
        return _staff_of_token(request, db)
    finally:
        if writes:
            db.rollback()


def _staff_of_token(request: Request, db: Session) -> StaffContext:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    unauthorised = {"WWW-Authenticate": "Bearer"}
    if scheme.lower() != "bearer" or not token:
        raise Problem(
            401, "Sign in first: no bearer token.", type_=ProblemType.NO_TOKEN, headers=unauthorised
        )
    row = db.execute(
        select(AuthSession, Staff, Hall)
        .join(Staff, Staff.id == AuthSession.staff_id)
        .join(Hall, Hall.id == AuthSession.hall_id)
        .where(AuthSession.token_hash == token_hash(token.strip()))
    ).first()
    if (
        row is None
        or _aware(row[0].expires_at) <= datetime.now(UTC)
        or row[0].revoked_at is not None
        or not row[1].active
    ):
        raise Problem(
            401,
            "The sign-in has expired; sign in again.",
            type_=ProblemType.TOKEN_EXPIRED,
            headers=unauthorised,
        )
    sess, staff, hall = row
    return StaffContext(
        staff.id,
        staff.staff_no,
        staff.name,
        staff.role,
        hall.id,
        hall.code,
        sess.counter_id,
        sess.token_hash,
    )


T = TypeVar("T")


def in_hall(
    db: Session, model: type[T], row_id: str, staff: StaffContext, what: str, lock: bool = False
) -> T:
    """A row of the caller's hall (locked for this transaction when `lock`), else 404."""
    row = db.get(model, row_id, with_for_update=lock)
    if row is None or getattr(row, "hall_id", None) != staff.hall_id:
        raise Problem(404, f"There is no such {what} in this hall.", type_=ProblemType.NOT_FOUND)
    return row
