"""A counter's first bootstrap as the app does it: empty cache to fully searchable.

The province runs in its own process (`province-api serve`, as in a hall), so the client's
peak RSS is its own. The hall's snapshot is made first with `province-api snapshot` (what a
province does before the halls open; timed apart), then the counter pulls: ask, download,
check, unpack, copy in, indexes and name search built, the feed's few later changes, the
count check. A search by name is then answered from the cache. The loopback floor
(bench/floor.py: the same rows as bare orjson pages into unindexed tables) is measured in
the same run, for comparison.

Targets (a million customers): <= 60 s; client peak RSS <= 300 MB; cache file <= 1.5 GB.

    python -m bench.first_bootstrap --customers 100000 [--no-floor] [--feed] [--encrypted]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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

TARGET_S = 60.0
TARGET_RSS_MB = 300.0
TARGET_FILE_GB = 1.5
HALL = "H001"


@dataclass
class Phases:
    seconds: dict[str, float] = field(default_factory=dict)

    def wrap(self, obj: Any, name: str, label: str) -> Callable[[], None]:
        original = getattr(obj, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - started

        setattr(obj, name, timed)
        return lambda: setattr(obj, name, original)


@dataclass(frozen=True)
class FirstBootstrap:
    customers: int
    rows: int
    snapshot_rows: int
    seconds: float
    phases: dict[str, float]
    build_s: float
    snapshot_mb: float
    rss_mb: float
    rss_before_mb: float
    cache_gb: float
    search_ms: float
    search_hits: int
    floor_rows_per_s: float | None
    encrypted: bool = False


def _migrated(path: Path) -> None:
    from province_api.db import make_engine
    from province_api.schema import upgrade

    engine = make_engine(f"sqlite:///{path}")
    try:
        upgrade(engine)  # (a province made by an older run: the snapshot needs revision 0006)
    finally:
        engine.dispose()


def _make_snapshot(db: Path, folder: Path) -> float:
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(
        [
            *(sys.executable, "-m", "province_api", "snapshot", "--db", f"sqlite:///{db}"),
            *("--hall", HALL, "--snapshot-dir", str(folder)),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def run(
    customers: int, seed: int, floor: bool = True, feed: bool = False, encrypted: bool = False
) -> FirstBootstrap:
    from bench.load import serving
    from counter_app.api_client import ApiClient
    from counter_app.customers import search_customers
    from counter_app.sync import snapshot
    from counter_app.sync.engine import SyncEngine
    from local_cache import snapshot_import, sync_store
    from local_cache.db import Cache

    seeded = province_db(customers, seed)
    _migrated(seeded.path)
    folder = DATA_DIR / f"snapshots-{customers}-seed{seed}"
    build_s = _make_snapshot(seeded.path, folder)
    snapshot_mb = sum(p.stat().st_size for p in folder.glob("*.zst")) / 1e6
    home = DATA_DIR / f"first-bootstrap-{customers}"
    shutil.rmtree(home, ignore_errors=True)
    os.environ["CMS_SNAPSHOT_DIR"] = str(folder)  # (read by the server process)
    phases = Phases()
    for label in ("ask, download, check, unpack", "copy in + indexes + name search"):
        phases.seconds[label] = 0.0  # (printed in this order)
    undo = [
        phases.wrap(snapshot, "fetch", "ask, download, check, unpack"),
        phases.wrap(snapshot_import, "import_snapshot", "copy in + indexes + name search"),
        phases.wrap(sync_store, "end_bulk_load", "  of which indexes + name search"),
        phases.wrap(SyncEngine, "_drain", "the feed after the snapshot"),
        phases.wrap(SyncEngine, "_reconcile", "count check"),
    ]
    try:
        with serving(f"sqlite:///{seeded.path}", 1, 20) as url:
            # (a fixed key of synthetic data: a hall's is in its keyring)
            cache = Cache(home / "cache.db", key=bytes(range(32)) if encrypted else None)
            api = ApiClient(url, login(url))
            engine = SyncEngine(api, cache, snapshot_min_rows=None if feed else 0)
            rss_before = peak_rss_mib()
            started = time.perf_counter()
            result = engine.pull()
            seconds = time.perf_counter() - started
            rss = peak_rss_mib()
            with cache.read() as conn:
                name = conn.exec_driver_sql(
                    "SELECT name FROM customer WHERE rowid = (SELECT max(rowid) / 2 FROM customer)"
                ).scalar_one()
            searched = time.perf_counter()
            hits = search_customers(cache, name).hits
            search_ms = 1000 * (time.perf_counter() - searched)
            api.close()
            cache.close()
    finally:
        for put_back in undo:
            put_back()
        os.environ.pop("CMS_SNAPSHOT_DIR", None)
    cache_gb = sum(p.stat().st_size for p in home.iterdir() if p.is_file()) / 1e9
    floor_rate = None
    if floor:
        from bench import floor as floor_bench

        floor_rate = floor_bench.measure(seeded.path).rows_per_s
    res = FirstBootstrap(
        customers,
        result.rows,
        result.snapshot_rows,
        seconds,
        phases.seconds,
        build_s,
        snapshot_mb,
        rss,
        rss_before,
        cache_gb,
        search_ms,
        len(hits),
        floor_rate,
        encrypted,
    )
    _report(res)
    return res


def _report(r: FirstBootstrap) -> None:
    kind = "an encrypted (SQLCipher)" if r.encrypted else "a plain"
    print(f"\n== First bootstrap: {r.customers:,} customers, hall {HALL}, into {kind} cache ==")
    print(
        f"snapshot made ahead by `province-api snapshot`: {r.build_s:.1f} s, "
        f"{r.snapshot_mb:,.0f} MB compressed"
    )
    rows = [(name, f"{s:.2f}", f"{100 * s / r.seconds:.0f}%") for name, s in r.phases.items()]
    table(("phase", "s", "share"), rows, title="Where the time goes")
    floor_s = r.rows / r.floor_rows_per_s if r.floor_rows_per_s else None
    figures = [
        ("rows", f"{r.rows:,}", "", ""),
        ("  of them from the snapshot", f"{r.snapshot_rows:,}", "", ""),
        (
            "empty cache to searchable (s)",
            f"{r.seconds:.1f}",
            f"{TARGET_S:.0f} at 1M",
            mark(r.seconds <= TARGET_S),
        ),
        ("rows/s", f"{r.rows / r.seconds:,.0f}", "", ""),
    ]
    if floor_s is not None and r.floor_rows_per_s is not None:
        figures.append(
            (
                "loopback floor, same rows as rows (s)",
                f"{floor_s:.1f}",
                f"{r.floor_rows_per_s:,.0f} rows/s",
                "",
            )
        )
    figures += [
        (
            "client peak RSS (MB)",
            f"{r.rss_mb * 1.048576:,.0f}",
            f"{TARGET_RSS_MB:.0f}",
            mark(r.rss_mb * 1.048576 <= TARGET_RSS_MB),
        ),
        ("  before the pull (MB)", f"{r.rss_before_mb * 1.048576:,.0f}", "", ""),
        (
            "cache + journal files (GB)",
            f"{r.cache_gb:.2f}",
            f"{TARGET_FILE_GB}",
            mark(r.cache_gb <= TARGET_FILE_GB),
        ),
        ("a name search right after (ms)", f"{r.search_ms:.1f}", "", ""),
        ("  its hits", str(r.search_hits), ">= 1", mark(r.search_hits >= 1)),
    ]
    table(("figure", "measured", "target", ""), figures, title="First bootstrap")
    record(
        f"first bootstrap {r.customers:,} customers" + (", encrypted cache" if r.encrypted else ""),
        [
            [
                "empty cache to searchable",
                f"{r.seconds:.1f} s",
                f"<= {TARGET_S:.0f} s",
                mark(r.seconds <= TARGET_S),
            ],
            *(
                [["loopback floor, same rows", f"{floor_s:.1f} s", "", ""]]
                if floor_s is not None
                else []
            ),
            [
                "client peak RSS",
                f"{r.rss_mb * 1.048576:,.0f} MB",
                f"<= {TARGET_RSS_MB:.0f} MB",
                mark(r.rss_mb * 1.048576 <= TARGET_RSS_MB),
            ],
            [
                "cache file",
                f"{r.cache_gb:.2f} GB",
                f"<= {TARGET_FILE_GB} GB",
                mark(r.cache_gb <= TARGET_FILE_GB),
            ],
        ],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.first_bootstrap", description=__doc__)
    parser.add_argument("--customers", type=int, nargs="+", default=[DEFAULT_CUSTOMERS])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--no-floor", action="store_true", help="skip the loopback floor")
    parser.add_argument("--feed", action="store_true", help="the row feed instead (slow)")
    parser.add_argument(
        "--encrypted", action="store_true", help="into a SQLCipher cache, as a hall keeps it"
    )
    args = parser.parse_args(argv)
    for n in args.customers:
        run(n, args.seed, floor=not args.no_floor, feed=args.feed, encrypted=args.encrypted)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
