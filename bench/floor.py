"""The loopback floor for moving a hall's rows as rows: the least a row feed could cost.

The same rows the feed serves, over loopback HTTP into SQLite, with nothing the real feed
does: a bare uvicorn app in its own process reads each table by rowid with plain sqlite3
and writes pages with orjson (lists of values, no dicts, no feed join, no scopes); the
client decodes them with orjson and `executemany`s them into unindexed tables, then builds
one index on id per table. Whatever a real feed adds, it cannot go faster than this.

    python -m bench.floor serve DB PORT      # (the server process)
    python -m bench.floor DB                 # measure against DB
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import requests

PAGE = 10_000
TABLES = (
    "offering",
    "staff",
    "customer",
    "account",
    "subscription",
    "bill",
    "number",
    "sim",
    "shift",
    "payment",
    "product_order",
    "policy",
)


def make_app(db: Path) -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)

    def page(request: Request) -> Response:
        table = request.query_params["table"]
        if table not in TABLES:
            return Response(status_code=404)
        after = int(request.query_params.get("after", "0"))
        rows = conn.execute(
            f"SELECT rowid, * FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT ?",
            (after, PAGE),
        ).fetchall()
        return Response(orjson.dumps(rows), media_type="application/json")

    def columns(request: Request) -> Response:
        table = request.query_params["table"]
        names = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        return Response(orjson.dumps(names), media_type="application/json")

    return Starlette(routes=[Route("/page", page), Route("/columns", columns)])


def serve(db: Path, port: int) -> None:
    import uvicorn

    uvicorn.run(make_app(db), host="127.0.0.1", port=port, log_level="warning")


@dataclass(frozen=True)
class Floor:
    rows: int
    seconds: float
    transfer_s: float  # HTTP + decode + executemany
    index_s: float

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds


def measure(db: Path) -> Floor:
    """Serve `db` from a child process and pull every table into a new SQLite file."""
    from bench.load import _free_port

    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "bench.floor", "serve", str(db), str(port)])
    base = f"http://127.0.0.1:{port}"
    http = requests.Session()
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                http.get(f"{base}/columns", params={"table": "policy"}, timeout=1)
                break
            except requests.RequestException:
                if time.monotonic() > deadline:
                    raise RuntimeError("the floor server did not start") from None
                time.sleep(0.1)
        with tempfile.TemporaryDirectory() as tmp:
            out = sqlite3.connect(Path(tmp) / "floor.db")
            out.execute("PRAGMA journal_mode=WAL")
            rows, started = 0, time.perf_counter()
            for table in TABLES:
                names = orjson.loads(http.get(f"{base}/columns", params={"table": table}).content)
                out.execute(f"CREATE TABLE {table} ({', '.join(names)})")
                insert = f"INSERT INTO {table} VALUES ({', '.join('?' * len(names))})"
                after = 0
                while True:
                    got = http.get(f"{base}/page", params={"table": table, "after": after})
                    page = orjson.loads(got.content)
                    if not page:
                        break
                    with out:
                        out.executemany(insert, [tuple(r[1:]) for r in page])
                    rows += len(page)
                    after = page[-1][0]
            transfer = time.perf_counter() - started
            for table in TABLES:
                out.execute(f"CREATE INDEX ix_{table}_id ON {table} (id)")
            out.commit()
            out.close()
            total = time.perf_counter() - started
    finally:
        http.close()
        proc.terminate()
        proc.wait(15)
    return Floor(rows, total, transfer, total - transfer)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "serve":
        serve(Path(args[1]), int(args[2]))
        return 0
    floor = measure(Path(args[0]))
    print(
        f"loopback floor: {floor.rows:,} rows in {floor.seconds:.1f} s "
        f"({floor.rows_per_s:,.0f} rows/s; transfer {floor.transfer_s:.1f} s, "
        f"index {floor.index_s:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
