"""The change feed: recording changes in the writer's transaction, and reading them back.

Each entity keeps one feed row, renumbered on every change, so the feed is never longer than
the data and a bootstrap reads each row once. Seqs come from `change_counter`, whose row lock
makes them follow commit order (see `ChangeCounter`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select, delete, func, insert, select, update
from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session

from province_api.models import SYNC_ENTITIES, Change, ChangeCounter

log = logging.getLogger(__name__)

CHUNK = 500
# What reading back or writing out one row raises when the row is bad, not the database: a
# time past year 9999 (PostgreSQL stores it, psycopg cannot read it), text SQLite cannot
# parse as a date or JSON, NaN in a JSON column. A busy database (OperationalError) is not
# one of these: it fails the request, which the counter tries again.
UNSERVABLE = (DataError, ValueError, TypeError, OverflowError, RecursionError)
# Columns never sent to a client.
PRIVATE_COLUMNS = {
    "staff": {"password_hash", "approval_key"},
    "product_order": {"undo"},
    "customer": {"photo"},
}


@dataclass(frozen=True)
class ChangedRow:
    entity_id: str
    version: int
    hall_id: str | None = None


def allocate_seqs(session: Session, n: int) -> int:
    """Reserve n seqs; returns the first. Locks the counter row until commit."""
    last = session.execute(
        update(ChangeCounter)
        .where(ChangeCounter.id == 1)
        .values(value=ChangeCounter.value + n)
        .returning(ChangeCounter.value)
    ).scalar_one()
    return int(last) - n + 1


def record(
    session: Session,
    entity: str,
    rows: Sequence[ChangedRow],
    op: str = "upsert",
    *,
    fresh: bool = False,
) -> None:
    """Put `rows` of `entity` at the head of the feed, replacing their older feed rows.

    `fresh=True` says the rows are new (a bulk load): there is no older feed row to delete.
    """
    if not rows:
        return
    first = allocate_seqs(session, len(rows))
    for start in range(0, 0 if fresh else len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        session.execute(
            delete(Change).where(
                Change.entity == entity, Change.entity_id.in_([r.entity_id for r in chunk])
            )
        )
    session.execute(
        insert(Change.__table__),  # Core executemany: no ORM work per row
        [
            {
                "seq": first + i,
                "entity": entity,
                "entity_id": r.entity_id,
                "op": op,
                "version": r.version,
                "hall_id": r.hall_id,
            }
            for i, r in enumerate(rows)
        ],
    )


def record_objects(session: Session, entity: str, objs: Iterable[Any], op: str = "upsert") -> None:
    """Record ORM objects of a synced entity (flushes first so versions are final)."""
    session.flush()
    _, scope = SYNC_ENTITIES[entity]
    record(
        session,
        entity,
        [ChangedRow(o.id, o.version, getattr(o, scope) if scope else None) for o in objs],
        op,
    )


def to_json_value(value: Any) -> Any:
    """Dates as ISO text; a time always with its offset (SQLite gives back UTC times
    without one, PostgreSQL with one: both are answered alike)."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC).isoformat()
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def object_json(obj: Any) -> dict[str, Any]:
    """An ORM row as the API answers it (dates as ISO text), private columns left out."""
    table = type(obj).__table__
    hidden = PRIVATE_COLUMNS.get(table.name, set())
    return {
        c.name: to_json_value(getattr(obj, c.name)) for c in table.columns if c.name not in hidden
    }


def _columns(entity: str) -> tuple[list[Any], set[str]]:
    """The columns a client receives, and which of them hold dates to write as text."""
    model, _ = SYNC_ENTITIES[entity]
    hidden = PRIVATE_COLUMNS.get(entity, set())
    cols = [c for c in model.__table__.columns if c.name not in hidden]
    dated = {c.name for c in cols if c.type.python_type in (datetime, date)}
    return cols, dated


def _json_row(row: Any, dated: set[str]) -> dict[str, Any]:
    data = dict(row)
    for name in dated:
        data[name] = to_json_value(data[name])  # a time with its offset, as object_json
    return data


def _left_out(entity: str, entity_id: str, exc: BaseException, skipped: list[str]) -> None:
    """Report a row the feed cannot serve: its entity and id, never its values (a message
    of the error may quote them)."""
    log.warning(
        "feed: %s %s cannot be served (%s); left out of the page",
        entity,
        entity_id,
        type(exc).__name__,
    )
    skipped.append(entity_id)


def _rows(
    session: Session, query: Select, entity: str, dated: set[str], skipped: list[str]
) -> dict[str, dict]:
    """The rows `query` selects (by `SYNC_ENTITIES[entity]`'s columns), by id, as JSON-ready
    dicts. A row that cannot be read back is left out and reported in `skipped`, so one bad
    row (put there other than through the API) does not fail the feed of a whole hall."""
    try:
        return {row["id"]: _json_row(row, dated) for row in session.execute(query).mappings()}
    except UNSERVABLE:
        pass  # find the bad rows: by chunks, then one by one in a chunk that fails
    id_col = SYNC_ENTITIES[entity][0].__table__.c.id
    ids = list(session.scalars(query.with_only_columns(id_col)))
    found: dict[str, dict] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        try:
            rows = session.execute(query.where(id_col.in_(chunk))).mappings()
            found |= {row["id"]: _json_row(row, dated) for row in rows}
            continue
        except UNSERVABLE:
            pass
        for entity_id in chunk:
            try:
                row = session.execute(query.where(id_col == entity_id)).mappings().first()
                if row is not None:
                    found[entity_id] = _json_row(row, dated)
            except UNSERVABLE as exc:
                _left_out(entity, entity_id, exc, skipped)
    return found


def serialise_rows(session: Session, entity: str, ids: Sequence[str]) -> dict[str, dict]:
    cols, dated = _columns(entity)
    id_col = SYNC_ENTITIES[entity][0].__table__.c.id
    out: dict[str, dict] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        out |= _rows(session, select(*cols).where(id_col.in_(chunk)), entity, dated, [])
    return out


def _scopes(hall_id: str) -> tuple[Any, Any]:
    return Change.hall_id.is_(None), Change.hall_id == hall_id


def _feed_rows(
    session: Session, hall_id: str, since: int, limit: int, entity: str | None
) -> list[Any]:
    """The next `limit` feed rows the hall may see, in seq order.

    Two index-ordered, limited reads (rows for every hall, rows for this hall) merged here:
    an OR across both would make the database sort all that remains of the feed per page.
    """
    rows: list[Any] = []
    for scope in _scopes(hall_id):
        query = select(
            Change.seq, Change.entity, Change.entity_id, Change.op, Change.version
        ).where(scope, Change.seq > since)
        if entity:
            query = query.where(Change.entity == entity)
        rows += session.execute(query.order_by(Change.seq).limit(limit + 1)).all()
    rows.sort(key=lambda ch: ch.seq)
    return rows[: limit + 1]


def _page_data(
    session: Session,
    hall_id: str,
    since: int,
    last: int,
    entities: set[str],
    skipped: list[str],
) -> dict[str, dict[str, dict]]:
    """The current rows behind a page of the feed: per entity, one join from the feed's
    seq range to the table, instead of looking each id up. Rows that cannot be served are
    left out, their ids in `skipped`."""
    data: dict[str, dict[str, dict]] = {}
    for name in entities:
        model, _ = SYNC_ENTITIES[name]
        cols, dated = _columns(name)
        table = model.__table__
        found: dict[str, dict] = {}
        for scope in _scopes(hall_id):
            query = (
                select(*cols)
                .select_from(Change.__table__.join(table, table.c.id == Change.entity_id))
                .where(scope, Change.seq > since, Change.seq <= last, Change.entity == name)
            )
            found |= _rows(session, query, name, dated, skipped)
        data[name] = found
    return data


def read_page(
    session: Session, hall_id: str, since: int, limit: int, entity: str | None = None
) -> dict[str, Any]:
    feed = _feed_rows(session, hall_id, since, limit, entity)
    has_more = len(feed) > limit
    feed = feed[:limit]
    next_since = feed[-1].seq if feed else since
    entities = {ch.entity for ch in feed if ch.op == "upsert"}
    skipped: list[str] = []
    data = _page_data(session, hall_id, since, next_since, entities, skipped)
    changes = []
    for ch in feed:
        row = data.get(ch.entity, {}).get(ch.entity_id) if ch.op == "upsert" else None
        if ch.op == "upsert" and row is None:
            # Deleted after this page's feed rows were read (its tombstone follows), or it
            # cannot be served (reported): the cursor passes it either way.
            continue
        changes.append(
            {
                "seq": ch.seq,
                "entity": ch.entity,
                "id": ch.entity_id,
                "op": ch.op,
                "version": row["version"] if row else ch.version,
                "data": row,
            }
        )
    page = {"changes": changes, "next_since": next_since, "has_more": has_more}
    return page | {"skipped": len(skipped)}


def _dumps(content: Any) -> bytes:
    """JSON as starlette's JSONResponse writes it (no NaN, UTF-8)."""
    text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.encode("utf-8")


def render_page(page: dict[str, Any]) -> bytes:
    """A page of `read_page` as the JSON answered. A change whose row cannot be written (NaN
    in a JSON column, a lone surrogate in SQLite text) is left out and counted in `skipped`,
    the rest of the page served; each change is written on its own only when the page fails."""
    try:
        return _dumps(page)
    except UNSERVABLE:
        pass
    kept, skipped = [], []
    for change in page["changes"]:
        try:
            _dumps(change)
            kept.append(change)
        except UNSERVABLE as exc:
            _left_out(change["entity"], change["id"], exc, skipped)
    return _dumps({**page, "changes": kept, "skipped": page.get("skipped", 0) + len(skipped)})


def head(session: Session, hall_id: str) -> int:
    """The newest seq the hall may see (two index lookups)."""
    return max(
        (session.scalar(select(func.max(Change.seq)).where(scope)) or 0)
        for scope in _scopes(hall_id)
    )


def counts(session: Session, hall_id: str) -> dict[str, Any]:
    """Live rows per entity as the caller's hall sees them, and the feed head they match."""
    result = {name: 0 for name in SYNC_ENTITIES}
    as_of = 0
    for scope in (Change.hall_id.is_(None), Change.hall_id == hall_id):
        as_of = max(as_of, session.scalar(select(func.max(Change.seq)).where(scope)) or 0)
        for name, n in session.execute(
            select(Change.entity, func.count())
            .where(scope, Change.op == "upsert")
            .group_by(Change.entity)
        ).all():
            result[name] = result.get(name, 0) + int(n)
    return {"as_of": int(as_of), "counts": result}
