"""Shared fixtures: offscreen Qt, an in-memory keyring, real province servers on loopback."""

from __future__ import annotations

import faulthandler
import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("COUNTER_HOME", None)

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from sqlalchemy import text

from province_api.embedded import EmbeddedServer
from tests.support import servers
from tests.support.memory_keyring import MemoryKeyring


def pytest_configure(config: pytest.Config) -> None:
    # Never let keyring probe D-Bus or a real desktop keyring from a test run.
    keyring.set_keyring(MemoryKeyring())


@pytest.fixture(autouse=True)
def no_test_hangs_the_run() -> Iterator[None]:
    """A deadlock in C (the GUI thread waiting on a Qt lock while holding the GIL) is out of
    pytest-timeout's reach: this watchdog, in C too, prints every thread and ends the run."""
    faulthandler.dump_traceback_later(HANG_S, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


HANG_S = 300  # far beyond any test's own waits


@pytest.fixture(autouse=True)
def collect_on_the_main_thread() -> Iterator[None]:
    """Garbage is collected on this (the GUI) thread only: a Qt object freed by the cyclic
    collector in a server or worker thread crashes the process (see ui/gui_gc.py)."""
    from ui.gui_gc import collect_due

    gc.disable()
    yield
    collect_due()


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded province database, made once; each test gets its own copy. With
    CMS_TEST_PROVINCE_SQLITE set, that database is the template (the upgrade test)."""
    given = os.environ.get(servers.SQLITE_TEMPLATE_ENV)
    if given:
        return Path(given)
    path = tmp_path_factory.mktemp("province") / "template.db"
    servers.seed_into(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_seeded() -> Iterator[str]:
    given = os.environ.get(servers.POSTGRES_SEEDED_ENV)
    if given:
        yield given
        return
    with servers.seeded_postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def province_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A seeded province database URL: a fresh SQLite copy, or the session's PostgreSQL one."""
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        return servers.copy_sqlite(template, tmp_path / "province.db")
    return str(request.getfixturevalue("postgres_seeded"))


@pytest.fixture
def province(province_db: str) -> Iterator[EmbeddedServer]:
    """The real province server on a free loopback port (SQLite and PostgreSQL)."""
    server = EmbeddedServer(province_db)
    server.start()
    yield server
    server.stop()
    if province_db.startswith("postgresql"):
        # The PostgreSQL database is shared by the run: one test's wrong passwords (all
        # from 127.0.0.1) must not make the next one wait.
        with server.app.state.engine.begin() as conn:
            conn.execute(text("DELETE FROM sign_in_guard"))
    server.app.state.engine.dispose()


@pytest.fixture
def sqlite_province(sqlite_template: Path, tmp_path: Path) -> Iterator[EmbeddedServer]:
    """The real province server over a private SQLite copy (tests that change data)."""
    server = EmbeddedServer(servers.copy_sqlite(sqlite_template, tmp_path / "province.db"))
    server.start()
    yield server
    server.stop()
    server.app.state.engine.dispose()


@pytest.fixture
def counter(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The counter app (not signed in) over a private cache; English UI, small sync pages."""
    from counter_app.credentials import Credentials
    from counter_app.settings import AppPaths, Settings
    from local_cache.db import Cache
    from ui.app import CounterApp

    paths = AppPaths.under(tmp_path / "counter")
    app = CounterApp(
        paths, Settings(page_size=150, language="en"), Credentials(), Cache(paths.cache_file)
    )
    yield app
    app.shutdown()


@pytest.fixture
def clerk(qtbot, counter, sqlite_province: EmbeddedServer):  # type: ignore[no-untyped-def]
    """Clerk H001-C01 signed in at the counter, the window active, a ¥250 shift open."""
    from tests.test_ui_clerk import active
    from tests.test_ui_counter import sign_in
    from tests.test_ui_payments import open_shift

    window = sign_in(qtbot, counter, sqlite_province)
    active(qtbot, window)
    open_shift(qtbot, window)
    return window


@pytest.fixture
def sess(sqlite_province: EmbeddedServer, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The core of a counter signed in as H001-C01 (no Qt), its cache pulled."""
    from counter_app import auth
    from counter_app.api_client import ApiClient
    from counter_app.credentials import Credentials
    from counter_app.session import CounterSession
    from counter_app.settings import Settings
    from counter_app.sync.engine import SyncEngine
    from local_cache.db import Cache

    cache = Cache(tmp_path / "cache.db")
    creds = Credentials()
    signed = auth.sign_in(creds, sqlite_province.url, "H001", "C01", "H001-C01", "demo")
    token = creds.get(signed.token_key)
    session = CounterSession(
        cache, signed, Settings(), lambda: ApiClient(sqlite_province.url, token)
    )
    SyncEngine(session.make_api(), cache).pull()
    yield session
    cache.close()
