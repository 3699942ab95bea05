"""Request bodies are refused past a size, before they are read.

Without a bound a body is read whole into memory (anyone may send one: the token is checked
after), so a few large ones take the server's memory. A declared Content-Length over the
limit is answered 413 at once, unread; a chunked body is read only until it passes it.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from counter_app.domain.problems import ProblemType
from province_api.errors import problem_response

# The largest body a counter sends is a registration with its ID card photo (at most
# registration.MAX_PHOTO_CHARS, 200 000 characters): five times that is ample.
MAX_BODY = 1024 * 1024
# Said with the refusal: the rest of the body is never read, so the connection cannot be
# used again.
_CLOSE = {"Connection": "close"}


def _detail(limit: int) -> str:
    return f"The request body is larger than the province accepts ({limit} bytes)."


class BodyTooLarge(HTTPException):
    """Raised by `receive` once a body passes the limit; answered as a 413 problem."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, _detail(limit), headers=_CLOSE)


class BodyLimit:
    """ASGI middleware: at most `limit` bytes of body per request."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            refusal = problem_response(
                413, _detail(self.limit), ProblemType.BAD_REQUEST, headers=_CLOSE
            )
            await refusal(scope, receive, send)
            return
        received = 0

        async def bounded() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        await self.app(scope, bounded, send)


def _content_length(scope: Scope) -> int | None:
    """The declared length (the server has checked it is a number), None when none is."""
    for name, value in scope["headers"]:
        if name == b"content-length":
            text = value.strip()
            return int(text) if text.isdigit() and len(text) < 20 else 2**63
    return None
