"""The province's schema under Alembic: `migrate`, a server that refuses a database behind it,
databases from before migrations adopted, and an upgrade of one holding data, on SQLite and
PostgreSQL, after which the server tests pass on it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, MetaData, func, insert, inspect, select, text

from province_api import schema
from province_api.db import make_engine
from province_api.embedded import EmbeddedServer
from province_api.models import Base
from province_api.schema import SchemaBehind
from tests.support import servers

ROOT = Path(__file__).resolve().parents[1]
FIRST = "0001"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "province_api", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'province.db'}"
        return
    base = servers.postgres_url()
    if not base:
        pytest.skip(f"{servers.POSTGRES_ENV} is not set")
    with servers.postgres_database(base) as url:
        yield url


@contextmanager
def engine_of(url: str) -> Iterator[Engine]:
    engine = make_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def test_serve_refuses_a_database_behind_and_names_the_command(empty_db: str) -> None:
    done = run_cli("serve", "--db", empty_db, "--port", "1")
    assert done.returncode == 3
    assert "province-api migrate" in done.stderr and "needs revision" in done.stderr
    with engine_of(empty_db) as engine, pytest.raises(SchemaBehind):
        EmbeddedServer(engine)

    first = run_cli("migrate", "--db", empty_db, "--revision", FIRST)
    assert first.returncode == 0, first.stderr
    done = run_cli("serve", "--db", empty_db, "--port", "1")
    assert done.returncode == 3 and f"at revision {FIRST}" in done.stderr

    assert run_cli("migrate", "--db", empty_db).returncode == 0
    again = run_cli("migrate", "--db", empty_db)
    assert again.returncode == 0 and "nothing to do" in again.stdout
    with engine_of(empty_db) as engine:
        assert schema.current_revision(engine) == schema.head_revision()


def test_the_migrations_make_exactly_what_the_models_declare(empty_db: str) -> None:
    with engine_of(empty_db) as engine:
        schema.upgrade(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_a_database_from_before_migrations_is_adopted(empty_db: str) -> None:
    """A province made by `create_all` before staff had approval columns: `migrate` adds
    them and keeps every row; offline approvals wait for the supervisors' next sign-in."""
    servers.seed_into(empty_db, customers=20)
    with engine_of(empty_db) as engine, engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(text("ALTER TABLE auth_session DROP COLUMN client_version"))
        conn.execute(text("ALTER TABLE staff DROP COLUMN approval_key"))
        conn.execute(text("ALTER TABLE staff DROP COLUMN approval_salt"))
        # ... and before service orders (0003)
        conn.execute(text("DROP TABLE product_order"))
        conn.execute(text("DROP TABLE policy"))
        conn.execute(text("DELETE FROM change WHERE entity = 'policy'"))
        for table, column in (
            ("number", "held_by"),
            ("number", "held_until"),
            ("subscription", "next_plan_id"),
            ("subscription", "next_plan_from"),
            # ... and before registration (0004)
            ("customer", "contact_name"),
            ("customer", "contact_id_number"),
            ("customer", "photo"),
        ):
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN {column}"))
        # ... and before the security revision (0005), with PBKDF2 verifiers
        for index in ("ix_auth_session_staff_id", "ix_auth_session_expires_at"):
            conn.execute(text(f"DROP INDEX {index}"))
        conn.execute(text("ALTER TABLE auth_session DROP COLUMN revoked_at"))
        conn.execute(text("DROP INDEX ix_idempotency_record_created_at"))
        for table in ("sign_in_guard", "offline_approval", "audit_event"):
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(text("UPDATE staff SET offline_verifier = 'pbkdf2_sha256$120000$c2FsdA$x'"))
        # ... and before the province's identity (0006)
        conn.execute(text("DROP TABLE province_instance"))
        staff = conn.execute(text("SELECT count(*) FROM staff")).scalar_one()

    assert run_cli("serve", "--db", empty_db, "--port", "1").returncode == 3
    done = run_cli("migrate", "--db", empty_db)
    assert done.returncode == 0, done.stderr
    with engine_of(empty_db) as engine:
        assert schema.current_revision(engine) == schema.head_revision()
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT approval_salt FROM staff")).scalars().all()
            verifiers = conn.execute(text("SELECT offline_verifier FROM staff")).scalars()
            assert set(verifiers) == {""}
        assert len(rows) == staff and set(rows) == {""}
        server = EmbeddedServer(engine)
        server.start()
        try:
            login = {
                "staff_no": "H001-C01",
                "password": servers.PASSWORD,
                "hall_code": "H001",
                "counter_id": "C01",
            }
            answer = requests.post(f"{server.url}/api/v1/auth/login", json=login, timeout=10)
            assert answer.status_code == 200, answer.text
            # The PBKDF2 verifiers were dropped; a sign-in makes the new one.
            assert answer.json()["offline_verifier"].startswith("argon2id$")
        finally:
            server.stop()


def first_revision_copy(source_url: str, target_url: str) -> None:
    """`target` made at the first revision and given `source`'s rows (the columns that
    revision has): a province's database as it stood before the later revisions."""
    with engine_of(source_url) as source, engine_of(target_url) as target:
        schema.upgrade(target, FIRST)
        tables = MetaData()
        tables.reflect(target)
        with source.connect() as src, target.begin() as dst:
            dst.execute(text("DELETE FROM change_counter"))
            for table in tables.sorted_tables:
                if table.name == "alembic_version":
                    continue
                typed = Base.metadata.tables[table.name]  # read as Python values
                columns = [typed.c[c.name] for c in table.columns]
                batch = [dict(r) for r in src.execute(select(*columns)).mappings()]
                if batch:
                    dst.execute(insert(table), batch)


def test_a_province_at_the_first_revision_holding_data_upgrades_and_serves(
    tmp_path: Path, sqlite_template: Path
) -> None:
    """The server tests, run again on a database migrated from the first revision."""
    old = tmp_path / "province-0001.db"
    first_revision_copy(f"sqlite:///{sqlite_template}", f"sqlite:///{old}")
    env = dict(os.environ, **{servers.SQLITE_TEMPLATE_ENV: str(old)})
    with engine_of(f"sqlite:///{old}") as engine:
        assert schema.current_revision(engine) == FIRST
        with engine.connect() as conn:
            present = set(inspect(conn).get_table_names())
            counted = {
                name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in Base.metadata.tables.items()
                if name != "auth_session" and name in present
            }
    done = run_cli("migrate", "--db", str(old))
    assert done.returncode == 0, done.stderr
    with engine_of(f"sqlite:///{old}") as engine, engine.connect() as conn:
        for name, n in counted.items():
            table = Base.metadata.tables[name]
            assert conn.execute(select(func.count()).select_from(table)).scalar_one() == n, name
        # The province's policy is in the feed from the migration on.
        assert conn.execute(text("SELECT count(*) FROM change WHERE entity = 'policy'")).scalar()

    postgres = servers.postgres_url()
    with postgres_first_revision(postgres, sqlite_template) as pg_url:
        if pg_url:
            env[servers.POSTGRES_SEEDED_ENV] = pg_url
        suite = subprocess.run(
            [
                *(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"),
                *("-o", "faulthandler_timeout=60"),
                "tests/test_server_api.py",
                "tests/test_server_payments.py",
                "tests/test_server_sync.py",
            ],
            capture_output=True,
            text=True,
            timeout=900,
            cwd=ROOT,
            env=env,
        )
    assert suite.returncode == 0, suite.stdout[-4000:] + suite.stderr[-2000:]
    assert " passed" in suite.stdout and " failed" not in suite.stdout


@contextmanager
def postgres_first_revision(base: str | None, template: Path) -> Iterator[str | None]:
    """The seeded rows at the first revision on PostgreSQL, migrated by the CLI."""
    if not base:
        yield None
        return
    with servers.postgres_database(base) as url:
        first_revision_copy(f"sqlite:///{template}", url)
        done = run_cli("migrate", "--db", url)
        assert done.returncode == 0, done.stderr
        yield url
