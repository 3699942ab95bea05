"""What the OpenAPI document says a route answers besides its success: every refusal is an
RFC 9457 problem (`application/problem+json`, province_api/errors.py), documented per status
with the problem `type` values it can carry (an `enum`, as full URIs) and its headers.

Every route's `responses=` comes from `answers`, which adds what the whole app can answer
whatever the route: 413 (a body over body_limit.MAX_BODY, refused unread), 422 (what no
database stores, types.refuse_nul, and input the route's types refuse), 503 (admission's
`overloaded`, a lock or pool timeout's `busy`, both with Retry-After) and, for routes that
need a sign-in, 401 (`no-token`, `token-expired`). Request headers the province requires
although FastAPI reads them as optional (it answers their absence itself, 400) are declared
through `openapi_extra` (`IDEMPOTENT`, `IF_MATCH`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from counter_app.domain.problems import PROBLEM_BASE, ProblemType
from province_api.body_limit import MAX_BODY
from province_api.idempotency import MAX_KEY

P = ProblemType
Responses = dict[int | str, dict[str, Any]]

# What each status means wherever it is answered; a route adds its own words in `notes`.
_MEANING = {
    400: "A header the province requires is missing or unreadable (or the body is no text).",
    401: "Not signed in: no bearer token, or one expired or revoked; sign in again.",
    402: "The payment was declined by the wallet.",
    403: "The signed-in staff member may not do this.",
    404: "There is no such thing in the caller's hall.",
    409: "This conflicts with the province's state; nothing was changed.",
    413: f"The request body is over {MAX_BODY} bytes: refused before it is read (the "
    "connection is closed).",
    422: "A value is refused, the field named in `errors`: out of its type's bounds, text "
    "with control or direction characters, a NUL or non-number anywhere in the request, or a "
    "rule of the province that the schema cannot state.",
    426: "The counter's software is older than the province accepts (`Upgrade` names the "
    "version needed).",
    428: "A supervisor's approval is needed, or the one given is not usable.",
    429: "Too many wrong passwords from this staff number or this address: wait `Retry-After` "
    "seconds (a locked staff number waits for a supervisor to unlock it).",
    503: "The province is busy (every slot taken, or a lock not free in time): nothing was "
    "done; send it again after `Retry-After` seconds.",
}

_RETRY_AFTER = {
    "description": "Seconds to wait before sending the request again.",
    "required": True,
    "schema": {"type": "string", "pattern": "^[0-9]+$"},
}
_HEADERS: dict[int, dict[str, Any]] = {
    401: {
        "WWW-Authenticate": {
            "description": "`Bearer`, when the token is missing, expired or revoked.",
            "schema": {"type": "string"},
        }
    },
    413: {"Connection": {"description": "`close`.", "schema": {"type": "string"}}},
    426: {
        "Upgrade": {
            "description": "`Counter/<version>`: the oldest counter the province accepts.",
            "required": True,
            "schema": {"type": "string"},
        }
    },
    429: {"Retry-After": _RETRY_AFTER},
    503: {"Retry-After": _RETRY_AFTER},
}
_REPLAYED = {
    "Idempotency-Replayed": {
        "description": "`true` when this is the stored answer to an earlier request with the "
        "same Idempotency-Key (and the same body): nothing was done again.",
        "schema": {"type": "string", "enum": ["true"]},
    }
}
# Answers stored with an Idempotency-Key, and so given again with Idempotency-Replayed.
_STORED = (402, 404, 409, 422)

# Raised by every route that reads the database, and by the app around every route.
_EVERYWHERE: dict[int, tuple[ProblemType, ...]] = {
    413: (P.BAD_REQUEST,),
    422: (P.INVALID_INPUT,),
}
_ADMITTED: dict[int, tuple[ProblemType, ...]] = {503: (P.BUSY, P.OVERLOADED)}
_SIGNED_IN: dict[int, tuple[ProblemType, ...]] = {401: (P.NO_TOKEN, P.TOKEN_EXPIRED)}
# A JSON body that cannot be read as text at all (FastAPI: "There was an error parsing the
# body"); JSON that does not parse is 422, naming the body.
_BODY: dict[int, tuple[ProblemType, ...]] = {400: (P.BAD_REQUEST,)}
# Every creating POST (province_api/idempotency.py).
_KEYED: dict[int, tuple[ProblemType, ...]] = {
    400: (P.IDEMPOTENCY_KEY_REQUIRED,),
    409: (P.IDEMPOTENCY_KEY_REUSED, P.CONFLICT),
}

# A body written for an API version (province_api/versions.py): another is refused.
VERSIONED: dict[int, tuple[ProblemType, ...]] = {400: (P.UNSUPPORTED_API_VERSION,)}
# A request that may need a supervisor's approval (province_api/approvals.py `consume`).
APPROVED: dict[int, tuple[ProblemType, ...]] = {
    428: (P.APPROVAL_REQUIRED, P.APPROVAL_INVALID, P.APPROVAL_OVER_OFFLINE_CAP)
}


def merged(*parts: Mapping[int, Iterable[ProblemType]]) -> dict[int, set[ProblemType]]:
    """Refusals of several sources, status by status."""
    out: dict[int, set[ProblemType]] = {}
    for part in parts:
        for status, kinds in part.items():
            out.setdefault(status, set()).update(kinds)
    return out


def problem_schema(status: int, types: Iterable[ProblemType]) -> dict[str, Any]:
    """The JSON schema of a problem body of `status` whose `type` is one of `types`."""
    return {
        "type": "object",
        "required": ["type", "title", "status", "detail", "errors"],
        "properties": {
            "type": {"type": "string", "enum": [PROBLEM_BASE + t for t in sorted(set(types))]},
            "title": {"type": "string"},
            "status": {"type": "integer", "enum": [status]},
            "detail": {"type": "string"},
            "errors": {
                "type": "array",
                "description": "The fields refused, each with why.",
                "items": {
                    "type": "object",
                    "required": ["field", "message"],
                    "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                },
            },
        },
        # The problem's own members (RFC 9457 extensions): `retry_after_s`, `client_version`…
        "additionalProperties": {"type": "string"},
    }


def problem(
    status: int,
    types: Iterable[ProblemType],
    note: str = "",
    headers: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One response entry: a problem of `status` carrying one of `types`."""
    kinds = sorted(set(types))
    words = " ".join(part for part in (_MEANING.get(status, ""), note) if part)
    listed = ", ".join(f"`{kind}`" for kind in kinds)
    entry: dict[str, Any] = {
        "description": f"{words} Problem types: {listed}.".strip(),
        "content": {"application/problem+json": {"schema": problem_schema(status, kinds)}},
    }
    all_headers = {**_HEADERS.get(status, {}), **(headers or {})}
    if all_headers:
        entry["headers"] = all_headers
    return entry


def answers(
    refusals: Mapping[int, Iterable[ProblemType]] | None = None,
    *,
    signed_in: bool = True,
    admitted: bool = True,
    keyed: int | None = None,
    body: bool = False,
    notes: Mapping[int, str] | None = None,
    success: Mapping[int, dict[str, Any]] | None = None,
) -> Responses:
    """A route's `responses=`: its own `refusals` (status: problem types) and what every route
    answers; `signed_in`: it needs a bearer token (401); `admitted`: it passes admission and
    reads the database (503); `keyed`: its success status, for a route that takes an
    Idempotency-Key (400 without one; 409 reused; its answers given again marked
    Idempotency-Replayed); `body`: it reads a JSON body (400 when the body cannot be read as
    text: not UTF-8); `success`: entries merged into FastAPI's own for 2xx statuses."""
    parts: list[Mapping[int, Iterable[ProblemType]]] = [_EVERYWHERE, refusals or {}]
    if admitted:
        parts.append(_ADMITTED)
    if signed_in:
        parts.append(_SIGNED_IN)
    if keyed is not None:
        parts.append(_KEYED)
    if body or keyed is not None:  # every keyed route reads a body
        parts.append(_BODY)
    table = merged(*parts)
    said = notes or {}
    out: Responses = {}
    for status in sorted(table):
        replay = _REPLAYED if keyed is not None and status in _STORED else None
        out[status] = problem(status, table[status], said.get(status, ""), replay)
    for status, entry in (success or {}).items():
        out[status] = dict(entry)
    if keyed is not None:
        entry = out.setdefault(keyed, {})
        entry["headers"] = {**entry.get("headers", {}), **_REPLAYED}
    return out


def header(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    """A required request header, as `openapi_extra` adds it to an operation's parameters."""
    return {
        "name": name,
        "in": "header",
        "required": True,
        "description": description,
        "schema": schema,
    }


# Every creating POST: `openapi_extra=IDEMPOTENT` (the route reads the header itself).
IDEMPOTENT: dict[str, Any] = {
    "parameters": [
        header(
            "Idempotency-Key",
            "The request's own key (the counter's outbox entry id): sent again after a lost "
            "answer, the same key and body get the first answer back. A key belongs to the "
            "staff member who sent it.",
            {"type": "string", "minLength": 1, "maxLength": MAX_KEY, "pattern": "[^ \t]"},
        )
    ]
}

# PATCH of a versioned row: the version the editor saw (the ETag of its GET).
IF_MATCH: dict[str, Any] = {
    "parameters": [
        header(
            "If-Match",
            "The version edited (the ETag of the GET), quoted or not; another than the "
            "current one is 409 `stale-version`.",
            {"type": "string", "pattern": '^[" W/]*[0-9]{1,18}[" W/]*$'},
        )
    ]
}

ETAG = {
    "ETag": {
        "description": "The row's version, for If-Match.",
        "required": True,
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    }
}
