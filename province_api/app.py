"""The province CMS API application."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI
from sqlalchemy import Engine

from counter_app.domain.api_versions import UNNAMED_CLIENT_VERSION
from province_api import __version__, errors, snapshots
from province_api.admission import AdmissionLimit
from province_api.body_limit import BodyLimit
from province_api.db import MAX_IN_FLIGHT, make_engine, make_sessionmaker
from province_api.purge import Purger
from province_api.routes import (
    auth,
    counter_audit,
    customers,
    health,
    offline_reviews,
    orders,
    payments,
    shifts,
    staff_admin,
    sync,
)
from province_api.schema import check_up_to_date
from province_api.types import refuse_nul

API_PREFIX = "/api/v1"
# How `serve --workers N` tells its worker processes the database and their bound.
DB_URL_ENV = "CMS_DB_URL"
MAX_IN_FLIGHT_ENV = "CMS_MAX_IN_FLIGHT"
# The oldest counter software the province signs in (raise it once every hall has upgraded).
MIN_CLIENT_VERSION_ENV = "CMS_MIN_CLIENT_VERSION"
# How uvicorn runs it (serve and the embedded server). SIGTERM waits this long for the
# requests under way, then cuts them off (their transactions roll back; counters resend).
# A counter's idle connection is kept longer than it waits between two pulls (30 s), so it
# is not closed under the counter just as it sends: a GET cut that way fails the clerk.
SERVER_OPTIONS = {"timeout_graceful_shutdown": 2, "timeout_keep_alive": 75}


def create_app(
    db: str | Engine,
    time_zone: str = "",
    max_in_flight: int = MAX_IN_FLIGHT,
    min_client_version: str = "",
    snapshot_dir: Path | str | None = None,
) -> FastAPI:
    """`time_zone`: the province's halls' clock, told to counters at sign-in (default
    Asia/Shanghai, or CMS_TIME_ZONE). `max_in_flight`: requests worked on at once; one
    more is answered 503 at once (an engine made here has a pool of as many; one passed in
    must have at least as many). `snapshot_dir`: where the hall snapshots for a first
    bootstrap are kept (default `snapshots.default_folder`). Raises SchemaBehind unless the
    database is migrated."""
    engine = make_engine(db, pool_size=max_in_flight) if isinstance(db, str) else db
    check_up_to_date(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        purger = Purger(engine)
        purger.start()
        try:
            yield
        finally:
            purger.stop()

    app = FastAPI(
        lifespan=lifespan,
        dependencies=[Depends(refuse_nul)],
        title="Province CMS API",
        version=__version__,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
    )
    app.state.engine = engine
    app.state.time_zone = time_zone or os.environ.get("CMS_TIME_ZONE") or "Asia/Shanghai"
    app.state.min_client_version = (
        min_client_version or os.environ.get(MIN_CLIENT_VERSION_ENV) or UNNAMED_CLIENT_VERSION
    )
    app.state.sessionmaker = make_sessionmaker(engine)
    folder = snapshot_dir or snapshots.default_folder(
        engine.url.render_as_string(hide_password=True)
    )
    app.state.snapshots = snapshots.SnapshotStore(folder, engine)
    errors.install(app)
    app.add_middleware(
        AdmissionLimit, limit=max_in_flight, exempt=("/health", f"{API_PREFIX}/health")
    )
    app.add_middleware(BodyLimit)  # added last, so outermost: a huge body takes no slot
    app.include_router(health.router)  # also at the root, for load balancers
    for router in (
        health.router,
        auth.router,
        sync.router,
        customers.router,
        shifts.router,
        payments.router,
        orders.router,
        staff_admin.router,
        offline_reviews.router,
        counter_audit.router,
    ):
        app.include_router(router, prefix=API_PREFIX)

    @app.get("/openapi.json", include_in_schema=False)
    def openapi_root() -> dict:
        return app.openapi()

    return app


def app_from_environment() -> FastAPI:
    """The app of one worker process of `province-api serve --workers N`."""
    bound = int(os.environ.get(MAX_IN_FLIGHT_ENV) or MAX_IN_FLIGHT)
    return create_app(os.environ[DB_URL_ENV], max_in_flight=bound)
