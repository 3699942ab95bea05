"""A supervisor's approval, given on the clerk's screen with the supervisor's own password.

Online the province checks the password and issues a single-use approval for this action on
this thing. Offline the counter checks it against the supervisor's offline verifier from the
cache (about 0.7 s: a memory-hard hash, so that no one can guess at it from the cache), and
the request carries a proof only the typed password makes; an offline approval covers at
most the policy's amount, and the province re-examines each one and lists it for the hall
manager.
"""

from __future__ import annotations

from dataclasses import dataclass

from counter_app import policy
from counter_app.api_client import ApiError, OfflineError
from counter_app.domain.bodies import ApprovalBody, ApprovalRequestBody
from counter_app.domain.kinds import SUPERVISOR_ROLES, ApprovalAction, ApprovalMethod
from counter_app.domain.passwords import (
    approval_proof,
    unlock_approval_key,
    verifier_is_current,
)
from counter_app.domain.problems import ProblemType
from counter_app.session import CounterSession
from local_cache import staff_store, sync_store


class ApprovalRefused(Exception):
    """The supervisor's credentials did not approve this (message for the clerk)."""


@dataclass(frozen=True)
class Approval:
    method: ApprovalMethod
    supervisor_staff_no: str
    supervisor_name: str
    id: str | None = None
    token: str | None = None
    proof: str | None = None  # offline: HMAC over (action, target) with the approval key

    def to_json(self) -> ApprovalBody:
        if self.method == ApprovalMethod.ONLINE:
            return {"method": ApprovalMethod.ONLINE, "id": self.id, "token": self.token}
        return {
            "method": ApprovalMethod.OFFLINE,
            "supervisor_staff_no": self.supervisor_staff_no,
            "proof": self.proof,
        }


def obtain(
    sess: CounterSession,
    staff_no: str,
    password: str,
    action: str,
    target_id: str,
    amount_fen: int | None = None,
) -> Approval:
    """`amount_fen`: the money the approval covers, where there is some (offline, the
    policy caps it)."""
    staff_no = staff_no.strip().upper()
    if not staff_no or not password:
        raise ApprovalRefused("Enter the supervisor's staff number and password.")
    if staff_no == sess.signed.staff_no:
        raise ApprovalRefused("A supervisor cannot approve their own action.")
    api = sess.make_api()
    try:
        request: ApprovalRequestBody = {
            "staff_no": staff_no,
            "password": password,
            "action": ApprovalAction(action),
            "target_id": target_id,
        }
        answer = api.post_json("/auth/approvals", request)
    except OfflineError:
        return _offline(sess, staff_no, password, action, target_id, amount_fen)
    except ApiError as exc:
        if exc.status == 401 and exc.problem_type is ProblemType.BAD_CREDENTIALS:
            raise ApprovalRefused("The supervisor's staff number or password is wrong.") from exc
        if exc.status == 403:
            raise ApprovalRefused("Only a supervisor of this hall can approve.") from exc
        raise
    finally:
        api.close()
    sup = answer["supervisor"]
    return Approval(
        ApprovalMethod.ONLINE, sup["staff_no"], sup["name"], answer["id"], answer["token"]
    )


def _offline(
    sess: CounterSession,
    staff_no: str,
    password: str,
    action: str,
    target_id: str,
    amount_fen: int | None,
) -> Approval:
    cap = policy.load(sess.cache).offline_approval_max_fen
    if amount_fen is not None and abs(amount_fen) > cap:
        raise ApprovalRefused(
            "This amount is more than a supervisor may approve while the province is "
            "unreachable; it needs the link."
        )
    with sess.cache.read() as conn:
        row = staff_store.by_staff_no(conn, staff_no)
    if row is not None and not verifier_is_current(row.offline_verifier):
        raise ApprovalRefused(
            "This supervisor cannot approve while the province is unreachable yet (they "
            "must sign in once with the link up); approve while the link is up."
        )
    key = unlock_approval_key(password, row.offline_verifier) if row is not None else None
    if row is None or key is None:
        raise ApprovalRefused("The supervisor's staff number or password is wrong.")
    if row.role not in SUPERVISOR_ROLES or not row.active:
        raise ApprovalRefused("Only a supervisor of this hall can approve.")
    if not row.approval_salt or "staff" in sync_store.pending_refills(sess.cache):
        # A cache upgraded from before approval keys, not yet refilled by a sync (or a
        # supervisor the province has no key for yet): a proof made now would be refused.
        raise ApprovalRefused(
            "Offline approvals work again after this counter's next sync with the province; "
            "approve while the link is up."
        )
    # The province checks this proof: only the typed password makes it (the cache does not).
    proof = approval_proof(key, action, target_id)
    return Approval(ApprovalMethod.OFFLINE, staff_no, row.name, proof=proof)
