"""Service orders: the order table, the province's policy row, number holds, and a plan
change waiting for next month.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None
POLICY_ID = "6f1f3e52-5a53-4f1c-9d4e-000000000001"  # counter_app.domain.policy.POLICY_ID


def upgrade() -> None:
    op.create_table(
        "product_order",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("order_no", sa.String(40), nullable=False, unique=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("hall_id", sa.String(36), sa.ForeignKey("hall.id"), nullable=False),
        sa.Column("counter_id", sa.String(32), nullable=False),
        sa.Column("staff_id", sa.String(36), sa.ForeignKey("staff.id"), nullable=False),
        sa.Column("customer_id", sa.String(36), sa.ForeignKey("customer.id"), nullable=False),
        sa.Column("subscription_id", sa.String(36), nullable=True),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("fees", sa.JSON(), nullable=False),
        sa.Column("deposit_fen", sa.BigInteger(), nullable=False),
        sa.Column("due_fen", sa.BigInteger(), nullable=False),
        sa.Column("payment_id", sa.String(36), nullable=True),
        sa.Column("approval_reason", sa.Text(), nullable=True),
        sa.Column("approved_by", sa.String(36), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("undo", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_index("ix_product_order_hall_id", "product_order", ["hall_id"])
    op.create_index("ix_product_order_customer_id", "product_order", ["customer_id"])
    op.create_index("ix_product_order_hall_state", "product_order", ["hall_id", "state"])
    op.create_table(
        "policy",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    _put_default_policy()
    with op.batch_alter_table("number") as batch:
        batch.add_column(sa.Column("held_by", sa.String(32), nullable=True))
        batch.add_column(sa.Column("held_until", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("subscription") as batch:
        batch.add_column(sa.Column("next_plan_id", sa.String(36), nullable=True))
        batch.add_column(sa.Column("next_plan_from", sa.Date(), nullable=True))


def _put_default_policy() -> None:
    """The policy's values as they stood (counter_app.domain.policy then), at the feed's head."""
    bind = op.get_bind()
    policy = sa.table(
        "policy",
        sa.column("id", sa.String),
        sa.column("rules", sa.JSON),
        sa.column("version", sa.Integer),
    )
    values = {
        "max_lines_per_id": 5,
        "number_hold_minutes": 30,
        "waiver_approval_fen": 2000,
        "topup_min_fen": 100,
        "topup_max_fen": 500_000,
        "variance_approval_fen": 1000,
        "offline_order_types": ["new_line", "addons", "suspend", "resume"],
        "approval_order_types": ["transfer", "cancel", "reverse"],
    }
    bind.execute(policy.insert().values(id=POLICY_ID, rules=values, version=1))
    bind.execute(sa.text("DELETE FROM change WHERE entity = 'policy'"))  # a copied feed's
    seq = bind.execute(
        sa.text("UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value")
    ).scalar_one()
    bind.execute(
        sa.text(
            "INSERT INTO change (seq, entity, entity_id, op, version, hall_id) "
            "VALUES (:seq, 'policy', :id, 'upsert', 1, NULL)"
        ),
        {"seq": seq, "id": POLICY_ID},
    )


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM change WHERE entity = 'policy'"))
    with op.batch_alter_table("subscription") as batch:
        batch.drop_column("next_plan_from")
        batch.drop_column("next_plan_id")
    with op.batch_alter_table("number") as batch:
        batch.drop_column("held_until")
        batch.drop_column("held_by")
    op.drop_table("policy")
    op.drop_table("product_order")
