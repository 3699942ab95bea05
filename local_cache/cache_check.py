"""Checking the cache file before use, at a cost that does not grow with a province.

SQLite's quick check reads every page (~6.7 ms a MB encrypted): 0.25 s for a 38 MB cache,
1.3 s for the 190 MB of 100,000 customers, ~11 s for the 1.9 GB of a million, all before
the first window. A cache up to `FULL_CHECK_MAX_BYTES` (~0.2 s) is still checked whole at
the start. A larger one gets a light check
at the start — the key opens it, its schema reads, its small local tables check whole, it is
not shorter than its pages say — and the whole check runs in a worker once the counter is in
use. Damage found then is written beside the cache (`<cache>.damaged`), told to the clerk,
and the next start checks whole, finds it, and sets the cache aside to be pulled again,
as for damage found at the start. The cache holds only what the province can send again,
and what the counter wrote is in the journal, which is always checked whole (it is small).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from local_cache import cipher, journal

FULL_CHECK_MAX_BYTES = 32 * 2**20
# The tables checked whole by the light check: small, and read at once by a start.
LOCAL_TABLES = ("meta", "sync_seen")


def marker(path: Path) -> Path:
    return path.with_name(path.name + ".damaged")


def needs_full_check(path: Path) -> bool:
    """At the start: small enough to check whole, or found damaged by a check in use."""
    if marker(path).exists():
        return True
    try:
        return path.stat().st_size <= FULL_CHECK_MAX_BYTES
    except FileNotFoundError:
        return True


def light(path: Path, key: bytes | None) -> str | None:
    """None if the file opens with the key, its schema and local tables read whole, and it is
    as long as its pages say (a cut-off file); otherwise what is wrong."""
    if not path.exists():
        return None
    try:
        conn = cipher.inspect(path, key)
        try:
            tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master")}
            for table in LOCAL_TABLES:
                if table in tables:
                    answers = [str(r[0]) for r in conn.execute(f"PRAGMA quick_check({table})")]
                    if answers != ["ok"]:
                        return "; ".join(answers[:5])
            pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
            page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        finally:
            conn.close()
    except cipher.DATABASE_ERRORS as exc:
        return str(exc)
    wal = path.with_name(path.name + "-wal")
    in_wal = wal.stat().st_size if wal.exists() else 0
    size = path.stat().st_size
    if not in_wal and size < pages * page_size:  # (pages past the file's end live in the WAL)
        return f"the file is cut short: {size} bytes of {pages * page_size}"
    return None


def at_start(path: Path, key: bytes | None) -> tuple[str | None, bool]:
    """What is wrong with the cache at the start (None: nothing found), and whether the whole
    check is still to run (in use, `in_use`)."""
    if needs_full_check(path):
        return journal.check(path, key), False
    return light(path, key), True


_running: set[Any] = set()  # the connections of checks in use, for `stop`


def in_use(path: Path, key: bytes | None) -> str | None:
    """The whole check, on its own read-only connection, while the counter works (a worker).
    Damage found is written beside the cache for the next start; None: nothing wrong, or the
    check stopped (`stop`: the next start checks again)."""
    problem = journal.check(path, key, running=_running)
    if problem is not None and "interrupt" in problem.lower():
        return None
    if problem is not None:
        marker(path).write_text(problem, encoding="utf-8")
    return problem


def stop() -> None:
    """Stop the checks in use (the counter is closing: it need not wait ~10 s for them)."""
    for conn in list(_running):
        conn.interrupt()


def cleared(path: Path) -> None:
    """The cache was checked whole at the start (and set aside if damaged): no mark left."""
    marker(path).unlink(missing_ok=True)
