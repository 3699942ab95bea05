"""Pulling the province's change feed into the cache: bootstrap, deltas, and a count check.

No Qt: the UI runs `SyncEngine.pull` in a worker thread and passes a progress callback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from counter_app.api_client import ApiClient
from counter_app.sync import snapshot
from local_cache import snapshot_import, sync_store
from local_cache.db import Cache

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Progress:
    # "bootstrap" | "delta" | "recount", or for a snapshot: "snapshot-wait" (the province is
    # making it), "snapshot" (downloading, unpacking), "snapshot-import"
    phase: str
    rows: int
    percent: int


@dataclass(frozen=True)
class SyncResult:
    rows: int
    pages: int
    cursor: int
    bootstrap: bool
    repulled: dict[str, int] = field(default_factory=dict)
    finished_at: str = ""
    snapshot_rows: int = 0  # of `rows`, those a snapshot brought (0: all from the feed)


Cancelled = snapshot.Cancelled
# A first bootstrap of more rows than this takes the province's snapshot; below, the feed is
# as quick and there is no file to make.
SNAPSHOT_MIN_ROWS = 20_000


ProgressFn = Callable[[Progress], None]
StopFn = Callable[[], bool]


class SyncEngine:
    def __init__(
        self,
        api: ApiClient,
        cache: Cache,
        page_size: int = 5000,
        max_recounts: int = 3,
        snapshot_min_rows: int | None = SNAPSHOT_MIN_ROWS,
    ) -> None:
        """`snapshot_min_rows`: a first bootstrap of at least this many rows takes the
        province's snapshot (None: always the feed)."""
        self.api = api
        self.cache = cache
        self.page_size = page_size
        self.max_recounts = max_recounts
        self.snapshot_min_rows = snapshot_min_rows

    def pull(
        self,
        progress: ProgressFn | None = None,
        should_stop: StopFn | None = None,
        verify: bool | None = None,
    ) -> SyncResult:
        """Pull until the feed is drained. After a bootstrap (or when `verify`), check counts
        per entity against the server's and pull again whatever differs. Raises
        OfflineError/ApiError; pages applied before that stay applied, with their cursor."""
        start = sync_store.get_cursor(self.cache)
        # Counting every row the hall may cache costs the province seconds at a million
        # customers: a delta pull that checks no counts asks for the feed's head alone.
        wants_counts = start == 0 or bool(verify)
        head = self.api.counts() if wants_counts else None
        head_seq = int(head["as_of"]) if head else self.api.head()
        if head_seq < start:
            # The province's feed is behind our cursor: it was restored or rebuilt. Our
            # copy can no longer be patched: start again from nothing.
            log.warning(
                "province feed head %s is behind cursor %s: bootstrapping again",
                head_seq,
                start,
            )
            sync_store.forget_synced(self.cache)
            start = 0
            head = head or self.api.counts()
            head_seq = int(head["as_of"])
        bootstrap = start == 0
        if not bootstrap:
            snapshot.clear(self.cache.path.parent)  # a download's files left by a stop
        phase = "bootstrap" if bootstrap else "delta"
        from_snapshot = 0
        if bootstrap and head and self._snapshot_worth_it(head):
            from_snapshot = self._bootstrap_from_snapshot(progress, should_stop)
            if from_snapshot:
                start, phase = sync_store.get_cursor(self.cache), "delta"
        if start == 0 or sync_store.bulk_loading(self.cache):  # (a bootstrap cut off resumes)
            sync_store.begin_bulk_load(self.cache)
        rows, pages, cursor = self._drain(start, head_seq, phase, progress, should_stop)
        rows += from_snapshot
        sync_store.end_bulk_load(self.cache)
        repulled: dict[str, int] = {}
        refill = sync_store.pending_refills(self.cache)
        if refill and not bootstrap:  # rows a cache migration left without its new columns
            for entity in refill:
                repulled[entity] = self._repull(entity, progress, should_stop, refill=True)
        sync_store.refilled(self.cache, refill)
        if head and (bootstrap if verify is None else verify):
            repulled |= self._reconcile(head, progress, should_stop)
            cursor = sync_store.get_cursor(self.cache)
        finished = datetime.now(UTC).isoformat()
        sync_store.set_last_sync(self.cache, finished)
        return SyncResult(rows, pages, cursor, bootstrap, repulled, finished, from_snapshot)

    def _snapshot_worth_it(self, head: dict[str, Any]) -> bool:
        if self.snapshot_min_rows is None:
            return False
        return sum(int(n) for n in head["counts"].values()) >= self.snapshot_min_rows

    def _bootstrap_from_snapshot(
        self, progress: ProgressFn | None, should_stop: StopFn | None
    ) -> int:
        """Rows the province's snapshot brought into the cache, with its cursor; 0 when it
        could not be had (the feed does the bootstrap). OfflineError and Cancelled go up:
        a download cut off goes on at the next pull."""
        folder = self.cache.path.parent
        rows_expected = 0
        last = [-1]

        def told(stage: str, done: int, total: int) -> None:
            if progress is None:
                return
            if stage == "wait":
                progress(Progress("snapshot-wait", 0, 0))
                return
            share = done * 100 // max(total, 1)  # download 0-70 %, unpack 70-80 %
            percent = share * 70 // 100 if stage == "download" else 70 + share * 10 // 100
            if percent != last[0]:  # (a download tells of every 32 KiB)
                last[0] = percent
                progress(Progress("snapshot", rows_expected, min(percent, 80)))

        try:
            fetched = snapshot.fetch(self.api, folder, told, should_stop)
        except snapshot.SnapshotUnavailable as exc:
            log.warning("no snapshot to bootstrap from (%s): pulling the feed", exc)
            return 0
        rows_expected = fetched.rows
        if progress:
            progress(Progress("snapshot-import", fetched.rows, 85))
        try:
            done = snapshot_import.import_snapshot(self.cache, fetched.path, fetched.hall_id)
        except snapshot_import.SnapshotRefused as exc:
            log.warning("snapshot %s refused (%s): pulling the feed", fetched.id, exc)
            return 0
        finally:
            snapshot.clear(folder)
        log.info(
            "bootstrap from snapshot %s: %s rows, cursor %s", fetched.id, done.rows, done.cursor
        )
        return done.rows

    def _drain(
        self,
        cursor: int,
        head: int,
        phase: str,
        progress: ProgressFn | None,
        should_stop: StopFn | None,
    ) -> tuple[int, int, int]:
        start, rows, pages = cursor, 0, 0
        while True:
            if should_stop and should_stop():
                raise Cancelled()
            page = self.api.changes(cursor, self.page_size)
            rows += sync_store.apply_page(
                self.cache, page["changes"], int(page["next_since"]), merge=phase == "delta"
            )
            pages += 1
            cursor = int(page["next_since"])
            if progress:
                span = max(head - start, 1)
                percent = 100 if not page["has_more"] else min(99, (cursor - start) * 100 // span)
                progress(Progress(phase, rows, percent))
            if not page["has_more"]:
                return rows, pages, cursor

    def _reconcile(
        self, head: dict[str, Any], progress: ProgressFn | None, should_stop: StopFn | None
    ) -> dict[str, int]:
        """Compare counts with the server at the same feed head; re-pull entities that differ."""
        repulled: dict[str, int] = {}
        for _ in range(self.max_recounts):
            cursor = sync_store.get_cursor(self.cache)
            if int(head["as_of"]) != cursor:
                # The feed moved while we pulled: catch up, then compare at the new head.
                self._drain(cursor, int(head["as_of"]), "delta", progress, should_stop)
                head = self.api.counts()
                continue
            local = sync_store.local_counts(self.cache)
            differ = [e for e, n in head["counts"].items() if e in local and local[e] != n]
            if not differ:
                return repulled
            for entity in differ:
                log.warning(
                    "count mismatch for %s: local %s, server %s; pulling it again",
                    entity,
                    local[entity],
                    head["counts"][entity],
                )
                repulled[entity] = self._repull(entity, progress, should_stop)
            head = self.api.counts()
        return repulled

    def _repull(
        self,
        entity: str,
        progress: ProgressFn | None,
        should_stop: StopFn | None,
        refill: bool = False,
    ) -> int:
        sync_store.begin_repull(self.cache, entity, refill)
        since, rows = 0, 0
        while True:
            if should_stop and should_stop():
                raise Cancelled()
            page = self.api.changes(since, self.page_size, entity=entity)
            rows += sync_store.apply_repull_page(self.cache, entity, page["changes"])
            since = int(page["next_since"])
            if progress:
                progress(Progress("recount", rows, 100 if not page["has_more"] else 50))
            if not page["has_more"]:
                break
        removed = sync_store.finish_repull(self.cache, entity)
        return rows + removed
