"""The counter's local store as the UI holds it: the UI opens and asks it only through here
(and the use cases), never local_cache itself."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from counter_app import cache_key, orphans
from counter_app.credentials import Credentials
from local_cache import cache_check, journal, outbox, recovery, sync_store
from local_cache.db import Cache
from local_cache.private_files import tighten, write_private
from local_cache.recovery import Recovery

NoKeyringForCache = cache_key.NoKeyringForCache
CacheEncryptedButOff = cache_key.CacheEncryptedButOff

__all__ = [
    "Cache",
    "CacheEncryptedButOff",
    "NoKeyringForCache",
    "Recovery",
    "check_in_use",
    "last_sync",
    "open_cache",
    "outbox_counts",
    "stop_checks",
    "tighten",
    "waiting_for",
    "write_private",
]


def open_cache(
    path: Path, creds: Credentials | None = None, encryption: str = cache_key.KEYRING
) -> tuple[Cache, Recovery]:
    """Checked, set aside and rebuilt if damaged, copied aside and migrated if its schema is
    older (before any window); payments left without an entry are queued again; receipt
    numbers continue above every receipt file kept.

    Encrypted (SQLCipher) with the key the keyring keeps for the data folder, made there at
    the first start (counter_app.cache_key); a plain cache, journal or copy found is
    encrypted in place. `encryption` is the setting `cache_encryption`: with "off" (the
    administrator's choice where no keyring works) the files are plain SQLite. Raises
    NoKeyringForCache when no keyring can keep the key and "off" was not chosen, and
    CacheEncryptedButOff when "off" is chosen over an encrypted cache."""
    from dataclasses import replace
    from datetime import UTC, datetime

    path = Path(path)
    key = cache_key.cache_key(creds or Credentials(), path.parent, encryption)
    if key is None and recovery.encrypted_files(path):
        raise cache_key.CacheEncryptedButOff(str(path))
    cache, found = recovery.open_checked(path, key)
    if key is not None:  # copies made before the cache was encrypted
        recovery.encrypt_copies(
            [*path.parent.glob(f"{path.name}.*.bak"), *(path.parent / BACKUPS).glob("*.db")], key
        )
    queued, unsaved = orphans.requeue(cache, datetime.now(UTC).isoformat())
    recovery.floor_from_files(cache, path.parent / "receipts")
    return cache, replace(found, requeued=queued, unsaved=tuple(unsaved))


BACKUPS = "backups"  # the daily copies, beside the cache
KEEP_SENT_DAYS = 30  # entries the province took stay in the journal this long


def daily_copy(cache: Cache, today: str) -> Path | None:
    """Once a day (in a worker): entries the province took a month ago leave the journal,
    then today's copy of the cache and the journal is made, a week of them kept."""
    from datetime import UTC, datetime, timedelta

    outbox.prune(cache, (datetime.now(UTC) - timedelta(days=KEEP_SENT_DAYS)).isoformat())
    return recovery.daily_copy(cache, cache.path.parent / BACKUPS, today)


def check_in_use(cache: Cache) -> str | None:
    """The whole check of a large cache, deferred from the start (in a worker): what is wrong,
    recorded in the journal's audit and beside the cache for the next start; None if nothing."""
    from datetime import UTC, datetime

    problem = cache_check.in_use(cache.path, cache.key)
    if problem is not None:
        with cache.write() as conn:
            journal.audit(
                conn,
                datetime.now(UTC).isoformat(),
                "cache_damage_found",
                {"problem": problem},
                None,
            )
    return problem


def stop_checks() -> None:
    """Closing: the cache's check in use stops (it runs again at the next start)."""
    cache_check.stop()


def last_sync(cache: Cache) -> str | None:
    return sync_store.get_last_sync(cache)


def waiting_for(cache: Cache, staff_id: str) -> int:
    """This clerk's actions not yet taken by the province (audit records aside)."""
    return outbox.count_for(cache, staff_id)


def outbox_counts(cache: Cache) -> tuple[int, int]:
    """Entries waiting for the province, and entries it refused (kept for a person)."""
    return outbox.count(cache), outbox.count(cache, "rejected")


@dataclass(frozen=True)
class Backlog:
    """What waits for the province: how many entries, since when, how many it refused."""

    waiting: int
    refused: int
    oldest_at: str | None


def backlog(cache: Cache) -> Backlog:
    return Backlog(
        outbox.count(cache), outbox.count(cache, "rejected"), outbox.oldest_pending(cache)
    )
