"""The province's policy row: read by the order and payment rules, served in the feed."""

from __future__ import annotations

from sqlalchemy.orm import Session

from counter_app.domain.policy import DEFAULT, POLICY_ID, Policy
from province_api import changes
from province_api.models import PolicyRow


def current(db: Session) -> Policy:
    row = db.get(PolicyRow, POLICY_ID)
    return DEFAULT if row is None else Policy.from_json(row.rules)


def put(db: Session, policy: Policy) -> None:
    """Store the province's policy and put it in the feed (seed, an administrator)."""
    row = db.get(PolicyRow, POLICY_ID)
    if row is None:
        row = PolicyRow(id=POLICY_ID, rules=policy.to_json(), version=1)
        db.add(row)
    else:
        row.rules = policy.to_json()
        row.version += 1
    changes.record_objects(db, "policy", [row])
