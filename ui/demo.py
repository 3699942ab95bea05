"""`counter-app --demo`: a province server inside the app, over demo data, and a clerk
signed in. For trying Counter out; a real counter points at the province's server."""

from __future__ import annotations

import logging
import sys

from counter_app import auth
from counter_app.auth import SignedIn
from counter_app.credentials import Credentials
from counter_app.settings import AppPaths, Settings, save

log = logging.getLogger(__name__)
DEMO_HALL, DEMO_COUNTER, DEMO_STAFF, DEMO_PASSWORD = "H001", "C01", "H001-C01", "demo"


def start_demo(
    paths: AppPaths, settings: Settings, creds: Credentials, customers: int = 10_000
) -> tuple[object, SignedIn]:
    from province_api.db import make_engine
    from province_api.embedded import EmbeddedServer
    from province_api.seed import seed

    paths.data_dir.mkdir(parents=True, exist_ok=True)
    db_file = paths.data_dir / "demo-province.db"
    if not db_file.exists():
        print(f"Creating the demo province ({customers:,} customers)…", file=sys.stderr)

        def progress(stage: str, done: int, total: int) -> None:
            print(f"\r  {stage}: {done:,}/{total:,}   ", end="", file=sys.stderr, flush=True)

        engine = make_engine(f"sqlite:///{db_file}")
        seed(engine, customers=customers, seed=1, staff_password=DEMO_PASSWORD, progress=progress)
        engine.dispose()
        print(file=sys.stderr)
    server = EmbeddedServer(f"sqlite:///{db_file}")
    server.start()
    log.info("demo province server on %s", server.url)
    signed = auth.sign_in(creds, server.url, DEMO_HALL, DEMO_COUNTER, DEMO_STAFF, DEMO_PASSWORD)
    settings.server_url, settings.hall_code = signed.server_url, signed.hall_code
    settings.counter_id, settings.last_staff_no = signed.counter_id, signed.staff_no
    save(paths, settings)
    print(
        f"Demo province server: {server.url} — staff H001-C01 / H001-S01, password "
        f"'{DEMO_PASSWORD}'",
        file=sys.stderr,
    )
    return server, signed
