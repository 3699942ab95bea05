"""The counter's screen lock (no Qt): who may unlock it, how many wrong tries are left, and
the local audit (journal) of every lock and unlock.

The signed-in clerk unlocks with their own password, checked against the verifier this
counter keeps for their offline sign-in (counter_app.auth); a supervisor of the hall with
theirs, checked against their staff row's offline verifier in the cache, as an offline
approval is. Nothing goes to the province: the lock works the same with the link down.

Each check is deliberately slow (the verifier's hash): `ScreenLock.unlock` runs in a worker.
After `MAX_WRONG` wrong tries in a row the clerk is to be signed out (`SignedOutForGuessing`).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NoReturn

from counter_app.auth import offline_key
from counter_app.credentials import Credentials
from counter_app.domain.kinds import SUPERVISOR_ROLES
from counter_app.domain.passwords import check_offline_verifier
from counter_app.session import CounterSession
from local_cache import journal, staff_store

MAX_WRONG = 5  # wrong tries in a row before the clerk is signed out

# What the clerk reads (English source; the UI translates it in the "messages" context,
# resources/i18n/extra_strings.py lists them for lupdate).
NO_PASSWORD = "Type the password."
WRONG_OWN = "The password is wrong."
WRONG_SUPERVISOR = "The supervisor's staff number or password is wrong."
NOT_SUPERVISOR = "Only the clerk signed in here or a supervisor of this hall can unlock."
CANNOT_CHECK_OWN = (
    "This counter keeps nothing to check your password against: a supervisor of the hall "
    "can unlock it."
)
CANNOT_CHECK_SUPERVISOR = (
    "This supervisor's password cannot be checked on this counter until the next sync "
    "with the province: unlock with your own password."
)
SIGNED_OUT = "Too many wrong passwords: you are signed out. Sign in again; your entries are kept."
MESSAGES = (
    NO_PASSWORD,
    WRONG_OWN,
    WRONG_SUPERVISOR,
    NOT_SUPERVISOR,
    CANNOT_CHECK_OWN,
    CANNOT_CHECK_SUPERVISOR,
    SIGNED_OUT,
)


class UnlockRefused(Exception):
    """The screen stays locked. `str(exc)` is one of MESSAGES; `left` is how many wrong
    tries remain before the clerk is signed out (None: this try was not counted)."""

    def __init__(self, message: str, left: int | None = None) -> None:
        super().__init__(message)
        self.left = left


class SignedOutForGuessing(UnlockRefused):
    """The last wrong try: the counter signs the clerk out (their entries are kept)."""

    def __init__(self) -> None:
        super().__init__(SIGNED_OUT, 0)


@dataclass(frozen=True)
class Unlocked:
    """Who unlocked. Plain data: safe to pass between threads."""

    staff_no: str
    name: str
    supervisor: bool  # a supervisor's password, not the signed-in clerk's own


def _now() -> str:
    return datetime.now(UTC).isoformat()


class ScreenLock:
    """The lock of one sign-in: the wrong tries are counted across calls (any thread)."""

    def __init__(
        self, sess: CounterSession, creds: Credentials, max_wrong: int = MAX_WRONG
    ) -> None:
        self.sess = sess
        self.creds = creds
        self.max_wrong = max_wrong
        self._guard = threading.Lock()
        self._wrong = 0
        self._locked_at: str | None = None

    @property
    def wrong(self) -> int:
        with self._guard:
            return self._wrong

    def locked(self, at: str, why: str, idle_minutes: int) -> None:
        """The screen locked at `at` (`why`: "idle" or "manual"). Runs in a worker."""
        with self._guard:
            self._locked_at = at
        detail = {"why": why, "idle_minutes": idle_minutes}
        self._audit(at, "screen_locked", detail)

    def unlock(self, staff_no: str, password: str) -> Unlocked:
        """Who unlocks: the signed-in clerk (no staff number, or their own) or a supervisor
        of the hall (their staff number). Raises UnlockRefused, SignedOutForGuessing on
        the last wrong try. Runs in a worker (about a second: the verifier's hash)."""
        signed = self.sess.signed
        staff_no = staff_no.strip().upper() or signed.staff_no
        with self._guard:
            if self._wrong >= self.max_wrong:
                raise SignedOutForGuessing()
        if not password:
            raise UnlockRefused(NO_PASSWORD)
        if staff_no == signed.staff_no:
            verifier = self._own_verifier()
            if not verifier:
                raise UnlockRefused(CANNOT_CHECK_OWN)
            if not check_offline_verifier(password, verifier):
                self._wrong_try(staff_no, WRONG_OWN)
            who = Unlocked(signed.staff_no, signed.name, supervisor=False)
        else:
            who = self._supervisor(staff_no, password)
        with self._guard:
            wrong, self._wrong = self._wrong, 0
            locked_at, self._locked_at = self._locked_at, None
        detail = {"by": who.staff_no, "supervisor": who.supervisor, "wrong_tries": wrong}
        self._audit(_now(), "screen_unlocked", {**detail, "locked_at": locked_at})
        return who

    # -- the checks --------------------------------------------------------------------
    def _own_verifier(self) -> str:
        """The verifier kept for this clerk's offline sign-in (keyring); else their staff row
        in the cache, which the province fills with the same kind of verifier."""
        signed = self.sess.signed
        raw = self.creds.get(offline_key(signed.server_url, signed.staff_no))
        if raw:
            try:
                verifier = str(json.loads(raw).get("verifier") or "")
            except (ValueError, AttributeError):
                verifier = ""
            if verifier:
                return verifier
        with self.sess.cache.read() as conn:
            row = staff_store.by_staff_no(conn, signed.staff_no)
        return row.offline_verifier if row is not None and row.active else ""

    def _supervisor(self, staff_no: str, password: str) -> Unlocked:
        with self.sess.cache.read() as conn:
            row = staff_store.by_staff_no(conn, staff_no)
            own = staff_store.by_staff_no(conn, self.sess.signed.staff_no)
        if row is None:
            self._wrong_try(staff_no, WRONG_SUPERVISOR)
        other_hall = own is not None and own.hall_id != row.hall_id
        if row.role not in SUPERVISOR_ROLES or not row.active or other_hall:
            self._wrong_try(staff_no, NOT_SUPERVISOR)
        if not row.offline_verifier:  # the province has none for this counter yet
            raise UnlockRefused(CANNOT_CHECK_SUPERVISOR)
        if not check_offline_verifier(password, row.offline_verifier):
            self._wrong_try(staff_no, WRONG_SUPERVISOR)
        return Unlocked(row.staff_no, row.name, supervisor=True)

    def _wrong_try(self, staff_no: str, message: str) -> NoReturn:
        """Count it, write it down, and refuse (signing out on the last one)."""
        with self._guard:
            self._wrong += 1
            wrong = self._wrong
        detail = {"staff_no": staff_no, "wrong_tries": wrong}
        self._audit(_now(), "screen_unlock_refused", detail)
        if wrong >= self.max_wrong:
            self._audit(_now(), "screen_lock_signed_out", {"wrong_tries": wrong})
            raise SignedOutForGuessing()
        raise UnlockRefused(message, self.max_wrong - wrong)

    def _audit(self, at: str, action: str, detail: dict[str, object]) -> None:
        with self.sess.cache.write() as conn:
            journal.audit(conn, at, action, detail, self.sess.signed.staff_id)
