"""RFC 9457 problem+json for every error the server answers."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from counter_app.domain.problems import PROBLEM_BASE, ProblemType
from counter_app.domain.validators import ValidationError

log = logging.getLogger(__name__)

PROBLEM_TYPE = PROBLEM_BASE
TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    412: "Precondition failed",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Invalid input",
    428: "Approval required",
    500: "Server error",
}


class Problem(Exception):
    def __init__(
        self,
        status: int,
        detail: str,
        *,
        type_: ProblemType | None = None,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.extra = extra or {}  # the problem's own members (RFC 9457 extensions)
        self.status = status
        self.detail = detail
        self.type_ = type_ or ProblemType.for_status(status)
        self.errors = errors or []
        self.headers = headers


def field_problem(
    status: int, field: str, message: str, type_: ProblemType = ProblemType.INVALID_INPUT
) -> Problem:
    """A refusal of one field's value, the field named in `errors`."""
    return Problem(status, message, type_=type_, errors=[{"field": field, "message": message}])


def problem_body(
    status: int,
    detail: str,
    type_: ProblemType,
    errors: list[dict[str, str]] | None = None,
    extra: dict[str, str] | None = None,
) -> dict[str, Any]:
    return {
        **(extra or {}),
        "type": PROBLEM_BASE + type_,
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "errors": errors or [],
    }


def problem_response(
    status: int,
    detail: str,
    type_: ProblemType,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, str] | None = None,
) -> JSONResponse:
    body = problem_body(status, detail, type_, errors, extra)
    return JSONResponse(
        body, status_code=status, media_type="application/problem+json", headers=headers
    )


def _field_of(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


RETRY_AFTER_S = 2


def _allowed(app: FastAPI, path: str) -> str:
    """Every method some route of `path` takes (a 405's Allow): the router names only
    those of the first route that matched the path, not of its siblings (GET and PATCH)."""
    methods: set[str] = set()
    for route in iter_route_contexts(app.routes):
        regex = getattr(route, "path_regex", None)
        if regex is not None and route.methods and regex.match(path):
            methods |= route.methods
    return ", ".join(sorted(methods))


def install(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(_request: Request, exc: Problem) -> JSONResponse:
        return problem_response(
            exc.status, exc.detail, exc.type_, exc.errors, exc.headers, exc.extra
        )

    @app.exception_handler(ValidationError)
    async def _domain(_request: Request, exc: ValidationError) -> JSONResponse:
        error = [exc.to_problem_error()]
        return problem_response(422, exc.message, ProblemType.INVALID_INPUT, error)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"field": _field_of(tuple(e["loc"])), "message": e["msg"]} for e in exc.errors()]
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "Invalid input."
        return problem_response(422, detail, ProblemType.INVALID_INPUT, errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "")
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            headers["Allow"] = _allowed(app, request.scope["path"]) or headers.get("Allow", "")
        return problem_response(
            exc.status_code,
            detail,
            ProblemType.for_status(exc.status_code),
            headers=headers or None,
        )

    @app.exception_handler(OperationalError)
    @app.exception_handler(PoolTimeout)
    async def _busy(_request: Request, exc: Exception) -> JSONResponse:
        # A lock or statement timeout, or no connection free in time: the province is busy,
        # not broken. The request did nothing (its transaction is rolled back); try again.
        log.warning("busy: %s", type(exc).__name__)
        return problem_response(
            503,
            "The province is busy; the counter tries again by itself.",
            ProblemType.BUSY,
            headers={"Retry-After": str(RETRY_AFTER_S)},
        )

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        detail = "The server failed; the error is logged."
        return problem_response(500, detail, ProblemType.SERVER_ERROR)
