"""What a use case needs to act for the signed-in clerk: the cache, who, and the province."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from counter_app.api_client import ApiClient
from counter_app.auth import SignedIn
from counter_app.settings import Settings
from local_cache.db import Cache


@dataclass(frozen=True)
class CounterSession:
    cache: Cache
    signed: SignedIn
    settings: Settings
    # A new client per call: use cases run in worker threads, and a requests.Session is
    # not to be shared between threads.
    make_api: Callable[[], ApiClient]
