"""Alembic's entry point for the province's schema: run through province_api.schema, which
hands over the connection to migrate (`config.attributes["connection"]`)."""

from __future__ import annotations

from alembic import context

from province_api.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite alters a table by copying it; batch mode does that for later revisions.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
