from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from counter_app.domain.problems import ProblemType
from province_api import changes
from province_api import openapi_docs as docs
from province_api.auth import StaffContext, current_staff, get_db
from province_api.errors import Problem
from province_api.feed_schema import FEED_RESPONSES
from province_api.models import SYNC_ENTITIES
from province_api.snapshots import SnapshotStore
from province_api.types import MAX_SEQ, PathId

router = APIRouter(prefix="/sync", tags=["sync"])


def snapshot(db: Session) -> None:
    """Read the feed from one snapshot: a commit landing between two of its queries could
    otherwise let the cursor pass a row. (SQLite: every transaction is one already.)"""
    if db.get_bind().dialect.name == "postgresql":
        db.rollback()  # end the sign-in check's transaction; the next one is the snapshot
        db.connection(execution_options={"isolation_level": "REPEATABLE READ"})


MAX_PAGE = 10_000


@router.get("/changes", responses={**FEED_RESPONSES, **docs.answers()})
def get_changes(
    since: int = Query(0, ge=0, le=MAX_SEQ),
    limit: int = Query(1000, ge=1, le=MAX_PAGE),
    entity: str | None = Query(
        None, max_length=32, json_schema_extra={"enum": sorted(SYNC_ENTITIES)}
    ),
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> Response:
    """Changes after `since`, oldest first, scoped to the caller's hall. A row the province
    cannot serve is left out (logged, counted in `skipped`) rather than fail the feed."""
    if entity is not None and entity not in SYNC_ENTITIES:
        raise Problem(
            422,
            "Unknown entity.",
            type_=ProblemType.INVALID_INPUT,
            errors=[{"field": "entity", "message": "Unknown entity."}],
        )
    snapshot(db)
    # Plain JSON: the page is built as JSON-ready dicts already, and running a few
    # thousand rows through response validation would only cost time.
    page = changes.read_page(db, staff.hall_id, since, limit, entity)
    return Response(changes.render_page(page), media_type="application/json")


@router.get("/counts", responses=docs.answers())
def get_counts(
    staff: StaffContext = Depends(current_staff), db: Session = Depends(get_db)
) -> dict[str, Any]:
    """Rows per entity the caller's hall may cache, and the feed head (`as_of`) they match."""
    snapshot(db)
    return changes.counts(db, staff.hall_id)


@router.get("/head", responses=docs.answers())
def get_head(
    staff: StaffContext = Depends(current_staff), db: Session = Depends(get_db)
) -> dict[str, Any]:
    """The feed head (`as_of`) the caller's hall sees: what a delta pull needs of `/counts`
    without counting a province's rows (seconds at a million customers)."""
    return {"as_of": changes.head(db, staff.hall_id)}


# -- snapshots for a first bootstrap (province_api.snapshots) ---------------------------------
SNAPSHOT_RETRY_S = 5
SNAPSHOT_FIRST_WAIT_S = 2.0  # for a snapshot just begun, before answering "come back"


class SnapshotAnswer(BaseModel):
    """A snapshot ready to download (`ready`), or being made: ask again in `retry_after` s."""

    ready: bool
    retry_after: int | None = None
    id: str | None = None
    hall_id: str | None = None
    cursor: int | None = None
    made_at: str | None = None
    size: int | None = None
    sha256: str | None = None
    rows: int | None = None
    counts: dict[str, int] | None = None
    format: int | None = None


def _store(request: Request) -> SnapshotStore:
    store: SnapshotStore | None = getattr(request.app.state, "snapshots", None)
    if store is None:
        raise Problem(
            404, "This province serves no snapshots: pull the feed.", type_=ProblemType.NOT_FOUND
        )
    return store


@router.get(
    "/snapshot",
    response_model=SnapshotAnswer,
    responses=docs.answers({404: [ProblemType.NOT_FOUND]}),
)
def get_snapshot(
    request: Request,
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> Any:
    """The newest snapshot of what the caller's hall caches, to download from
    `/sync/snapshot/{id}` and then pull the feed from its `cursor`. When there is none yet,
    one is being made: 202 with Retry-After. A snapshot older than the feed is made again
    in the background while this one is served."""
    store = _store(request)
    snapshot(db)
    info, stale = store.current(db.connection(), staff.hall_id)
    if stale:
        store.build_soon(staff.hall_id)
    if info is None:
        store.wait(staff.hall_id, SNAPSHOT_FIRST_WAIT_S)
        info, _ = store.current(db.connection(), staff.hall_id)
    if info is None:
        body = SnapshotAnswer(ready=False, retry_after=SNAPSHOT_RETRY_S)
        return JSONResponse(
            body.model_dump(exclude_none=True),
            status_code=202,
            headers={"Retry-After": str(SNAPSHOT_RETRY_S)},
        )
    return SnapshotAnswer(ready=True, **info.public())


@router.get(
    "/snapshot/{snapshot_id}",
    response_class=FileResponse,
    responses={
        **docs.answers({404: [ProblemType.NOT_FOUND]}),
        200: {"content": {"application/zstd": {}}, "description": "The compressed snapshot."},
        206: {"content": {"application/zstd": {}}, "description": "The range asked for."},
    },
)
def download_snapshot(
    snapshot_id: PathId,
    request: Request,
    staff: StaffContext = Depends(current_staff),
) -> FileResponse:
    """The compressed snapshot file; a `Range: bytes=N-` header resumes a cut download. A
    snapshot replaced by a newer one stays a while, then answers 404: ask for the newest."""
    store = _store(request)
    info = store.find(snapshot_id, staff.hall_id)
    if info is None:
        raise Problem(404, "There is no such snapshot.", type_=ProblemType.NOT_FOUND)
    return FileResponse(
        store.file(info),
        media_type="application/zstd",
        headers={"ETag": f'"{info.sha256}"', "Cache-Control": "no-store"},
    )
