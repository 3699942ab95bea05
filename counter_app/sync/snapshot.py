"""Fetching the province's snapshot of the hall for a first bootstrap (province_api.snapshots).

Ask for it (the province may still be making it: wait as it says), download it into the
cache's folder with HTTP range requests (a cut download goes on from where it stopped, even
after a restart), check its SHA-256, unpack it (zstd) beside the cache. The caller imports
it (local_cache.snapshot_import) and deletes it. The files hold personal data in the clear
for the minute they exist: they are the owner's only (0600, in the cache's private folder)
and removed after the import, or at the next start if the counter stopped in between.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
import zstandard

from counter_app.api_client import ApiClient, ApiError, OfflineError
from local_cache import private_files

log = logging.getLogger(__name__)

CHUNK = 1 << 20  # for reading files
# Downloaded in small pieces, each written at once: a cut link loses at most one of them.
DOWNLOAD_CHUNK = 32 << 10
MAX_WAIT_S = 600.0  # for the province to make a first snapshot; then the feed
PREFIX = "snapshot-"


class SnapshotUnavailable(Exception):
    """No snapshot to be had (an older province, one that failed to make it, or it took too
    long, or the file came damaged twice): bootstrap from the feed."""


@dataclass(frozen=True)
class Fetched:
    path: Path  # the unpacked SQLite file
    id: str
    hall_id: str  # the province's word: the file must say the same
    cursor: int
    size: int  # bytes downloaded (compressed)
    rows: int


ProgressFn = Callable[[str, int, int], None]  # (phase, done, total): "wait" | "download" | "unpack"
StopFn = Callable[[], bool]


class Cancelled(Exception):
    pass


def leftovers(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{PREFIX}*"))


def clear(folder: Path, keep: Path | None = None) -> None:
    """Remove snapshot files of earlier tries (all but the download `keep` goes on with)."""
    for path in leftovers(folder):
        if path != keep:
            path.unlink(missing_ok=True)


def _ask(
    api: ApiClient, progress: ProgressFn | None, should_stop: StopFn | None, max_wait_s: float
) -> dict[str, Any]:
    deadline = time.monotonic() + max_wait_s
    while True:
        try:
            response = api.request("GET", "/sync/snapshot")
        except ApiError as exc:
            if exc.status != 404:  # (401 and the like: as for any request)
                raise
            raise SnapshotUnavailable(str(exc)) from exc  # this province serves none
        body: dict[str, Any] = response.json()
        if body.get("ready"):
            return body
        wait = float(body.get("retry_after") or response.headers.get("Retry-After") or 5)
        if time.monotonic() + wait > deadline:
            raise SnapshotUnavailable("the province took too long to make the snapshot")
        if progress:
            progress("wait", 0, 0)
        end = time.monotonic() + wait
        while time.monotonic() < end:
            if should_stop and should_stop():
                raise Cancelled()
            time.sleep(0.2)


def _download(
    api: ApiClient,
    info: dict[str, Any],
    part: Path,
    progress: ProgressFn | None,
    should_stop: StopFn | None,
) -> None:
    size = int(info["size"])
    have = part.stat().st_size if part.exists() else 0
    if have > size:
        part.unlink()
        have = 0
    if have == size:
        return
    headers = {"Accept": "application/zstd"}
    if have:
        headers |= {"Range": f"bytes={have}-", "If-Range": f'"{info["sha256"]}"'}
    try:
        response = api.request("GET", f"/sync/snapshot/{info['id']}", headers=headers, stream=True)
    except ApiError as exc:
        if exc.status != 404:
            raise
        part.unlink(missing_ok=True)  # replaced by a newer one meanwhile
        raise SnapshotUnavailable(str(exc)) from exc
    with response:
        if response.status_code != 206:  # the whole file (the range was not honoured)
            have = 0
        private_files.private_file(part)
        try:
            with part.open("ab" if have else "wb") as out:
                for chunk in response.iter_content(DOWNLOAD_CHUNK):
                    out.write(chunk)
                    have += len(chunk)
                    if progress:
                        progress("download", have, size)
                    if should_stop and should_stop():
                        raise Cancelled()
        except requests.RequestException as exc:  # the link cut mid-file: resume next time
            raise OfflineError(f"snapshot download cut at {have:,} of {size:,} bytes") from exc


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _unpack(packed: Path, target: Path, progress: ProgressFn | None, size: int) -> None:
    target.unlink(missing_ok=True)
    private_files.private_file(target)
    done = 0
    with packed.open("rb") as ifh, target.open("wb") as ofh:
        reader = zstandard.ZstdDecompressor().stream_reader(ifh)
        while chunk := reader.read(4 * CHUNK):
            ofh.write(chunk)
            if progress:
                done = ifh.tell()
                progress("unpack", done, size)


def fetch(
    api: ApiClient,
    folder: Path,
    progress: ProgressFn | None = None,
    should_stop: StopFn | None = None,
    max_wait_s: float = MAX_WAIT_S,
) -> Fetched:
    """The hall's snapshot, unpacked in `folder`. Raises SnapshotUnavailable (pull the feed
    instead), OfflineError (the link: a download cut off goes on next time) or Cancelled."""
    info = _ask(api, progress, should_stop, max_wait_s)
    part = folder / f"{PREFIX}{info['id']}.zst.part"
    clear(folder, keep=part)  # an earlier snapshot's download is of no use now
    for attempt in (1, 2):
        _download(api, info, part, progress, should_stop)
        if _sha256(part) == info["sha256"]:
            break
        log.warning("snapshot %s came damaged (try %s): downloading it again", info["id"], attempt)
        part.unlink(missing_ok=True)
    else:
        raise SnapshotUnavailable("the snapshot came damaged twice")
    target = folder / f"{PREFIX}{info['id']}.db"
    try:
        _unpack(part, target, progress, int(info["size"]))
    except zstandard.ZstdError as exc:
        clear(folder)
        raise SnapshotUnavailable(f"the snapshot could not be unpacked: {exc}") from exc
    part.unlink(missing_ok=True)
    return Fetched(
        target,
        str(info["id"]),
        str(info["hall_id"]),
        int(info["cursor"]),
        int(info["size"]),
        int(info["rows"]),
    )
