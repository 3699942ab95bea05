"""Province load benchmark: simulated counters against `province-api serve` on PostgreSQL.

For each worker count (1 and 2) and each level (50, 100, 200, 500 counters) it runs the
suite's mix (bench/province_load.py) as a closed loop — every counter sends its next request
as soon as it has an answer — and prints requests/s, p50/p95/p99 and what was refused, with
the exactly-once check after each run. Then it runs 500 counters at a hall's real pace (each
counter thinks --think seconds on average between requests, a few requests a minute).

Target on a 2-core machine: 500 counters at hall pace with p99 <= 250 ms, and at every
closed-loop level no request unanswered, no 5xx but 503, and the books exactly right.

    python -m bench.load                                  # everything (about 12 minutes)
    python -m bench.load --workers 2 --levels 500 --seconds 20
    python -m bench.load --db postgresql://postgres@127.0.0.1:5432/test --customers 20000
    python -m bench.load --customers 100000 --workers 2 --levels --pace-seconds 60  # issue 12

The simulated counters run in this process (threads), the server in its own processes, all
on the same cores: the figures are what one machine does with both.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench import province_load
from bench.common import STAFF_PASSWORD, mark, record, table
from province_api.db import MAX_IN_FLIGHT

DEFAULT_PG = os.environ.get("CMS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
TARGET_P99_MS = 250.0
HALL_PACE_COUNTERS = 500
TEMPLATE_DB = "cms_bench_load_{customers}"


def _admin(base_url: str):  # type: ignore[no-untyped-def]
    from province_api.db import normalise_url

    return create_engine(make_url(normalise_url(base_url)), isolation_level="AUTOCOMMIT")


def template_database(base_url: str, customers: int) -> str:
    """A seeded PostgreSQL database kept between runs; each run works on a copy of it."""
    from province_api.db import make_engine, normalise_url
    from province_api.seed import seed

    name = TEMPLATE_DB.format(customers=customers)
    admin = _admin(base_url)
    with admin.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}_partial"'))
    admin.dispose()
    if not exists:
        partial = make_url(normalise_url(base_url)).set(database=f"{name}_partial")
        print(f"seeding {customers:,} customers into {name} ...", file=sys.stderr, flush=True)
        engine = make_engine(partial.render_as_string(hide_password=False))
        seed(engine, customers=customers, seed=1, staff_password=STAFF_PASSWORD)
        engine.dispose()
        admin = _admin(base_url)
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}_partial" RENAME TO "{name}"'))
        admin.dispose()
    return name


@contextmanager
def fresh_copy(base_url: str, template: str) -> Iterator[str]:
    from province_api.db import normalise_url

    name = f"{template}_run"
    admin = _admin(base_url)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    try:
        yield (
            make_url(normalise_url(base_url))
            .set(database=name)
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(db_url: str, workers: int, max_in_flight: int) -> Iterator[str]:
    """`province-api serve` in its own process(es), stopped with SIGTERM afterwards."""
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "province_api",
            "serve",
            "--db",
            db_url,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--max-in-flight",
            str(max_in_flight),
            "--log-level",
            "warning",
        ]
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("the province server did not start")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise RuntimeError("the province server ignored SIGTERM") from None


@dataclass(frozen=True)
class Setup:
    base_url: str  # the PostgreSQL server
    template: str  # the seeded database each run copies
    workers: int
    max_in_flight: int


def one_run(setup: Setup, counters: int, seconds: float, think_s: float) -> list[object]:
    from province_api.db import make_engine

    with fresh_copy(setup.base_url, setup.template) as db_url:
        engine = make_engine(db_url)
        world = province_load.prepare(engine, counters)
        with serving(db_url, setup.workers, setup.max_in_flight) as url:
            result = province_load.run(url, world, seconds, think_s=think_s)
            started = time.monotonic()
            after = requests.get(f"{url}/health", timeout=10).status_code
            after_ms = (time.monotonic() - started) * 1000
        problems = result.setup_failures[:1] + province_load.check_exactly_once(
            engine, world, result
        )
        engine.dispose()
    s = result.summary()
    unexpected = len(result.unexpected())
    ok = not problems and not unexpected and not s["timeouts"] and not s["cut"] and after == 200
    booked = sum(b.settled for b in result.bookings)
    row: list[object] = [
        f"{setup.workers}w/{setup.max_in_flight} {counters} "
        + (f"pace {think_s:g} s" if think_s else "closed"),
        f"{s['requests_per_s']:.0f}",
        f"{s['served_per_s']:.0f}",
        f"{s['p50_ms']:.0f}",
        f"{s['p95_ms']:.0f}",
        f"{s['p99_ms']:.0f}",
        f"{s['max_ms']:.0f}",
        f"{s['busy_503']:.0%}",
        int(s["timeouts"] + s["cut"]) + unexpected,
        booked,
        f"{after_ms:.0f}",
        "exact" if not problems else "; ".join(problems),
        mark(ok and (not think_s or s["p99_ms"] <= TARGET_P99_MS)),
    ]
    print("  " + " | ".join(str(c) for c in row), file=sys.stderr, flush=True)
    for kind in province_load.kinds_table(result.samples):
        print("      " + "  ".join(str(c) for c in kind), file=sys.stderr, flush=True)
    errors = Counter(s.error[:160] for s in result.samples if s.error)
    for error, n in errors.most_common(3):
        print(f"      {n} x {error}", file=sys.stderr, flush=True)
    return row


HEADERS = (
    "workers/in flight, counters, loop",
    "req/s",
    "served/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "max ms",
    "503",
    "failed",
    "payments",
    "after ms",
    "books",
    "",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--db", default=DEFAULT_PG, help="PostgreSQL server (default %(default)s)")
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--levels", type=int, nargs="*", default=[50, 100, 200, 500], help="closed-loop runs"
    )
    parser.add_argument("--seconds", type=float, default=30, help="closed-loop run length")
    parser.add_argument("--pace-seconds", type=float, default=90, help="hall-pace run length")
    parser.add_argument(
        "--think", type=float, default=15, help="mean seconds between a counter's requests"
    )
    parser.add_argument(
        "--max-in-flight", type=int, nargs="+", default=[MAX_IN_FLIGHT], help="per process"
    )
    args = parser.parse_args(argv)
    template = template_database(args.db, args.customers)
    rows = []
    for workers in args.workers:
        for bound in args.max_in_flight:
            setup = Setup(args.db, template, workers, bound)
            for level in args.levels:
                rows.append(one_run(setup, level, args.seconds, 0.0))
            if args.pace_seconds > 0:
                row = one_run(setup, HALL_PACE_COUNTERS, args.pace_seconds, args.think)
                rows.append(row)
                record(
                    f"province load, PostgreSQL, {args.customers:,} customers, {row[0]}",
                    [
                        ["p99", f"{row[5]} ms", f"<= {TARGET_P99_MS:.0f} ms", row[-1]],
                        ["failed", str(row[8]), "0", mark(row[8] == 0)],
                        ["books", str(row[11]), "exact", mark(row[11] == "exact")],
                    ],
                )
    table(
        HEADERS,
        rows,
        f"Province under load: PostgreSQL, {args.customers:,} customers; target at hall pace "
        f"p99 <= {TARGET_P99_MS:.0f} ms; every run: all answered, books exact",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
