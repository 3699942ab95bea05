"""Forgetting what no one may use again: sessions ended or expired, approvals expired,
idempotency records older than any counter may still resend (the policy's date window:
a request dated further back is refused anyway), and sign-in counts gone cold. Locks stay
until lifted. Run every PURGE_EVERY by the server itself, and by `province-api purge`."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Delete, Engine, delete, or_
from sqlalchemy.orm import Session

from province_api import policy
from province_api.models import Approval, IdempotencyRecord, SignInGuard
from province_api.models import Session as AuthSession

log = logging.getLogger(__name__)
PURGE_EVERY = timedelta(minutes=15)
GRACE = timedelta(days=1)  # kept a day past their end, for questions about that day


def _removed(db: Session, statement: Delete) -> int:
    return int(cast(CursorResult[Any], db.execute(statement)).rowcount)


def purge(engine: Engine, now: datetime | None = None) -> dict[str, int]:
    now = now or datetime.now(UTC)
    with Session(engine) as db, db.begin():
        keep_keys = timedelta(days=policy.current(db).client_date_window_days) + GRACE
        counts = {
            "sessions": _removed(
                db,
                delete(AuthSession).where(
                    or_(
                        AuthSession.expires_at < now - GRACE,
                        AuthSession.revoked_at < now - GRACE,
                    )
                ),
            ),
            "approvals": _removed(db, delete(Approval).where(Approval.expires_at < now - GRACE)),
            "idempotency_records": _removed(
                db, delete(IdempotencyRecord).where(IdempotencyRecord.created_at < now - keep_keys)
            ),
            "sign_in_counts": _removed(
                db,
                delete(SignInGuard).where(
                    SignInGuard.locked_at.is_(None), SignInGuard.last_failure_at < now - GRACE
                ),
            ),
        }
    return counts


class Purger:
    """A daemon thread purging every PURGE_EVERY until stopped."""

    def __init__(self, engine: Engine, every: timedelta = PURGE_EVERY) -> None:
        self._engine, self._every = engine, every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="purge", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self._every.total_seconds()):
            try:
                counts = purge(self._engine)
            except Exception:  # a busy or unreachable database: next round
                log.warning("purge failed; trying again in %s", self._every, exc_info=True)
                continue
            if any(counts.values()):
                log.info("purged %s", counts)
