"""Real-name registration: an enterprise's contact person, and the photo read from an ID
card (kept at the province only, never in the feed).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customer") as batch:
        batch.add_column(sa.Column("contact_name", sa.String(50), nullable=True))
        batch.add_column(sa.Column("contact_id_number", sa.String(32), nullable=True))
        batch.add_column(sa.Column("photo", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("customer") as batch:
        batch.drop_column("photo")
        batch.drop_column("contact_id_number")
        batch.drop_column("contact_name")
