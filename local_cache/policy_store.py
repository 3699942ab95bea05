"""The province's policy as the cache last pulled it (one row of the `policy` entity)."""

from __future__ import annotations

import json
from typing import Any

from local_cache.db import Cache


def read(cache: Cache) -> dict[str, Any] | None:
    with cache.read() as conn:
        row = conn.exec_driver_sql("SELECT rules FROM policy ORDER BY version DESC LIMIT 1").first()
    if row is None or not row[0]:
        return None
    value = json.loads(row[0])
    return value if isinstance(value, dict) else None
