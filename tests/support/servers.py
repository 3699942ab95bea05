"""Province databases and servers for tests: SQLite always, PostgreSQL when configured."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from province_api.db import make_engine, normalise_url
from province_api.seed.demo_staff import DEMO_CLERK_PASSWORD, DEMO_SUPERVISOR_PASSWORD

POSTGRES_ENV = "CMS_TEST_POSTGRES_URL"
# A seeded database to run the server tests on instead of seeding one (the upgrade test).
SQLITE_TEMPLATE_ENV = "CMS_TEST_PROVINCE_SQLITE"
POSTGRES_SEEDED_ENV = "CMS_TEST_PROVINCE_POSTGRES"
TEST_CUSTOMERS = 300
PASSWORD = DEMO_CLERK_PASSWORD  # the clerks'
SUPERVISOR_PASSWORD = DEMO_SUPERVISOR_PASSWORD  # the supervisors' and the administrator's


def password_of(staff_no: str) -> str:
    """The demo password of a seeded staff number."""
    return SUPERVISOR_PASSWORD if staff_no.endswith("-S01") or staff_no == "ADMIN" else PASSWORD


def postgres_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


@contextmanager
def postgres_database(base_url: str) -> Iterator[str]:
    """A throwaway database on the PostgreSQL server of `base_url`, dropped afterwards."""
    url = make_url(normalise_url(base_url))
    name = f"cms_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@contextmanager
def seeded_postgres() -> Iterator[str]:
    """A seeded throwaway PostgreSQL database; the test is skipped when none is configured."""
    import pytest

    base = postgres_url()
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    with postgres_database(base) as url:
        seed_into(url)
        yield url


def seed_into(url: str, customers: int = TEST_CUSTOMERS) -> None:
    from province_api.seed import seed

    engine = make_engine(url)
    try:
        seed(engine, customers=customers, seed=7, staff_password=PASSWORD)
    finally:
        engine.dispose()


def copy_sqlite(template: Path, target: Path) -> str:
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"
