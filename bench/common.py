"""What the benchmarks share: cached province databases, sign-in, tables and statistics."""

from __future__ import annotations

import json
import math
import resource
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / ".data"
DEFAULT_CUSTOMERS = 100_000
DEFAULT_SEED = 1
# A fixed "today" for the seed, so a cached database is the same whatever day it was made.
AS_OF = date(2025, 6, 1)
STAFF_PASSWORD = "demo"
STAFF_NO, HALL_CODE, COUNTER_ID = "H001-C01", "H001", "C01"


def province_path(customers: int, seed: int) -> Path:
    return DATA_DIR / f"province-{customers}-seed{seed}.db"


def cache_path(customers: int, seed: int) -> Path:
    return DATA_DIR / f"cache-{customers}-seed{seed}.db"


@dataclass(frozen=True)
class Seeded:
    path: Path
    seconds: float | None  # None: reused from an earlier run
    counts: dict[str, int]
    peak_rss_mib: float | None


def province_db(customers: int, seed: int) -> Seeded:
    """The seeded province database for (customers, seed), made once in a child process (so
    the seeding's memory does not count in this process's peak RSS) and then reused."""
    path = province_path(customers, seed)
    if path.exists():
        return Seeded(path, None, {}, None)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    print(f"seeding {customers:,} customers into {path} ...", file=sys.stderr, flush=True)
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.seeding",
            "--customers",
            str(customers),
            "--seed",
            str(seed),
            "--out",
            str(path),
        ],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    info = json.loads(out.strip().splitlines()[-1])
    return Seeded(path, info["seconds"], info["counts"], info["peak_rss_mib"])


def login(base_url: str) -> str:
    from counter_app.api_client import ApiClient

    client = ApiClient(base_url)
    try:
        return str(client.login(STAFF_NO, STAFF_PASSWORD, HALL_CODE, COUNTER_ID)["token"])
    finally:
        client.close()


def peak_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    """High-water mark of the resident set (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(who).ru_maxrss / 1024


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def mark(ok: bool) -> str:
    return "OK" if ok else "MISS"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], title: str = "") -> None:
    """Print a plain-text table; the first column is left-aligned, the others right-aligned."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()

    if title:
        print(f"\n{title}")
    print(line(cells[0]))
    print("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        print(line(row))


RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
RUNS_HEADING = "## Runs, as the benchmarks append them"


def machine() -> str:
    import os

    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {mem_gib:.0f} GiB, load {os.getloadavg()[0]:.1f}"


def record(bench: str, rows: Sequence[Sequence[object]]) -> None:
    """Append one dated line per figure — (figure, measured, target, OK/MISS) — to the
    runs table at the end of bench/RESULTS.md, with the machine's cores, memory and load."""
    from datetime import datetime

    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    lines = []
    if RUNS_HEADING not in text:
        lines += [
            "",
            RUNS_HEADING,
            "",
            "| when (UTC) | machine | bench | figure | measured | target | |",
            "|---|---|---|---|---|---|---|",
        ]
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
    where = machine()
    for figure, measured, target, ok in rows:
        lines.append(f"| {when} | {where} | {bench} | {figure} | {measured} | {target} | {ok} |")
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
