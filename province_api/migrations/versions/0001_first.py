"""The province's schema as it stood when migrations began.

Its tables are frozen here (not read from province_api.models, which moves on). On an empty
database they are made; on one made earlier by `create_all` (a province from before
migrations) the tables it lacks are made and the columns it lacks added, so that database
joins the migrated ones. The change feed's counter row is written if missing.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_SNAPSHOT = sa.MetaData()
sa.Table(
    "change",
    _SNAPSHOT,
    sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column("entity", sa.String(length=32), nullable=False),
    sa.Column("entity_id", sa.String(length=36), nullable=False),
    sa.Column("op", sa.String(length=8), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("hall_id", sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint("seq"),
    sa.UniqueConstraint("entity", "entity_id", name="uq_change_entity"),
)
sa.Index(
    "ix_change_hall_seq", _SNAPSHOT.tables["change"].c.hall_id, _SNAPSHOT.tables["change"].c.seq
)

sa.Table(
    "change_counter",
    _SNAPSHOT,
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("value", sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint("id"),
)
sa.Table(
    "hall",
    _SNAPSHOT,
    sa.Column("id", sa.String(length=36), nullable=False),
    sa.Column("code", sa.String(length=16), nullable=False),
    sa.Column("name", sa.String(length=100), nullable=False),
    sa.Column("city", sa.String(length=50), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("code"),
)
sa.Table(
    "idempotency_record",
    _SNAPSHOT,
    sa.Column("key", sa.String(length=100), nullable=False),
    sa.Column("staff_id", sa.String(length=36), nullable=False),
    sa.Column("method", sa.String(length=8), nullable=False),
    sa.Column("path", sa.String(length=200), nullable=False),
    sa.Column("body_hash", sa.String(length=64), nullable=False),
    sa.Column("status", sa.Integer(), nullable=False),
    sa.Column("response", sa.Text(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint("key"),
)
sa.Table(
    "offering",
    _SNAPSHOT,
    sa.Column("id", sa.String(length=36), nullable=False),
    sa.Column("code", sa.String(length=32), nullable=False),
    sa.Column("name", sa.String(length=100), nullable=False),
    sa.Column("kind", sa.String(length=16), nullable=False),
    sa.Column("price_fen", sa.BigInteger(), nullable=False),
    sa.Column("description", sa.Text(), nullable=False),
    sa.Column("eligibility", sa.JSON(), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("code"),
)
sa.Table(
    "customer",
    _SNAPSHOT,
    sa.Column("id", sa.String(length=36), nullable=False),
    sa.Column("customer_no", sa.String(length=20), nullable=False),
    sa.Column("name", sa.String(length=100), nullable=False),
    sa.Column("name_initials", sa.String(length=20), nullable=False),
    sa.Column("customer_type", sa.String(length=16), nullable=False),
    sa.Column("id_type", sa.String(length=16), nullable=False),
    sa.Column("id_number", sa.String(length=32), nullable=False),
    sa.Column("gender", sa.String(length=1), nullable=False),
    sa.Column("birth_date", sa.Date(), nullable=True),
    sa.Column("contact_phone", sa.String(length=20), nullable=True),
    sa.Column("address", sa.String(length=200), nullable=True),
    sa.Column("vip_level", sa.String(length=16), nullable=False),
    sa.Column("home_hall_id", sa.String(length=36), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(
        ["home_hall_id"],
        ["hall.id"],
    ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("customer_no"),
    sa.UniqueConstraint("id_number"),
)
sa.Index("ix_customer_contact_phone", _SNAPSHOT.tables["customer"].c.contact_phone)
sa.Index("ix_customer_name", _SNAPSHOT.tables["customer"].c.name)
sa.Index("ix_customer_name_initials", _SNAPSHOT.tables["customer"].c.name_initials)

sa.Table(
    "number",
    _SNAPSHOT,
    sa.Column("id", sa.String(length=36), nullable=False),
    sa.Column("msisdn", sa.String(length=20), nullable=False),
    sa.Column("hall_id", sa.String(length=36), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("level", sa.String(length=16), nullable=False),
    sa.Column("prepay_fen", sa.BigInteger(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(
        ["hall_id"],
        ["hall.id"],
    ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("msisdn"),
)
sa.Index("ix_number_hall_id", _SNAPSHOT.tables["number"].c.hall_id)

sa.Table(
    "sim",
    _SNAPSHOT,
    sa.Column("id", sa.String(length=36), nullable=False),
    sa.Column("iccid", sa.String(length=20), nullable=False),
    sa.Column("hall_id", sa.String(length=36), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(
        ["hall_id"],
        ["hall.id"],
    ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("iccid"),
)
sa.Index("ix_sim_hall_id", _SNAPSHOT.tables["sim"].c.hall_id)

sa.Table(
    "staff",
    _SNAPSHOT,
    sa.Column("id", sa.String(length=36), nullable=False),
    sa.Column("staff_no", sa.String(length=32), nullable=False),
    sa.Column("name", sa.String(length=100), nullable=False),
    sa.Column("role", sa.String(length=16), nullable=False),
    sa.Column("hall_id", sa.String(length=36), nullable=False),
    sa.Column("password_hash", sa.String(length=255), nullable=False),
    sa.Column("offline_verifier", sa.String(length=255), nullable=False),
    sa.Column("approval_salt", sa.String(length=64), nullable=False, server_default=""),
    sa.Column("approval_key", sa.String(length=64), nullable=False, server_default=""),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(
        ["hall_id"],
        ["hall.id"],
    ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("staff_no"),
)
sa.Table(
    "account",
    _SNAPSHOT,
    sa.Column("id", sa.String(length=36), nullable=False),
    sa.Column("account_no", sa.String(length=20), nullable=False),
    sa.Column("customer_id", sa.String(length=36), nullable=False),
    sa.Column("kind", sa.String(length=16), nullable=False),
    sa.Column("balance_fen", sa.BigInteger(), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(
        ["customer_id"],
        ["customer.id"],
    ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("account_no"),
)
sa.Index("ix_account_customer_id", _SNAPSHOT.tables["account"].c.customer_id)

sa.Table(
    "approval",
    _SNAPSHOT,
    sa.Column("id", sa.String(length=36), nullable=False),
    sa.Column("token_hash", sa.String(length=64), nullable=False),
    sa.Column("supervisor_id", sa.String(length=36), nullable=False),
    sa.Column("hall_id", sa.String(length=36), nullable=False),
    sa.Column("action", sa.String(length=32), nullable=False),
    sa.Column("target_id", sa.String(length=36), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(
        ["hall_id"],
        ["hall.id"],
    ),
    sa.ForeignKeyConstraint(
        ["supervisor_id"],
        ["staff.id"],
    ),
    sa.PrimaryKeyConstraint("id"),
)
sa.Table(
    "auth_session",
    _SNAPSHOT,
    sa.Column("token_hash", sa.String(length=64), nullable=False),
    sa.Column("staff_id", sa.String(length=36), nullable=False),
    sa.Column("hall_id", sa.String(length=36), nullable=False),
    sa.Column("counter_id", sa.String(length=32), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(
        ["hall_id"],
        ["hall.id"],
    ),
    sa.ForeignKeyConstraint(
        ["staff_id"],
        ["staff.id"],
    ),
    sa.PrimaryKeyConstraint("token_hash"),
)
sa.Table(
    "shift",
    _SNAPSHOT,
    sa.Column("id", sa.String(length=36), nullable=False),
    sa.Column("hall_id", sa.String(length=36), nullable=False),
    sa.Column("counter_id", sa.String(length=32), nullable=False),
    sa.Column("staff_id", sa.String(length=36), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("opening_float_fen", sa.BigInteger(), nullable=False),
    sa.Column("float_denominations", sa.JSON(), nullable=False),
    sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("counted_fen", sa.BigInteger(), nullable=True),
    sa.Column("counted_denominations", sa.JSON(), nullable=True),
    sa.Column("expected_fen", sa.BigInteger(), nullable=True),
    sa.Column("variance_fen", sa.BigInteger(), nullable=True),
    sa.Column("note", sa.Text(), nullable=True),
    sa.Column("approved_by", sa.String(length=36), nullable=True),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(
        ["hall_id"],
        ["hall.id"],
    ),
    sa.ForeignKeyConstraint(
        ["staff_id"],
        ["staff.id"],
    ),
    sa.PrimaryKeyConstraint("id"),
)
sa.Index("ix_shift_hall_id", _SNAPSHOT.tables["shift"].c.hall_id)

sa.Table(
    "bill",
    _SNAPSHOT,
    sa.Column("id", sa.String(length=36), nullable=False),
    sa.Column("account_id", sa.String(length=36), nullable=False),
    sa.Column("period", sa.String(length=7), nullable=False),
    sa.Column("amount_fen", sa.BigInteger(), nullable=False),
    sa.Column("paid_fen", sa.BigInteger(), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("due_date", sa.Date(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(
        ["account_id"],
        ["account.id"],
    ),
    sa.PrimaryKeyConstraint("id"),
)
sa.Index("ix_bill_account_id", _SNAPSHOT.tables["bill"].c.account_id)

sa.Table(
    "payment",
    _SNAPSHOT,
    sa.Column("id", sa.String(length=36), nullable=False),
    sa.Column("receipt_no", sa.String(length=40), nullable=False),
    sa.Column("kind", sa.String(length=16), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("account_id", sa.String(length=36), nullable=False),
    sa.Column("customer_id", sa.String(length=36), nullable=False),
    sa.Column("subscription_id", sa.String(length=36), nullable=True),
    sa.Column("amount_fen", sa.BigInteger(), nullable=False),
    sa.Column("method", sa.String(length=8), nullable=False),
    sa.Column("tendered_fen", sa.BigInteger(), nullable=True),
    sa.Column("change_fen", sa.BigInteger(), nullable=True),
    sa.Column("reference", sa.String(length=64), nullable=True),
    sa.Column("allocations", sa.JSON(), nullable=False),
    sa.Column("shift_id", sa.String(length=36), nullable=False),
    sa.Column("hall_id", sa.String(length=36), nullable=False),
    sa.Column("counter_id", sa.String(length=32), nullable=False),
    sa.Column("staff_id", sa.String(length=36), nullable=False),
    sa.Column("reverses_id", sa.String(length=36), nullable=True),
    sa.Column("voided_by_id", sa.String(length=36), nullable=True),
    sa.Column("approved_by", sa.String(length=36), nullable=True),
    sa.Column("reason", sa.Text(), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("booked_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(
        ["account_id"],
        ["account.id"],
    ),
    sa.ForeignKeyConstraint(
        ["customer_id"],
        ["customer.id"],
    ),
    sa.ForeignKeyConstraint(
        ["hall_id"],
        ["hall.id"],
    ),
    sa.ForeignKeyConstraint(
        ["shift_id"],
        ["shift.id"],
    ),
    sa.ForeignKeyConstraint(
        ["staff_id"],
        ["staff.id"],
    ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("receipt_no"),
)
sa.Index("ix_payment_account_id", _SNAPSHOT.tables["payment"].c.account_id)
sa.Index("ix_payment_customer_id", _SNAPSHOT.tables["payment"].c.customer_id)
sa.Index("ix_payment_hall_id", _SNAPSHOT.tables["payment"].c.hall_id)
sa.Index("ix_payment_shift_id", _SNAPSHOT.tables["payment"].c.shift_id)

sa.Table(
    "subscription",
    _SNAPSHOT,
    sa.Column("id", sa.String(length=36), nullable=False),
    sa.Column("msisdn", sa.String(length=20), nullable=False),
    sa.Column("iccid", sa.String(length=20), nullable=False),
    sa.Column("customer_id", sa.String(length=36), nullable=False),
    sa.Column("account_id", sa.String(length=36), nullable=False),
    sa.Column("plan_id", sa.String(length=36), nullable=False),
    sa.Column("addon_ids", sa.JSON(), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("activated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(
        ["account_id"],
        ["account.id"],
    ),
    sa.ForeignKeyConstraint(
        ["customer_id"],
        ["customer.id"],
    ),
    sa.ForeignKeyConstraint(
        ["plan_id"],
        ["offering.id"],
    ),
    sa.PrimaryKeyConstraint("id"),
)
sa.Index("ix_subscription_account_id", _SNAPSHOT.tables["subscription"].c.account_id)
sa.Index("ix_subscription_customer_id", _SNAPSHOT.tables["subscription"].c.customer_id)
sa.Index("ix_subscription_iccid", _SNAPSHOT.tables["subscription"].c.iccid)
sa.Index("ix_subscription_msisdn", _SNAPSHOT.tables["subscription"].c.msisdn)


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    for table in _SNAPSHOT.sorted_tables:
        if not inspector.has_table(table.name):
            table.create(bind)
            continue
        present = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name in present:
                continue
            if not column.nullable and column.server_default is None:
                # What create_all made earlier never lacked a required column without a
                # default; if one is missing, the database is not a province's.
                raise RuntimeError(
                    f"{table.name}.{column.name} is missing and cannot be added to rows "
                    "already there; this database was not made by the province server"
                )
            op.add_column(table.name, column._copy())
        indexes = {i["name"] for i in inspector.get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in indexes:
                index.create(bind)
    counter = _SNAPSHOT.tables["change_counter"]
    if bind.execute(sa.select(counter.c.id).where(counter.c.id == 1)).first() is None:
        bind.execute(counter.insert().values(id=1, value=0))


def downgrade() -> None:
    _SNAPSHOT.drop_all(op.get_bind())
