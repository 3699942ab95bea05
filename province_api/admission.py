"""Overload is refused, not queued: at most so many requests are worked on at once, and
one more is answered 503 with Retry-After at once, so a province under a flood answers
quickly either way and recovers as soon as the flood drops.

The bound matches what a request holds for its whole life: one pooled database
connection and one worker thread (the pool and the thread pool are sized from the same
number in `province_api.db`), so an admitted request never waits for either.
"""

from __future__ import annotations

import json
from typing import Any

from counter_app.domain.problems import ProblemType
from province_api.errors import PROBLEM_TYPE, RETRY_AFTER_S

Scope = dict[str, Any]

_BODY = json.dumps(
    {
        "type": PROBLEM_TYPE + ProblemType.OVERLOADED,
        "title": "Service Unavailable",
        "status": 503,
        "detail": "The province is busy; the counter tries again by itself.",
        "errors": [],
    }
).encode()


class AdmissionLimit:
    """ASGI middleware. Health checks always pass, so a load balancer can tell busy from
    down. Runs on the event loop thread only, so a plain counter is safe."""

    def __init__(self, app: Any, limit: int, exempt: tuple[str, ...] = ()) -> None:
        self.app = app
        self.limit = limit
        self.exempt = exempt
        self.in_flight = 0
        self.refused = 0

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("path") in self.exempt:
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.limit:
            self.refused += 1
            await send(
                {
                    "type": "http.response.start",
                    "status": 503,
                    "headers": [
                        (b"content-type", b"application/problem+json"),
                        (b"retry-after", str(RETRY_AFTER_S).encode()),
                        (b"content-length", str(len(_BODY)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": _BODY})
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
