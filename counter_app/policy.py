"""The province's rule values at this counter: read from the cache in workers (`load`), and
held in memory for screens (`PolicyHolder`, refreshed off the GUI thread after each pull).

Until the first pull brings the province's row, the defaults of counter_app.domain.policy
apply; a clerk has no setting to change them.
"""

from __future__ import annotations

import threading

from counter_app.domain.policy import DEFAULT, Policy
from local_cache import policy_store
from local_cache.db import Cache


def load(cache: Cache) -> Policy:
    raw = policy_store.read(cache)
    return DEFAULT if raw is None else Policy.from_json(raw)


class PolicyHolder:
    """The last policy read, for the GUI thread to look at without I/O."""

    def __init__(self, policy: Policy = DEFAULT) -> None:
        self._policy = policy
        self._lock = threading.Lock()

    @property
    def current(self) -> Policy:
        with self._lock:
            return self._policy

    def refresh(self, cache: Cache) -> Policy:
        """Runs in a worker."""
        policy = load(cache)
        with self._lock:
            self._policy = policy
        return policy
