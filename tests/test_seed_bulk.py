"""The seeder's fast path on SQLite (province_api/seed/sqlite_bulk.py, pipeline.py): the
schema and pragmas come back as migrated, ids count up, a new file is made aside, and rows
made in a child process are the very same."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from province_api.models import (
    Account,
    Bill,
    Change,
    Customer,
    Hall,
    Number,
    Offering,
    Sim,
    Subscription,
)
from province_api.schema import upgrade
from province_api.seed import seed
from tests.test_seed import (
    AS_OF,
    PASSWORD,
    SUPERVISOR_PASSWORD,
    N,
    Seeded,
    _engine,
    _rows,
    _staff_without_secrets,
    seeded_province,
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    with seeded_province(tmp_path_factory.mktemp("seed") / "province.db") as province:
        yield province


def _schema(engine: Engine) -> list[tuple[str, str, str]]:
    with engine.connect() as conn:
        return [
            (r[0], r[1], r[2])
            for r in conn.exec_driver_sql(
                "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
            )
        ]


def test_the_bulk_load_leaves_the_schema_and_pragmas_as_migrated(
    seeded: Seeded, tmp_path: Path
) -> None:
    """The load drops the customer tables' indexes and foreign-key checks; both come back."""
    engine, _, _ = seeded
    fresh = _engine(tmp_path / "migrated.db")
    upgrade(fresh)
    assert _schema(engine) == _schema(fresh)
    fresh.dispose()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"


def test_ids_are_uuids_made_in_order(seeded: Seeded) -> None:
    """Seeded ids count up (a UUIDv7 layout), so a large seed appends to every key index."""
    engine, _, _ = seeded
    with engine.connect() as conn:
        for entity in ("customer", "account", "subscription", "bill"):
            made = list(  # the feed holds the rows in the order they were written
                conn.scalars(
                    select(Change.entity_id).where(Change.entity == entity).order_by(Change.seq)
                )
            )
            assert len(made) > N / 2
            assert made == sorted(made), entity
            assert {uuid.UUID(i).version for i in made} == {7}


def test_a_new_sqlite_file_is_seeded_aside_and_moved_in_whole(tmp_path: Path) -> None:
    from province_api.cli import main as cli

    db = tmp_path / "new.db"
    assert cli(["seed", "--db", str(db), "--customers", "20", "--seed", "2"]) == 0
    assert db.exists() and not (tmp_path / "new.db.partial").exists()
    engine = _engine(db)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Customer)) == 20
    engine.dispose()


def test_rows_made_in_a_child_process_are_the_same(seeded: Seeded, tmp_path: Path) -> None:
    """A large seed makes its rows beside the writer; the rows must not change for it."""
    engine, counts, _ = seeded
    aside = _engine(tmp_path / "aside.db")
    again = seed(
        aside,
        customers=N,
        seed=7,
        staff_password=PASSWORD,
        supervisor_password=SUPERVISOR_PASSWORD,
        as_of=AS_OF,
        aside=True,
    )
    assert again == counts
    for model in (Customer, Account, Subscription, Bill, Number, Sim, Offering, Hall, Change):
        assert _rows(aside, model) == _rows(engine, model), model.__tablename__
    assert _staff_without_secrets(aside) == _staff_without_secrets(engine)
    aside.dispose()
