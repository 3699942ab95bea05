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
Luhn. Rows are built as plain dicts and written with Core bulk inserts, one transaction per
batch of customers (with their accounts, lines and bills), each row recorded in the change feed.
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
    Account,
    Base,
    Bill,
    Customer,
    Hall,
    Number,
    Offering,
    Sim,
    Staff,
    Subscription,
)
from province_api.schema import upgrade
from province_api.seed.demo_staff import DEMO_SUPERVISOR_PASSWORD
from province_api.seed.generator import (
    _Generator,
)
from province_api.seed.reference import (
    BATCH_CUSTOMERS,
    SYNCED_TABLES,
    Progress,
)

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


CUSTOMER_TABLES: dict[str, type[Base]] = {
    "customer": Customer,
    "account": Account,
    "subscription": Subscription,
    "bill": Bill,
}


SQLITE_SEED_CACHE_KIB = 256 * 1024


@contextlib.contextmanager
def _bulk_connection(engine: Engine) -> Iterator[Connection]:
    """One connection for all the customer batches.

    SQLite's default page cache (2 MB) makes the random-UUID index inserts of a large seed
    re-read pages all the time; a roomier cache while seeding saves ~15 % at 100k customers.
    The connection goes back to the pool with its old setting.
    """
    with engine.connect() as conn:
        if engine.dialect.name != "sqlite":
            yield conn
            return
        old = int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
        conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_SEED_CACHE_KIB}")
        conn.commit()
        try:
            yield conn
        finally:
            conn.rollback()
            conn.exec_driver_sql(f"PRAGMA cache_size={old}")
            conn.commit()


def _write_customer_batch(
    conn: Connection, batch: dict[str, list[dict[str, Any]]]
) -> dict[str, int]:
    """One transaction: a batch of customers with their accounts, lines and bills."""
    with Session(conn) as session, session.begin():
        return {
            entity: _write(session, model, batch[entity], entity)
            for entity, model in CUSTOMER_TABLES.items()
        }


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
) -> dict[str, int]:
    """Fill an empty province database; returns the rows written per table (and `change`).

    Raises RuntimeError("database already seeded") if there is any hall, and
    ValidationError if a password does not pass `province_api.password_rules`.
    """
    if customers < 0:
        raise ValueError("customers must not be negative")
    if halls < 1:
        raise ValueError("there must be at least one hall")
    upgrade(engine)  # an empty database is made at the newest revision
    with Session(engine) as session:
        if session.scalar(select(Hall.id).limit(1)) is not None:
            raise RuntimeError("database already seeded")

    gen = _Generator(seed, as_of or date.today(), halls)
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

    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="seed-hash") as pool:
        hall_rows = gen.make_halls()
        offering_rows = gen.make_offerings()
        staff_rows = gen.make_staff()
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
        number_rows = gen.make_numbers()
        sim_rows = gen.make_sims()

        with Session(engine) as session, session.begin():
            counts["hall"] = _write(session, Hall, hall_rows, None)
            counts["offering"] = _write(session, Offering, offering_rows, "offering")
            counts["number"] = _write(session, Number, number_rows, "number")
            counts["sim"] = _write(session, Sim, sim_rows, "sim")
        report("stock", 1, 1)

        # On a server database, generating batch k+1 (pure Python) overlaps the server writing
        # batch k; one writer thread keeps the batches, and so the feed's seqs, in order.
        # SQLite writes in-process, where a second Python thread only contends for the GIL
        # (measured: ~5 % slower), so it writes inline.
        written = 0
        report("customers", 0, customers)
        overlap = engine.dialect.name != "sqlite"
        with (
            _bulk_connection(engine) as conn,
            (
                ThreadPoolExecutor(max_workers=1, thread_name_prefix="seed-write")
                if overlap
                else _InlineExecutor()
            ) as writer,
        ):
            pending: Future[dict[str, int]] | None = None
            generated = 0
            while generated < customers:
                size = min(BATCH_CUSTOMERS, customers - generated)
                batch = gen.customer_batch(size)
                generated += size
                if pending is not None:
                    written += _collect(pending, counts)
                    report("customers", written, customers)
                pending = writer.submit(_write_customer_batch, conn, batch)
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

    counts["policy"] = 1  # put in the feed by the schema's migration (0003)
    counts["change"] = sum(n for table, n in counts.items() if table in SYNCED_TABLES)
    return counts
