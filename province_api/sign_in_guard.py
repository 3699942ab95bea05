"""Throttling password guesses, at sign-in and at approvals.

Each failed check counts against the staff number typed (known or not: both take the same
path and the same time) and against the address it came from. After a few failures the
next try must wait, twice as long after each further failure (429 + Retry-After, before any
hash is computed); after the policy's count of failures in a row a staff number is locked
until a supervisor of its hall or an administrator lifts it. A success clears the staff
number's count. An address counts its failures over a window of ADDRESS_WINDOW (a hall's
counters may share one address behind its router: typing slips of a whole hall must not
lock it out, a spray of guesses over many staff numbers is slowed). Every failure and lock
goes to the audit log.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter_app.domain.problems import ProblemType
from province_api import audit, policy
from province_api.errors import Problem
from province_api.models import SignInGuard, Staff

STAFF, ADDRESS = "staff", "address"
# Failures allowed before any wait (typing slips), per staff number and per address (a
# hall's counters may share one address behind its router).
FREE_TRIES = {STAFF: 3, ADDRESS: 20}
MAX_WAIT_S = 300
ADDRESS_WINDOW = timedelta(minutes=10)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def wait_after(kind: str, failures: int) -> int:
    """Seconds the next try must wait after `failures` failures in a row."""
    over = failures - FREE_TRIES[kind]
    return 0 if over < 0 else min(MAX_WAIT_S, 2**over)


def _key(staff_no: str) -> str:
    return staff_no.strip().upper()[:64]


def check(db: Session, staff_no: str, address: str) -> None:
    """429 when this staff number is locked or must wait, or this address must wait."""
    now = datetime.now(UTC)
    person = db.get(SignInGuard, (STAFF, _key(staff_no)))
    if person is not None and person.locked_at is not None:
        raise Problem(
            429,
            "This staff number is locked after too many wrong passwords; a supervisor of "
            "the hall or an administrator can unlock it.",
            type_=ProblemType.LOCKED_OUT,
            headers={"Retry-After": str(MAX_WAIT_S)},
        )
    place = db.get(SignInGuard, (ADDRESS, address[:64]))
    if place is not None and now - _aware(place.first_failure_at) > ADDRESS_WINDOW:
        place = None
    for kind, row in ((STAFF, person), (ADDRESS, place)):
        if row is None:
            continue
        ready = _aware(row.last_failure_at) + timedelta(seconds=wait_after(kind, row.failures))
        if now < ready:
            seconds = max(1, math.ceil((ready - now).total_seconds()))
            raise Problem(
                429,
                f"Too many wrong passwords; try again in {seconds} s.",
                type_=ProblemType.TOO_MANY_TRIES,
                headers={"Retry-After": str(seconds)},
                extra={"retry_after_s": str(seconds)},
            )


def _count(db: Session, kind: str, key: str, now: datetime) -> SignInGuard:
    row = db.get(SignInGuard, (kind, key), with_for_update=True)
    if row is None:
        row = SignInGuard(kind=kind, key=key, failures=0, first_failure_at=now)
        db.add(row)
    elif kind == ADDRESS and now - _aware(row.first_failure_at) > ADDRESS_WINDOW:
        row.failures, row.first_failure_at = 0, now
    row.failures += 1
    row.last_failure_at = now
    return row


def failed(
    db: Session,
    staff_no: str,
    address: str,
    staff: Staff | None,
    action: str,
    counter_id: str | None = None,
) -> None:
    """Count a wrong password (in a transaction of its own: the request is refused)."""
    for attempt in range(3):
        db.rollback()
        try:
            _failed(db, staff_no, address, staff, action, counter_id)
            return
        except IntegrityError:  # another failure for the same key counted first
            if attempt == 2:
                raise


def _failed(
    db: Session,
    staff_no: str,
    address: str,
    staff: Staff | None,
    action: str,
    counter_id: str | None,
) -> None:
    now = datetime.now(UTC)
    person = _count(db, STAFF, _key(staff_no), now)
    _count(db, ADDRESS, address[:64], now)
    hall_id = staff.hall_id if staff is not None else None
    detail = {"staff_no": _key(staff_no)[:32], "address": address[:64]}
    audit.record(
        db,
        action,
        hall_id=hall_id,
        staff_id=staff.id if staff else None,
        counter_id=counter_id,
        detail={**detail, "failures": person.failures},
    )
    if person.locked_at is None and person.failures >= policy.current(db).lockout_after_failures:
        person.locked_at = now
        audit.record(
            db,
            audit.AuditAction.LOCKED_OUT,
            hall_id=hall_id,
            staff_id=staff.id if staff else None,
            detail=detail,
        )
    db.commit()


def succeeded(db: Session, staff_no: str) -> None:
    """Clear the staff number's count (in the caller's transaction)."""
    row = db.get(SignInGuard, (STAFF, _key(staff_no)))
    if row is not None and row.locked_at is None:
        db.delete(row)


def lift(db: Session, staff_no: str) -> bool:
    """Unlock a staff number (in the caller's transaction); False if it was not locked."""
    row = db.get(SignInGuard, (STAFF, _key(staff_no)), with_for_update=True)
    if row is None or row.locked_at is None:
        return False
    db.delete(row)
    return True
