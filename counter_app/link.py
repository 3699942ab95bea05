"""Whether the province can be reached, as the sync thread last found it: use cases read it
(a card needs the link; a large top-up offline needs a supervisor; a receipt printed offline
says it is provisional) without asking the network themselves."""

from __future__ import annotations

from datetime import UTC, datetime


class LinkState:
    def __init__(self, online: bool = True) -> None:
        self.online = online
        self.since = datetime.now(UTC)

    def set(self, online: bool) -> None:
        if online != self.online:
            self.online, self.since = online, datetime.now(UTC)
