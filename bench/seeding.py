"""Seed one province SQLite database (run by `common.province_db` in a child process).

Prints one JSON line: {"seconds": ..., "counts": {...}, "peak_rss_mib": ...}.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from bench.common import AS_OF, STAFF_PASSWORD, peak_rss_mib


def seed_file(path: Path, customers: int, seed: int) -> tuple[float, dict[str, int]]:
    from province_api.db import make_engine
    from province_api.seed import seed as seed_db

    tmp = path.with_name(path.name + ".partial")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] > 2 or done == total:
            last[0] = now
            print(f"\r  {stage}: {done:,}/{total:,}", end="", file=sys.stderr, flush=True)

    engine = make_engine(f"sqlite:///{tmp}")
    try:
        started = time.perf_counter()
        counts = seed_db(
            engine,
            customers=customers,
            seed=seed,
            staff_password=STAFF_PASSWORD,
            as_of=AS_OF,
            progress=progress,
        )
        seconds = time.perf_counter() - started
    finally:
        engine.dispose()  # the last connection checkpoints and removes the WAL
    print(file=sys.stderr)
    os.replace(tmp, path)
    return seconds, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.seeding")
    parser.add_argument("--customers", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    seconds, counts = seed_file(args.out, args.customers, args.seed)
    print(json.dumps({"seconds": seconds, "counts": counts, "peak_rss_mib": peak_rss_mib()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
