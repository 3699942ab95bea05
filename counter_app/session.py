"""What a use case needs to act for the signed-in clerk: the cache, who, and the province."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from counter_app.api_client import ApiClient
from counter_app.auth import SignedIn
from counter_app.link import LinkState
from counter_app.policy import PolicyHolder
from counter_app.settings import AppPaths, Settings
from local_cache.db import Cache


@dataclass(frozen=True)
class CounterSession:
    cache: Cache
    signed: SignedIn
    settings: Settings
    # A new client per call: use cases run in worker threads, and a requests.Session is
    # not to be shared between threads.
    make_api: Callable[[], ApiClient]
    paths: AppPaths | None = None  # this counter's folders (settings, receipts)
    # The province's rule values for screens; use cases read them fresh (policy.load).
    policy: PolicyHolder = field(default_factory=PolicyHolder)
    link: LinkState = field(default_factory=LinkState)  # set by the sync thread's findings

    @property
    def data_dir(self) -> Path:
        return self.paths.data_dir if self.paths else self.cache.path.parent

    @property
    def receipts_dir(self) -> Path:
        """Where receipt PDFs are kept: beside the cache."""
        return self.data_dir / "receipts"
