"""A morning's delta: 10,000 changes made at the province overnight, pulled by a counter
whose cache was bootstrapped before them.

The cache is the one `python -m bench.first_bootstrap --customers N` left (copied, so it can
be used again), the province a copy of the same seeded database, in its own process
(`province-api serve`). The changes are a hall's mix, a quarter each: customers (address),
accounts (balance), lines (status) and bills (paid), each recorded in the feed as the
province's own writes do. Then `SyncEngine.pull()` is timed, and a sample of the changed
rows is read back from the cache.

Target: a delta pull of 10,000 changes in 2 s or less (at 10k, 100k and 1M customers).

    python -m bench.delta --customers 100000 [--changes 10000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.common import (
    DATA_DIR,
    DEFAULT_CUSTOMERS,
    DEFAULT_SEED,
    login,
    mark,
    peak_rss_mib,
    province_db,
    record,
    table,
)

TARGET_S = 2.0
# entity -> (table, the column changed, its new value as SQL of the old row)
CHANGES = {
    "customer": ("address", "address || '（新）'"),
    "account": ("balance_fen", "balance_fen + 100"),
    "subscription": ("status", "CASE status WHEN 'active' THEN 'suspended' ELSE 'active' END"),
    "bill": ("paid_fen", "amount_fen"),
}


def _change(db: Path, n: int, seed: int) -> dict[str, list[str]]:
    """n changes over the four customer tables, recorded in the feed; returns the ids."""
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    from province_api import changes
    from province_api.changes import ChangedRow
    from province_api.db import make_engine

    engine = make_engine(f"sqlite:///{db}")
    rng = random.Random(seed)
    changed: dict[str, list[str]] = {}
    try:
        for i, (entity, (column, value)) in enumerate(CHANGES.items()):
            count = n // len(CHANGES) + (1 if i < n % len(CHANGES) else 0)
            with Session(engine) as session, session.begin():
                top = session.execute(text(f"SELECT max(rowid) FROM {entity}")).scalar_one()
                rowids = rng.sample(range(1, top + 1), count)
                got: list[ChangedRow] = []
                for start in range(0, count, 500):
                    marks = ", ".join(str(r) for r in rowids[start : start + 500])
                    got += [
                        ChangedRow(row_id, version)
                        for row_id, version in session.execute(
                            text(
                                f"UPDATE {entity} SET {column} = {value}, version = version + 1"
                                f" WHERE rowid IN ({marks}) RETURNING id, version"
                            )
                        )
                    ]
                changes.record(session, entity, got)
                changed[entity] = [r.entity_id for r in got]
    finally:
        engine.dispose()
    return changed


def run(customers: int, seed: int, n: int) -> bool:
    from bench.load import serving
    from counter_app.api_client import ApiClient
    from counter_app.sync.engine import SyncEngine
    from local_cache import sync_store
    from local_cache.db import Cache

    seeded = province_db(customers, seed)
    bootstrapped = DATA_DIR / f"first-bootstrap-{customers}" / "cache.db"
    if not bootstrapped.exists():
        print(
            f"no bootstrapped cache at {bootstrapped}: run\n"
            f"  python -m bench.first_bootstrap --customers {customers} --no-floor",
            file=sys.stderr,
        )
        raise SystemExit(2)
    work = Path(tempfile.mkdtemp(prefix="bench-delta-", dir=DATA_DIR))
    try:
        db = work / "province.db"
        shutil.copy(seeded.path, db)
        (work / "home").mkdir()
        shutil.copy(bootstrapped, work / "home" / "cache.db")
        started = time.perf_counter()
        changed = _change(db, n, seed)
        make_s = time.perf_counter() - started
        with serving(f"sqlite:///{db}", 1, 20) as url:
            cache = Cache(work / "home" / "cache.db")
            api = ApiClient(url, login(url))
            engine = SyncEngine(api, cache)
            before = sync_store.get_cursor(cache)
            rss_before = peak_rss_mib()
            started = time.perf_counter()
            result = engine.pull()
            seconds = time.perf_counter() - started
            rss = peak_rss_mib()
            sample = {entity: ids[:50] for entity, ids in changed.items()}
            seen = 0
            with cache.read() as conn:
                for entity, ids in sample.items():
                    marks = ", ".join("?" * len(ids))
                    seen += conn.exec_driver_sql(
                        f"SELECT count(*) FROM {entity} WHERE id IN ({marks}) AND version > 1",
                        tuple(ids),
                    ).scalar_one()
            api.close()
            cache.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    expected = sum(len(ids) for ids in sample.values())
    ok_time = seconds <= TARGET_S
    ok_rows = result.rows >= n and seen == expected and not result.bootstrap
    table(
        ["figure", "measured", "target", ""],
        [
            ["changes made at the province", f"{n:,} in {make_s:.1f} s", "", ""],
            ["delta pull", f"{seconds:.2f} s", f"<= {TARGET_S:.0f} s", mark(ok_time)],
            ["rows pulled, pages", f"{result.rows:,}, {result.pages}", f">= {n:,}", ""],
            ["rows/s", f"{result.rows / seconds:,.0f}", "", ""],
            ["changed rows found in the cache", f"{seen}/{expected}", "all", mark(ok_rows)],
            ["client peak RSS (MB)", f"{rss * 1.048576:,.0f}", "", ""],
            ["  before the pull (MB)", f"{rss_before * 1.048576:,.0f}", "", ""],
            ["cursor", f"{before} -> {result.cursor}", "", ""],
        ],
        title=f"Delta pull: {n:,} changes, {customers:,} customers",
    )
    record(
        f"delta {n:,} changes, {customers:,} customers",
        [["delta pull", f"{seconds:.2f} s", f"<= {TARGET_S:.0f} s", mark(ok_time and ok_rows)]],
    )
    return ok_time and ok_rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.delta", description=__doc__)
    parser.add_argument("--customers", type=int, nargs="+", default=[DEFAULT_CUSTOMERS])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--changes", type=int, default=10_000)
    args = parser.parse_args(argv)
    ok = [run(c, args.seed, args.changes) for c in args.customers]
    return 0 if all(ok) else 1


if __name__ == "__main__":
    raise SystemExit(main())
