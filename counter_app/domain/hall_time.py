"""The hall's clock: stored times are UTC; screens and paper show the hall's time zone.

The zone comes from the province at sign-in (Asia/Shanghai unless it says otherwise), so a
counter whose operating system is set to another zone still shows the hall's time.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Shanghai"


@lru_cache(maxsize=16)
def zone(name: str = DEFAULT_ZONE) -> tzinfo:
    """The named zone; Asia/Shanghai is exact without the tz database (UTC+8 since 1991)."""
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return timezone(timedelta(hours=8), "CST")


def local(moment: datetime, zone_name: str = DEFAULT_ZONE) -> datetime:
    """`moment` on the hall's clock (a naive moment is taken as UTC, as SQLite returns it)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone(zone_name))


def local_text(iso: str | None, fmt: str, zone_name: str = DEFAULT_ZONE) -> str:
    """A stored ISO time as the hall's clock shows it; unparseable text is shown as it is."""
    if not iso:
        return ""
    try:
        return local(datetime.fromisoformat(iso), zone_name).strftime(fmt)
    except ValueError:
        return iso
