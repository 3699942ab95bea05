"""The province server as a real program, and the cache's versioned schema."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from local_cache import schema
from local_cache.db import Cache
from province_api.embedded import free_port


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "province_api", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_seed_then_serve(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    common = ("seed", "--db", str(db), "--customers", "40", "--seed", "3")
    weak = run_cli(*common, "--supervisor-password", "s3cret")
    assert weak.returncode == 1 and "password" in weak.stderr  # too easy to guess
    seeded = run_cli(
        *common, "--staff-password", "kept-short", "--supervisor-password", "s3cret-lamp-orbit-tea"
    )
    assert seeded.returncode == 0, seeded.stderr
    assert "customer" in seeded.stdout
    again = run_cli("seed", "--db", str(db), "--customers", "40")
    assert again.returncode == 1 and "already seeded" in again.stderr

    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "province_api",
            "serve",
            "--db",
            f"sqlite:///{db}",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ},
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = requests.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except requests.ConnectionError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        assert health.json()["status"] == "ok"
        login = requests.post(
            f"http://127.0.0.1:{port}/api/v1/auth/login",
            timeout=10,
            json={
                "staff_no": "H003-S01",
                "password": "s3cret-lamp-orbit-tea",
                "hall_code": "H003",
                "counter_id": "C01",
            },
        )
        assert login.status_code == 200 and login.json()["staff"]["role"] == "supervisor"

        # Loaded: sign-ins stuck behind a held write lock. SIGTERM still ends it in 5 s.
        writer = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        writer.execute("BEGIN IMMEDIATE")
        stuck = ThreadPoolExecutor(8)
        for _ in range(8):
            stuck.submit(
                requests.post,
                f"http://127.0.0.1:{port}/api/v1/auth/login",
                json={
                    "staff_no": "H003-S01",
                    "password": "s3cret-lamp-orbit-tea",
                    "hall_code": "H003",
                    "counter_id": "C01",
                },
                timeout=30,
            )
        time.sleep(0.5)  # let them reach the server and wait for the lock
        server.send_signal(signal.SIGTERM)
        assert server.wait(5) is not None  # ended within 5 s, loaded as it was
        writer.execute("ROLLBACK")
        writer.close()
        stuck.shutdown(wait=True)
    finally:
        if server.poll() is None:
            server.kill()
        server.wait(10)


def test_cli_usage_errors() -> None:
    done = run_cli("seed", "--customers", "many")
    assert done.returncode == 2 and "invalid int value" in done.stderr


def test_migration_keeps_a_copy_of_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache.db"
    with monkeypatch.context() as old_app:  # a cache written by the first release
        old_app.setattr("local_cache.db.SCHEMA_VERSION", 1)
        cache = Cache(path)
        assert cache.schema_version() == 1
        with cache.write() as conn:
            conn.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('sync_cursor', '42')")
        cache.close()

    migrated = Cache(path)  # this release: migrates, keeping a copy of the old file first
    assert migrated.schema_version() == schema.SCHEMA_VERSION
    with migrated.read() as conn:
        cursor = "SELECT value FROM meta WHERE key = 'sync_cursor'"
        assert conn.exec_driver_sql(cursor).scalar_one() == "42"
        assert conn.exec_driver_sql("SELECT count(*) FROM outbox").scalar_one() == 0
    migrated.close()
    backup = tmp_path / "cache.db.v1.bak"
    import sqlite3

    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT value FROM meta").fetchone()[0] == "42"
    Cache(path).close()  # reopening a current cache migrates nothing and copies nothing
    assert [p.name for p in tmp_path.glob("*.bak")] == ["cache.db.v1.bak"]


def test_a_cache_newer_than_the_app_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    Cache(path).close()
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    with pytest.raises(RuntimeError, match="newer"):
        Cache(path)


def test_several_workers_need_postgresql(tmp_path: Path) -> None:
    done = run_cli("serve", "--db", str(tmp_path / "p.db"), "--workers", "2")
    assert done.returncode == 2 and "need PostgreSQL" in done.stderr


@pytest.mark.postgres
def test_serve_with_two_workers_on_postgresql(postgres_seeded: str) -> None:
    port = free_port()
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "province_api", "serve", "--db", postgres_seeded),
            *("--port", str(port), "--workers", "2", "--log-level", "warning"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"http://127.0.0.1:{port}/health", timeout=1).raise_for_status()
                break
            except requests.RequestException:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        login = {
            "staff_no": "H002-C02",
            "password": "demo",
            "hall_code": "H002",
            "counter_id": "C05",
        }
        with ThreadPoolExecutor(8) as pool:
            answers = list(
                pool.map(
                    lambda _: requests.post(
                        f"http://127.0.0.1:{port}/api/v1/auth/login", json=login, timeout=20
                    ),
                    range(16),
                )
            )
        assert [a.status_code for a in answers] == [200] * 16
        server.send_signal(signal.SIGTERM)
        assert server.wait(10) is not None
    finally:
        if server.poll() is None:
            server.kill()
        server.wait(10)


def test_the_bound_of_requests_at_once_is_set_per_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`serve --max-in-flight N` reaches each worker process (through its environment) as
    both the admission bound and the size of its connection pool; nonsense is refused."""
    from province_api.admission import AdmissionLimit
    from province_api.app import DB_URL_ENV, MAX_IN_FLIGHT_ENV, app_from_environment

    assert run_cli("migrate", "--db", str(tmp_path / "p.db")).returncode == 0
    monkeypatch.setenv(DB_URL_ENV, f"sqlite:///{tmp_path / 'p.db'}")
    monkeypatch.setenv(MAX_IN_FLIGHT_ENV, "7")
    app = app_from_environment()
    try:
        (limit,) = [m.kwargs["limit"] for m in app.user_middleware if m.cls is AdmissionLimit]
        assert limit == 7
        assert app.state.engine.pool.size() == 7
    finally:
        app.state.engine.dispose()
    for bad in ("0", "33"):
        done = run_cli("serve", "--db", str(tmp_path / "p.db"), "--max-in-flight", bad)
        assert done.returncode == 2 and "--max-in-flight must be 1 to 32" in done.stderr
