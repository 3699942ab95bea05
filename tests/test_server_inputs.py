"""Whatever a client sends, the province answers a 4xx problem naming the field, never a 500:
extreme numbers, any Unicode, times far off or without their offset, numbers out of their
format, bodies too large (refused before they are read). And a row that cannot be served is
left out of the feed, not the feed of its hall failed."""

from __future__ import annotations

import importlib
import json
import pkgutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, get_args, get_origin

import requests
from fastapi import APIRouter
from fastapi.routing import APIRoute
from pydantic import AfterValidator, AwareDatetime, BaseModel, FutureDatetime, PastDatetime

from counter_app.domain.api_versions import API_VERSION_HEADER
from province_api import routes, types
from province_api.embedded import EmbeddedServer
from tests.test_server_api import API, assert_problem, token

HOSTILE_TEXT = [
    "\ud800",  # a lone surrogate (sent as the JSON escape)
    "\udfff\ud800",
    "\U0010ffff",  # the last code point: a non-character
    "\ufffe",
    "\ufdd0",
    "\x01",
    "a\x7fb",
    "\u0085",
    "\u202eH001-C01-000001",  # right-to-left override
    "a\u2066b",
    "\x00",
    "é" * 5000,
    "",
    " ",
]
HOSTILE_NUMBERS: list[Any] = [2**63, -(2**63) - 1, 10**30, -1, 1.5, 1e308, True, "1"]
HOSTILE_SHAPES: list[Any] = [None, [], {}, [["x"]], {"a": {"b": 1}}]
HOSTILE = HOSTILE_TEXT + HOSTILE_NUMBERS + HOSTILE_SHAPES


def auth(tok: str, **more: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {tok}", "Idempotency-Key": str(uuid.uuid4()), **more}


def post(server: EmbeddedServer, tok: str, path: str, body: Any, **headers: str) -> Any:
    return requests.post(
        f"{server.url}{API}{path}", json=body, headers=auth(tok, **headers), timeout=30
    )


def receipt(hall: str = "H001") -> str:
    """A receipt number of a counter no one signs in as (PostgreSQL's data is shared)."""
    return f"{hall}-INPUTS-{uuid.uuid4().int % 10**9:09d}"


def now(delta: timedelta = timedelta()) -> str:
    return (datetime.now(UTC) + delta).isoformat()


def assert_4xx(answer: Any, what: object) -> dict:
    assert 400 <= answer.status_code < 500, (what, answer.status_code, answer.text[:300])
    assert answer.headers["content-type"].startswith("application/problem+json"), what
    problem = answer.json()
    if answer.status_code == 422:
        assert problem["errors"] and problem["errors"][0]["field"], (what, problem)
    return problem


# -- the three 500s --------------------------------------------------------------------------
def test_search_and_lists_take_any_query(province: EmbeddedServer) -> None:
    tok = token(province, "H001-C01", "H001")
    headers = {"Authorization": f"Bearer {tok}"}

    def get(path: str) -> requests.Response:
        return requests.get(f"{province.url}{API}{path}", headers=headers, timeout=30)

    for path, field in (
        ("/customers?q=%F4%8F%BF%BF", "q"),  # U+10FFFF
        ("/customers?q=%EF%BF%BE", "q"),  # U+FFFE
        ("/customers?q=a%01", "q"),
        ("/customers?q=%E2%80%AEa", "q"),
        ("/customers?phone=138%C2%85", "phone"),
        ("/customers?q=a&offset=9223372036854775808", "offset"),
        ("/customers?q=a&offset=1e20", "offset"),
        ("/customers?q=a&offset=-1", "offset"),
        ("/customers?q=a&offset=10000001", "offset"),
        ("/customers?q=a&limit=99999999999999999999", "limit"),
        ("/sync/changes?since=9223372036854775808", "since"),
        ("/sync/changes?limit=-1", "limit"),
        ("/product-orders?limit=9223372036854775808", "limit"),
        ("/resources/numbers?limit=1e20", "limit"),
        ("/bills?account_id=%F4%8F%BF%BF", "account_id"),
    ):
        problem = assert_problem(get(path), 422)
        assert problem["errors"][0]["field"] == field, (path, problem)
    # Characters that are fine, at the edges of what is: answered, not refused.
    for q in ("%ED%9F%BF", "%F4%8F%BF%BD", "%EF%BF%BD", "%ED%A0%80"):  # U+D7FF, U+10FFFD…
        assert get(f"/customers?q={q}").status_code == 200, q
    assert get("/customers?q=a&offset=10000000").status_code == 200
    for method, path in (
        ("GET", "/customers/%F4%8F%BF%BF"),
        ("GET", "/payments/%00"),
        ("GET", "/shifts/%ED%A0%80"),
        ("POST", "/resources/numbers/%ED%A0%80/reserve"),
        ("POST", "/resources/numbers/1%E2%80%AE/release"),
        ("POST", f"/resources/numbers/{'9' * 5000}/reserve"),
    ):
        answer = requests.request(method, f"{province.url}{API}{path}", headers=headers)
        assert_4xx(answer, path)
    # Header digits int() cannot read ("²" is a digit to str.isdigit).
    patch = requests.patch(
        f"{province.url}{API}/customers/{uuid.uuid4()}",
        json={"address": "x"},
        headers={**headers, "If-Match": "\u00b2"},
        timeout=10,
    )
    assert_problem(patch, 400)
    shift = {"id": str(uuid.uuid4()), "opening_float_fen": 1, "opened_at": now()}
    assert_problem(post(province, tok, "/shifts", shift, **{API_VERSION_HEADER: "\u00b2"}), 400)


def _payment(account_id: str, shift_id: str | None = None) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "receipt_no": receipt(),
        "kind": "topup",
        "account_id": account_id,
        "subscription_id": str(uuid.uuid4()),
        "amount_fen": 5000,
        "method": "cash",
        "tendered_fen": 5000,
        "created_at": now(),
        "shift_id": shift_id or str(uuid.uuid4()),  # no such shift: nothing is booked
    }


def _bodies() -> list[tuple[str, str, dict[str, Any], str]]:
    """(method, path, a body refused only after its input is read, its time's field)."""
    order = {
        "id": str(uuid.uuid4()),
        "order_no": f"O{uuid.uuid4().hex[:12].upper()}",
        "type": "new_line",
        "customer_id": str(uuid.uuid4()),  # no such customer
        "subscription_id": None,
        "items": {"msisdn": "13800000000", "addon_ids": ["a"]},
        "fees": [{"code": "SIM", "name": "SIM", "amount_fen": 100}],
        "deposit_fen": 0,
        "created_at": now(),
    }
    close = {
        "closed_at": now(),
        "counted_denominations": {"100": 1},
        "counted_fen": 100,
        "expected_fen": 100,
        "note": "",
    }
    void = {
        "id": str(uuid.uuid4()),
        "receipt_no": receipt(),
        "reason": "test",
        "created_at": now(),
        "shift_id": str(uuid.uuid4()),
    }
    shift = {  # the float does not add up: never opened
        "id": str(uuid.uuid4()),
        "opening_float_fen": 1,
        "float_denominations": {"10000": 1},
        "opened_at": now(),
    }
    return [
        ("POST", "/payments", _payment(str(uuid.uuid4())), "created_at"),
        ("POST", f"/payments/{uuid.uuid4()}/void", void, "created_at"),
        ("POST", "/shifts", shift, "opened_at"),
        ("POST", f"/shifts/{uuid.uuid4()}/close", close, "closed_at"),
        ("POST", "/product-orders", order, "created_at"),
    ]


def test_hostile_values_in_every_body_are_4xx(province: EmbeddedServer) -> None:
    tok = token(province, "H003-S01", "H003")
    registration = {
        "id": str(uuid.uuid4()),
        "name": "张三",
        "id_number": "110101199003070000",  # a wrong check digit: never registered
        "contact_phone": "13800000000",
        "address": "x",
    }
    bodies = [(m, p, b) for m, p, b, _ in _bodies()] + [
        ("POST", "/customers", registration),
        ("PATCH", f"/customers/{uuid.uuid4()}", {"address": "x", "name": "李四"}),
        ("POST", f"/product-orders/{uuid.uuid4()}/approval", {"decision": "reject"}),
    ]
    for method, path, body in bodies:
        for name in body:
            for value in HOSTILE:
                answer = requests.request(
                    method,
                    f"{province.url}{API}{path}",
                    json={**body, name: value},
                    headers=auth(tok, **{"If-Match": "999999"}),
                    timeout=30,
                )
                assert_4xx(answer, (path, name, value))
    order = bodies[4][2]
    for value in HOSTILE:
        answer = post(province, tok, "/product-orders", {**order, "items": {"msisdn": value}})
        assert_4xx(answer, value)
    for key in ("\ud800", "A", "x" * 40, "a-b", ""):
        answer = post(province, tok, "/product-orders", {**order, "items": {key: "x"}})
        assert_4xx(answer, key)


def test_what_no_database_stores_is_refused_with_its_field(province: EmbeddedServer) -> None:
    tok = token(province, "H003-S01", "H003")
    body = _payment(str(uuid.uuid4()))
    for raw, field in (
        (json.dumps({**body, "card_ref": "\ud800"}), "card_ref"),
        (json.dumps({**body, "card_ref": "\ud800"}, ensure_ascii=False), "card_ref"),
        (json.dumps(body)[:-1] + ', "x": NaN}', "x"),
        (json.dumps(body)[:-1] + ', "x": -Infinity}', "x"),
        (json.dumps({**body, "bill_ids": ["a\u0000"]}), "bill_ids.0"),
    ):
        answer = requests.post(
            f"{province.url}{API}/payments",
            data=raw.encode("utf-8", "surrogatepass"),
            headers={**auth(tok), "Content-Type": "application/json"},
            timeout=10,
        )
        assert assert_problem(answer, 422)["errors"][0]["field"] == field, raw[-40:]
    # Before any password is hashed (UTF-8 has no surrogates): refused, not a sign-in try.
    login = {"staff_no": "H003-C01", "password": "\ud800", "hall_code": "H003", "counter_id": "C1"}
    answer = requests.post(f"{province.url}{API}/auth/login", json=login, timeout=10)
    assert assert_problem(answer, 422)["errors"][0]["field"] == "password"
    for raw in (b'{"a": 1e999999}', b"[" * 100_000, b'{"a": 1' + b"0" * 5000 + b"}", b"\xff"):
        answer = requests.post(
            f"{province.url}{API}/payments",
            data=raw,
            headers={**auth(tok), "Content-Type": "application/json"},
            timeout=10,
        )
        assert_4xx(answer, raw[:20])


# -- times -----------------------------------------------------------------------------------
FAR_TIMES = [
    "9999-12-31T23:59:59-14:00",  # year 10000 in UTC
    "0001-01-01T00:00:00+14:00",  # year 0 in UTC
    "9999-12-31T23:59:59",  # no offset (API 1 reads it on the halls' clock): far off
    "0001-01-01T00:00:00",
    "2000-01-01T00:00:00+08:00",
]


def test_a_time_far_from_the_clock_or_without_offset_is_refused(
    province: EmbeddedServer,
) -> None:
    tok = token(province, "H003-S01", "H003")
    day = timedelta(days=1)
    window = 30  # Policy.client_date_window_days of the seeded province
    for method, path, body, field in _bodies():
        for when, version in (
            *((t, None) for t in FAR_TIMES),
            *((t, "2") for t in FAR_TIMES),
            (now(-(window + 1) * day), "2"),
            (now((window + 1) * day), "2"),
            (now().removesuffix("+00:00"), "2"),  # API 2: the offset is required
            (datetime.now(UTC).date().isoformat(), "2"),  # a date alone
            (int(time.time()), "2"),  # seconds since 1970
            (f"{int(time.time())}", "2"),
            ("yesterday", None),
        ):
            extra = {API_VERSION_HEADER: version} if version else {}
            answer = requests.request(
                method,
                f"{province.url}{API}{path}",
                json={**body, field: when},
                headers=auth(tok, **extra),
                timeout=30,
            )
            problem = assert_problem(answer, 422)
            assert problem["errors"][0]["field"] == field, (path, when, problem)
        for when in (now(-(window - 1) * day), now((window - 1) * day), now()):
            answer = requests.request(
                method,
                f"{province.url}{API}{path}",
                json={**body, field: when},
                headers=auth(tok, **{API_VERSION_HEADER: "2"}),
                timeout=30,
            )
            fields = [e["field"] for e in answer.json().get("errors", [])]
            assert answer.status_code < 500 and field not in fields, (path, when, answer.text)


def _times_not_client_time(annotation: Any, meta: tuple = (), where: str = "") -> list[str]:
    """Fields under `annotation` that hold a datetime without the ClientTime validator."""
    if get_origin(annotation) is Annotated:
        inner, *more = get_args(annotation)
        return _times_not_client_time(inner, (*meta, *more), where)
    if annotation in (datetime, AwareDatetime, PastDatetime, FutureDatetime):
        checked = any(isinstance(m, AfterValidator) and m.func is types._an_instant for m in meta)
        return [] if checked else [where]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [
            bad
            for name, info in annotation.model_fields.items()
            for bad in _times_not_client_time(
                info.annotation, tuple(info.metadata), f"{annotation.__name__}.{name}"
            )
        ]
    return [bad for arg in get_args(annotation) for bad in _times_not_client_time(arg, (), where)]


def test_every_time_a_client_sends_is_a_client_time() -> None:
    """Each route's body: a datetime in it is `types.ClientTime` (read with `client_time`)."""
    modules = [
        importlib.import_module(f"province_api.routes.{m.name}")
        for m in pkgutil.iter_modules(routes.__path__)
    ]
    bodies = [
        route
        for module in modules
        for route in getattr(module, "router", APIRouter()).routes
        if isinstance(route, APIRoute) and route.body_field is not None
    ]
    assert len(bodies) >= 10  # (the walk finds the routes)
    loose = [
        f"{route.path}: {field}"
        for route in bodies
        for field in _times_not_client_time(route.body_field.field_info.annotation)
    ]
    assert not loose, loose


@contextmanager
def a_shift(server: EmbeddedServer, tok: str) -> Iterator[str]:
    """A shift of the clerk's, closed again afterwards (PostgreSQL's data is shared)."""
    shift_id = str(uuid.uuid4())
    body = {
        "id": shift_id,
        "opening_float_fen": 10000,
        "float_denominations": {"10000": 1},
        "opened_at": now(),
    }
    assert post(server, tok, "/shifts", body).status_code == 201
    try:
        yield shift_id
    finally:
        close_shift(server, tok, shift_id)


def close_shift(server: EmbeddedServer, tok: str, shift_id: str) -> None:
    """Close a shift with the drawer as the province expects it."""
    state = requests.get(
        f"{server.url}{API}/shifts/{shift_id}", headers=auth(tok), timeout=10
    ).json()
    expected = state["expected_fen_now"]
    counted = expected - expected % 10  # a drawer holds no coin under 1 jiao
    close = {
        "closed_at": now(),
        "counted_denominations": {"10": counted // 10},
        "counted_fen": counted,
        "expected_fen": expected,
    }
    closed = post(server, tok, f"/shifts/{shift_id}/close", close)
    assert closed.status_code == 200, closed.text


def test_a_payment_dated_past_year_9999_is_refused(province: EmbeddedServer) -> None:
    tok = token(province, "H003-S01", "H003")
    feed = requests.get(
        f"{province.url}{API}/sync/changes", params={"limit": 10000}, headers=auth(tok)
    ).json()
    sub = next(
        c["data"]
        for c in feed["changes"]
        if c["entity"] == "subscription" and c["data"]["status"] == "active"
    )
    with a_shift(province, tok) as shift_id:
        body = {
            **_payment(sub["account_id"], shift_id),
            "subscription_id": sub["id"],
            "receipt_no": receipt("H003"),
        }
        for when in ("9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00"):
            for version in (None, "2"):
                extra = {API_VERSION_HEADER: version} if version else {}
                answer = post(province, tok, "/payments", {**body, "created_at": when}, **extra)
                assert assert_problem(answer, 422)["errors"][0]["field"] == "created_at"
        booked = post(province, tok, "/payments", body)  # the same, dated now
        assert booked.status_code == 201, booked.text
    after = requests.get(
        f"{province.url}{API}/sync/changes", params={"limit": 10000}, headers=auth(tok)
    )
    assert after.status_code == 200 and after.json()["skipped"] == 0


# -- formats ---------------------------------------------------------------------------------
def test_receipt_and_order_numbers_keep_their_format(province: EmbeddedServer) -> None:
    tok = token(province, "H003-S01", "H003")
    payment, void, order = _bodies()[0][2], _bodies()[1][2], _bodies()[4][2]
    for bad in (
        "H001-C01-000001\u202e",
        "\u202eH001-C01-000001",
        "H001-C01-0000\u202e01",
        "H001-C01-\u0661\u0662",  # Arabic-Indic digits
        "H001-C01-",
        "H001-000001",
        "T-123",
        "H001-C01-000001\n",
        "H001 -C01-000001",
        "H001-C01-0000000000001",
    ):
        for path, body in (("/payments", payment), (f"/payments/{uuid.uuid4()}/void", void)):
            answer = post(province, tok, path, {**body, "receipt_no": bad})
            assert assert_problem(answer, 422)["errors"][0]["field"] == "receipt_no", bad
    for bad in ("O1234567\u202e", "\u202eO1234567", "xO1234567", "O1234567\n", "o1234567"):
        answer = post(province, tok, "/product-orders", {**order, "order_no": bad})
        assert assert_problem(answer, 422)["errors"][0]["field"] == "order_no", bad
    for good in ("H001-C01-000001", "H001-C_1-2-1234567"):
        answer = post(province, tok, "/payments", {**payment, "receipt_no": good})
        assert answer.json()["errors"][0]["field"] == "shift_id"  # past the format


# -- bodies too large ------------------------------------------------------------------------
