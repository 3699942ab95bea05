"""Engine and session set-up for the province server: SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_DB_URL = "sqlite:///province.db"
READ_ONLY = "cms_read_only"  # an execution option: this transaction only reads


def normalise_url(url: str) -> str:
    """Accept a bare path, `sqlite:///...` or `postgresql://...` (driven by psycopg 3)."""
    if "://" not in url:
        return f"sqlite:///{Path(url).resolve()}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


# How long a request may wait for a lock, a statement or a pooled connection before it is
# answered 503 (busy) instead of holding the requests queued behind it.
LOCK_WAIT_S = 10
STATEMENT_TIMEOUT_S = 15
POOL_WAIT_S = 5
# Requests worked on at once (more are refused with 503: province_api.admission). Each
# holds one pooled connection for its whole life, so the pool has exactly as many; the
# thread pool (40 threads) is larger, so an admitted request never waits for a thread.
MAX_IN_FLIGHT = 20
MAX_IN_FLIGHT_LIMIT = 32  # what `serve --max-in-flight` allows: below the 40 threads


def make_engine(
    url: str = DEFAULT_DB_URL, lock_wait_s: float = LOCK_WAIT_S, pool_size: int = MAX_IN_FLIGHT
) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        # pysqlite's own transaction handling is switched off (isolation_level None) so that
        # every transaction starts with BEGIN IMMEDIATE: one writer at a time, and each
        # request reads one consistent snapshot (a read-then-write never loses an update).
        engine = create_engine(
            url,
            connect_args={
                "check_same_thread": False,
                "timeout": lock_wait_s,
                "isolation_level": None,
            },
            pool_size=pool_size,
            max_overflow=0,
            pool_timeout=POOL_WAIT_S,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):  # type: ignore[no-untyped-def]
            # A read-only request (READ_ONLY below) reads one snapshot and takes no lock;
            # everything else writes, and takes the write lock before its first read.
            read_only = conn.get_execution_options().get(READ_ONLY, False)
            conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

        return engine
    # PostgreSQL: a statement, a lock wait or a transaction left idle ends by itself.
    options = (
        f"-c statement_timeout={STATEMENT_TIMEOUT_S * 1000} "
        f"-c lock_timeout={int(lock_wait_s * 1000)} "
        f"-c idle_in_transaction_session_timeout={STATEMENT_TIMEOUT_S * 2000}"
    )
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=pool_size,
        max_overflow=0,
        pool_timeout=POOL_WAIT_S,
        connect_args={"options": options},
    )


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
