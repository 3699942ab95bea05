"""The province's policy row: read by the order and payment rules, served in the feed."""

from __future__ import annotations

from sqlalchemy.orm import Session

from counter_app.domain.policy import DEFAULT, POLICY_ID, Policy
from province_api import audit, changes
from province_api.models import PolicyRow


def current(db: Session) -> Policy:
    row = db.get(PolicyRow, POLICY_ID)
    return DEFAULT if row is None else Policy.from_json(row.rules)


def put(db: Session, policy: Policy, by: str | None = None) -> None:
    """Store the province's policy, put it in the feed and in the audit log (`by`: the
    administrator's staff id, when one changed it)."""
    row = db.get(PolicyRow, POLICY_ID)
    before = {} if row is None else Policy.from_json(row.rules).to_json()
    if row is None:
        row = PolicyRow(id=POLICY_ID, rules=policy.to_json(), version=1)
        db.add(row)
    else:
        row.rules = policy.to_json()
        row.version += 1
    changes.record_objects(db, "policy", [row])
    changed = {k: [before.get(k), v] for k, v in row.rules.items() if before.get(k) != v}
    audit.record(
        db,
        audit.AuditAction.POLICY_CHANGED,
        hall_id=None,
        staff_id=by,
        target=POLICY_ID,
        detail={"version": row.version, "changed": changed},
    )
