"""Which versions talk to which, during the weeks a province and its counters are upgraded.

Every request names the counter's software (`Counter-Version`) and the API version its body
was written for (`Cms-Api-Version`: an outbox entry keeps the one it was written with, so a
queued payment is read by the rules it was made under). The province speaks API versions
OLDEST_API_VERSION..API_VERSION and refuses sign-in to counters older than its minimum.

API 1: times in bodies could lack a UTC offset (they were read as the hall's clock).
API 2: every time in a body carries its UTC offset.
"""

from __future__ import annotations

import re

API_VERSION = 2
OLDEST_API_VERSION = 1
API_VERSION_HEADER = "Cms-Api-Version"
CLIENT_VERSION_HEADER = "Counter-Version"
# What a counter that names no version runs: the versions before these headers existed.
UNNAMED_CLIENT_VERSION = "0.1.0"


def version_key(version: str) -> tuple[int, ...]:
    """ "0.10.2" -> (0, 10, 2), so versions compare as numbers; anything else sorts first."""
    parts = re.findall(r"\d+", version.split("+")[0].split("-")[0])
    return tuple(int(p) for p in parts[:4]) if parts else (0,)
