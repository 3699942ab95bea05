"""Security: sign-out and revocation, staff-scoped idempotency keys, sign-in throttling, the
review of offline approvals, the hash-chained audit log, and offline verifiers that cost a
memory-hard hash a guess (the PBKDF2 ones are dropped: a staff member's next sign-in makes
the new one, and until then that person cannot sign in or approve offline).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_APPEND_ONLY_PG = """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only';
END $$ LANGUAGE plpgsql;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
"""
_APPEND_ONLY_SQLITE = (
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
)


def _idempotency_table(keys_per_staff: bool) -> None:
    """Keys of each staff member's own (0005), or one key space for all (before)."""
    op.create_table(
        "idempotency_record",
        sa.Column("staff_id", sa.String(36), primary_key=keys_per_staff, nullable=False),
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("method", sa.String(8), nullable=False),
        sa.Column("path", sa.String(200), nullable=False),
        sa.Column("body_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def upgrade() -> None:
    with op.batch_alter_table("auth_session") as batch:
        batch.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_auth_session_staff_id", ["staff_id"])
        batch.create_index("ix_auth_session_expires_at", ["expires_at"])

    op.rename_table("idempotency_record", "idempotency_record_old")
    _idempotency_table(keys_per_staff=True)
    op.execute(
        "INSERT INTO idempotency_record (staff_id, key, method, path, body_hash, status, "
        "response, created_at) SELECT staff_id, key, method, path, body_hash, status, "
        "response, created_at FROM idempotency_record_old"
    )
    op.drop_table("idempotency_record_old")
    op.create_index("ix_idempotency_record_created_at", "idempotency_record", ["created_at"])

    op.create_table(
        "sign_in_guard",
        sa.Column("kind", sa.String(8), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("first_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "offline_approval",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("hall_id", sa.String(36), sa.ForeignKey("hall.id"), nullable=False),
        sa.Column("supervisor_staff_no", sa.String(32), nullable=False),
        sa.Column("clerk_id", sa.String(36), sa.ForeignKey("staff.id"), nullable=False),
        sa.Column("counter_id", sa.String(32), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("target_id", sa.String(36), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=True),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False, server_default=""),
        sa.Column("reviewed_by", sa.String(36), sa.ForeignKey("staff.id"), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("review_note", sa.String(200), nullable=False, server_default=""),
    )
    op.create_index("ix_offline_approval_hall_id", "offline_approval", ["hall_id"])
    op.create_table(
        "audit_event",
        sa.Column("chain", sa.String(36), primary_key=True),
        sa.Column("n", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("staff_id", sa.String(36), nullable=True),
        sa.Column("counter_id", sa.String(32), nullable=True),
        sa.Column("target", sa.String(64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_APPEND_ONLY_PG)
    else:
        for statement in _APPEND_ONLY_SQLITE:
            op.execute(statement)
    # PBKDF2 verifiers cost an attacker 50 ms a guess: no longer served or accepted.
    op.execute(
        "UPDATE staff SET offline_verifier = '', approval_key = '', approval_salt = '', "
        "version = version + 1 WHERE offline_verifier LIKE 'pbkdf2%'"
    )


def downgrade() -> None:
    op.drop_table("audit_event")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_event_append_only()")
    op.drop_table("offline_approval")
    op.drop_table("sign_in_guard")
    op.drop_index("ix_idempotency_record_created_at", "idempotency_record")
    op.rename_table("idempotency_record", "idempotency_record_new")
    _idempotency_table(keys_per_staff=False)
    op.execute(
        "INSERT INTO idempotency_record (staff_id, key, method, path, body_hash, status, "
        "response, created_at) SELECT staff_id, key, method, path, body_hash, status, "
        "response, created_at FROM idempotency_record_new n WHERE NOT EXISTS "
        "(SELECT 1 FROM idempotency_record_new m WHERE m.key = n.key "
        "AND m.created_at < n.created_at)"
    )
    op.drop_table("idempotency_record_new")
    with op.batch_alter_table("auth_session") as batch:
        batch.drop_index("ix_auth_session_expires_at")
        batch.drop_index("ix_auth_session_staff_id")
        batch.drop_column("revoked_at")
