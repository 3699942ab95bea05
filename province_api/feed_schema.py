"""The change feed's rows as the OpenAPI document states them, made from the tables (the one
declaration), without the columns that never leave the province.

The feed answers with plain JSON (validating thousands of rows a page would only cost
time); these models document it, and tests/test_contract.py holds the counter's cache to them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, Union

from pydantic import BaseModel, create_model
from sqlalchemy import JSON

from counter_app.domain.kinds import ChangeOp
from province_api.changes import PRIVATE_COLUMNS
from province_api.models import SYNC_ENTITIES


def _python_type(column: Any) -> Any:
    if isinstance(column.type, JSON):
        return dict[str, Any] | list[Any]
    kind = column.type.python_type
    return datetime if kind is datetime else date if kind is date else kind


def _row_model(entity: str) -> type[BaseModel]:
    model, _ = SYNC_ENTITIES[entity]
    hidden = PRIVATE_COLUMNS.get(entity, set())
    fields: dict[str, Any] = {}
    for column in model.__table__.columns:
        if column.name in hidden:
            continue
        kind = _python_type(column)
        fields[column.name] = (kind | None, None) if column.nullable else (kind, ...)
    name = "".join(part.title() for part in entity.split("_")) + "Row"
    return create_model(name, **fields)


ROW_MODELS: dict[str, type[BaseModel]] = {entity: _row_model(entity) for entity in SYNC_ENTITIES}


_ANY_ROW = Union[tuple(ROW_MODELS.values())]  # type: ignore[valid-type]  # noqa: UP007

Change = create_model(
    "Change",
    seq=(int, ...),
    entity=(Literal[tuple(SYNC_ENTITIES)], ...),  # type: ignore[valid-type]
    id=(str, ...),
    op=(ChangeOp, ...),
    version=(int, ...),
    # The row of `entity` (its model: `entity` title-cased + "Row"); none for a delete.
    data=(_ANY_ROW | None, None),
)


class ChangesPage(BaseModel):
    changes: list[Change]  # type: ignore[valid-type]
    next_since: int
    has_more: bool
    # Rows of this page the province could not serve (each logged there); the cursor passes
    # them, and a later change to such a row puts it in the feed again.
    skipped: int = 0


# Every row model, for the document's components (a `data` is one of these, by `entity`).
FEED_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"model": ChangesPage, "description": "A page of the feed, oldest first."}
}
