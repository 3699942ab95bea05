"""Deterministic, realistic demo data for an empty province CMS database.

`seed(engine, customers=N, seed=S, as_of=D)` always writes the same rows for the same
(N, S, D, halls): every random choice comes from one `random.Random(S)` and one
`Faker("zh_CN")` seeded with S, and ids are UUIDs built from that generator. The only
exception is the staff password material (`hash_password` / `make_offline_secrets` use fresh
random salts); the hashes differ between runs but verify the same password. Supervisors
get their own password, which must pass `province_api.password_rules`.

The province is Zhejiang: halls sit in its cities, most customers were born and live there.
Values are realistic enough for the counter's own validators: resident ID numbers carry a
region code that existed in the birth year (read from python-stdnum's own table), a gender
digit matching `gender` and the GB 11643 check digit; mobiles use real prefixes; ICCIDs pass
Luhn. Rows are built as plain dicts (in a child process for a large seed) and written one
transaction per batch of customers (with their accounts, lines and bills), each row recorded
in the change feed: on SQLite through the driver's bulk path (`sqlite_bulk`), elsewhere
with Core bulk inserts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.orm import Session

from counter_app.domain.kinds import SUPERVISOR_ROLES
from counter_app.domain.passwords import hash_password, make_offline_secrets
from province_api import changes, password_rules
from province_api.changes import ChangedRow
from province_api.models import (
    SYNC_ENTITIES,
    Base,
    Hall,
    Number,
    Offering,
    Sim,
    Staff,
)
from province_api.schema import upgrade
from province_api.seed.demo_staff import DEMO_SUPERVISOR_PASSWORD
from province_api.seed.pipeline import CUSTOMER_TABLES, Stock, generated
from province_api.seed.reference import (
    SYNCED_TABLES,
    Progress,
)
from province_api.seed.sqlite_bulk import SqliteBulkWriter, as_dicts

# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


def _write(
    session: Session, model: type[Base], rows: Sequence[dict[str, Any]], entity: str | None
) -> int:
    """Bulk-insert plain dicts (Core executemany) and put them in the change feed."""
    if not rows:
        return 0
    session.execute(insert(model.__table__), rows)  # type: ignore[arg-type]
    if entity is not None:
        _, scope = SYNC_ENTITIES[entity]
        changes.record(
            session,
            entity,
            [ChangedRow(r["id"], r["version"], r[scope] if scope else None) for r in rows],
            fresh=True,
        )
    return len(rows)


class _InlineExecutor:
    """Runs each task at once in the caller's thread (the executor interface seed() uses)."""

    def __enter__(self) -> _InlineExecutor:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:
            future.set_exception(exc)
        return future


@contextlib.contextmanager
def _customer_writer(engine: Engine) -> Iterator[Callable[[Any], dict[str, int]]]:
    """What writes one batch of customers (with their accounts, lines and bills) in one
    transaction: on SQLite the driver's bulk path, elsewhere Core bulk inserts."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            tables = [model.__table__ for model in CUSTOMER_TABLES.values()]
            with SqliteBulkWriter(conn, tables).loading() as writer:  # type: ignore[arg-type]
                yield writer.write_batch
        else:
            yield lambda batch: _write_customer_batch(
                conn, {entity: as_dicts(table) for entity, table in batch.items()}
            )


def _write_customer_batch(
    conn: Connection, batch: dict[str, list[dict[str, Any]]]
) -> dict[str, int]:
    """One transaction: a batch of customers with their accounts, lines and bills."""
    with Session(conn) as session, session.begin():
        return {
            entity: _write(session, model, batch[entity], entity)
            for entity, model in CUSTOMER_TABLES.items()
        }


def _analyze(engine: Engine) -> None:
    """The planner's statistics of the tables just filled: without them PostgreSQL plans
    the first hours of a million-customer province as if it were empty (measured: 500
    counters answered 503 for most requests until ANALYZE). SQLite's planner needs none."""
    if engine.dialect.name == "sqlite":
        return
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")


def _collect(pending: Future[dict[str, int]], counts: dict[str, int]) -> int:
    written = pending.result()
    for table, n in written.items():
        counts[table] += n
    return written["customer"]


def _staff_secrets(
    passwords: list[str], pool: ThreadPoolExecutor
) -> list[Future[tuple[str, str, str, str]]]:
    """Hash each staff member's password (own salts), in the background: the sign-in hash,
    the offline verifier, and the salt and key of offline approvals."""

    def secrets(password: str) -> tuple[str, str, str, str]:
        offline = make_offline_secrets(password)
        return hash_password(password), offline.verifier, offline.salt, offline.approval_key

    return [pool.submit(secrets, password) for password in passwords]


def seed(
    engine: Engine,
    *,
    customers: int,
    seed: int = 1,
    staff_password: str = "demo",
    supervisor_password: str = DEMO_SUPERVISOR_PASSWORD,
    as_of: date | None = None,
    halls: int = 3,
    progress: Progress | None = None,
    aside: bool | None = None,
) -> dict[str, int]:
    """Fill an empty province database; returns the rows written per table (and `change`).

    Raises RuntimeError("database already seeded") if there is any hall, and
    ValidationError if a password does not pass `province_api.password_rules`. `aside`
    makes the rows in a child process (default: for a large seed; the rows are the same).
    """
    if customers < 0:
        raise ValueError("customers must not be negative")
    if halls < 1:
        raise ValueError("there must be at least one hall")
    upgrade(engine)  # an empty database is made at the newest revision
    with Session(engine) as session:
        if session.scalar(select(Hall.id).limit(1)) is not None:
            raise RuntimeError("database already seeded")

    counts = {
        name: 0
        for name in (
            "hall",
            "staff",
            "offering",
            "customer",
            "account",
            "subscription",
            "bill",
            "number",
            "sim",
        )
    }
    report = progress or (lambda _stage, _done, _total: None)
    sqlite = engine.dialect.name == "sqlite"

    with (
        ThreadPoolExecutor(max_workers=2, thread_name_prefix="seed-hash") as pool,
        generated(seed, as_of or date.today(), halls, customers, aside=aside) as items,
    ):
        stock = next(items)
        assert isinstance(stock, Stock)
        staff_rows = stock.staff
        for row in staff_rows:
            if row["role"] in SUPERVISOR_ROLES:
                password_rules.check(supervisor_password, row["role"], row["staff_no"])
            else:
                password_rules.check(staff_password, row["role"], row["staff_no"])
        secrets = _staff_secrets(
            [
                supervisor_password if row["role"] in SUPERVISOR_ROLES else staff_password
                for row in staff_rows
            ],
            pool,
        )
        with Session(engine) as session, session.begin():
            counts["hall"] = _write(session, Hall, stock.halls, None)
            counts["offering"] = _write(session, Offering, stock.offerings, "offering")
            counts["number"] = _write(session, Number, stock.numbers, "number")
            counts["sim"] = _write(session, Sim, stock.sims, "sim")
        report("stock", 1, 1)

        # On a server database, one writer thread overlaps the server writing batch k with
        # receiving batch k+1, and keeps the batches, and so the feed's seqs, in order.
        # SQLite writes in-process, where a second thread only contends for the GIL
        # (measured: ~10 % slower), so it writes inline.
        written = 0
        report("customers", 0, customers)
        with (
            _customer_writer(engine) as write,
            (
                _InlineExecutor()
                if sqlite
                else ThreadPoolExecutor(max_workers=1, thread_name_prefix="seed-write")
            ) as writer,
        ):
            pending: Future[dict[str, int]] | None = None
            for batch in items:
                if pending is not None:
                    written += _collect(pending, counts)
                    report("customers", written, customers)
                pending = writer.submit(write, batch)
            if pending is not None:
                written += _collect(pending, counts)
                report("customers", written, customers)

        for row, future in zip(staff_rows, secrets, strict=True):
            (
                row["password_hash"],
                row["offline_verifier"],
                row["approval_salt"],
                row["approval_key"],
            ) = future.result()
        with Session(engine) as session, session.begin():
            counts["staff"] = _write(session, Staff, staff_rows, "staff")
        report("staff", len(staff_rows), len(staff_rows))

    _analyze(engine)
    counts["policy"] = 1  # put in the feed by the schema's migration (0003)
    counts["change"] = sum(n for table, n in counts.items() if table in SYNCED_TABLES)
    return counts
