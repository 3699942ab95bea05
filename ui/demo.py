"""`counter-app --demo`: a province server inside the app, over demo data, and a clerk
signed in. For trying Counter out; a real counter points at the province's server."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from counter_app import auth
from counter_app.auth import SignedIn
from counter_app.credentials import Credentials
from counter_app.settings import AppPaths, Settings, save

log = logging.getLogger(__name__)
DEMO_HALL, DEMO_COUNTER, DEMO_STAFF, DEMO_PASSWORD = "H001", "C01", "H001-C01", "demo"
DEMO_DATA_VERSION = "4"  # raise when the province's tables change


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        return None


def start_demo(
    paths: AppPaths, settings: Settings, creds: Credentials, customers: int = 10_000
) -> tuple[object, SignedIn]:
    try:
        from province_api.db import make_engine
        from province_api.embedded import EmbeddedServer
        from province_api.seed import seed
        from province_api.seed.demo_staff import DEMO_SUPERVISOR_PASSWORD
    except ImportError as exc:  # a counter's install: the province is a separate extra
        raise SystemExit(
            "counter-app --demo needs the reference province server, which a counter does "
            "not install: pip install 'counter[province]' (make demo does)"
        ) from exc

    paths.data_dir.mkdir(parents=True, exist_ok=True)
    db_file = paths.data_dir / "demo-province.db"
    marker = paths.data_dir / "demo-province.version"
    if db_file.exists() and _read(marker) != DEMO_DATA_VERSION:
        # Demo data from an older Counter: make it anew, and the counter's cache with it.
        for old in (db_file, paths.cache_file):
            for suffix in ("", "-wal", "-shm"):
                old.with_name(old.name + suffix).unlink(missing_ok=True)
    if not db_file.exists():
        print(f"Creating the demo province ({customers:,} customers)…", file=sys.stderr)

        def progress(stage: str, done: int, total: int) -> None:
            print(f"\r  {stage}: {done:,}/{total:,}   ", end="", file=sys.stderr, flush=True)

        engine = make_engine(f"sqlite:///{db_file}")
        seed(engine, customers=customers, seed=1, staff_password=DEMO_PASSWORD, progress=progress)
        engine.dispose()
        marker.write_text(DEMO_DATA_VERSION, encoding="utf-8")
        print(file=sys.stderr)
    server = EmbeddedServer(f"sqlite:///{db_file}")
    server.start()
    log.info("demo province server on %s", server.url)
    signed = auth.sign_in(creds, server.url, DEMO_HALL, DEMO_COUNTER, DEMO_STAFF, DEMO_PASSWORD)
    settings.server_url, settings.hall_code = signed.server_url, signed.hall_code
    settings.counter_id, settings.last_staff_no = signed.counter_id, signed.staff_no
    save(paths, settings)
    print(
        f"Demo province server: {server.url} — clerk H001-C01, password '{DEMO_PASSWORD}'; "
        f"supervisor H001-S01, password '{DEMO_SUPERVISOR_PASSWORD}'",
        file=sys.stderr,
    )
    return server, signed
