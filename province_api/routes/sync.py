from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from province_api import changes
from province_api.auth import StaffContext, current_staff, get_db
from province_api.errors import Problem
from province_api.models import SYNC_ENTITIES

router = APIRouter(prefix="/sync", tags=["sync"])
MAX_PAGE = 10_000


@router.get("/changes")
def get_changes(
    since: int = Query(0, ge=0),
    limit: int = Query(1000, ge=1, le=MAX_PAGE),
    entity: str | None = Query(None, max_length=32),
    staff: StaffContext = Depends(current_staff),
    db: Session = Depends(get_db),
) -> dict[str, Any]:
    """Changes after `since`, oldest first, scoped to the caller's hall."""
    if entity is not None and entity not in SYNC_ENTITIES:
        raise Problem(
            422,
            "Unknown entity.",
            type_="invalid-input",
            errors=[{"field": "entity", "message": "Unknown entity."}],
        )
    return changes.read_page(db, staff.hall_id, since, limit, entity)


@router.get("/counts")
def get_counts(
    staff: StaffContext = Depends(current_staff), db: Session = Depends(get_db)
) -> dict[str, Any]:
    """Rows per entity the caller's hall may cache, and the feed head (`as_of`) they match."""
    return changes.counts(db, staff.hall_id)
