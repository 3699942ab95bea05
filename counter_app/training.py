"""The training switch: a hall rehearses an outage by cutting the counter's link to the
province (Counter → Training → Work offline), and restores it with Reconnect.

While cut, every request fails as a request that never left (nothing reached the
province), exactly as when the network is down, so the whole offline path is what runs.
"""

from __future__ import annotations

import threading

_cut = threading.Event()


def cut_link() -> None:
    _cut.set()


def restore_link() -> None:
    _cut.clear()


def link_cut() -> bool:
    return _cut.is_set()
