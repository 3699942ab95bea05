from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from sqlalchemy.orm import Session

from counter_app.domain.problems import ProblemType
from province_api import changes
from province_api import openapi_docs as docs
from province_api.auth import StaffContext, current_staff, get_db
from province_api.errors import Problem
from province_api.feed_schema import FEED_RESPONSES
from province_api.models import SYNC_ENTITIES
from province_api.types import MAX_SEQ

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
