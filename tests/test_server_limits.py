"""The province keeps serving when a body is too big (413 before it is read) or a stored
row cannot be served (the row is left out of the feed, not the hall's feed)."""

from __future__ import annotations

import json
import select
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import requests
from sqlalchemy import select as sql_select
from sqlalchemy import text
from sqlalchemy.orm import Session

from province_api.body_limit import MAX_BODY
from province_api.embedded import EmbeddedServer
from province_api.models import Hall, Number
from tests.test_server_api import API, assert_problem, token
from tests.test_server_inputs import auth, post


def _answer_within(sock: socket.socket, seconds: float) -> bool:
    return bool(select.select([sock], [], [], seconds)[0])


def _read_answer(sock: socket.socket) -> bytes:
    data = b""
    sock.settimeout(5)
    try:
        while chunk := sock.recv(65536):
            data += chunk
    except (ConnectionResetError, TimeoutError):
        pass
    return data


def test_a_body_over_the_limit_is_refused_before_it_is_read(
    sqlite_province: EmbeddedServer,
) -> None:
    declared = 100 * 2**20
    with socket.create_connection((sqlite_province.host, sqlite_province.port)) as sock:
        sock.sendall(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/json\r\n"
            + f"Content-Length: {declared}\r\n\r\n".encode()
            + b'{"staff_no": "'
        )
        # Nothing more is sent: the answer comes anyway, for the length alone.
        assert _answer_within(sock, 5), "no answer before the body was sent"
        answer = _read_answer(sock)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413"), head
    assert b"application/problem+json" in head.lower()
    assert json.loads(body)["status"] == 413

    # Chunked (no length said): read until it passes the limit, then refused.
    sent = 0
    with socket.create_connection((sqlite_province.host, sqlite_province.port)) as sock:
        sock.sendall(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        chunk = b"x" * 65536
        answered = False
        try:
            while sent < 64 * MAX_BODY and not answered:
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
                answered = _answer_within(sock, 0.01 if sent < 2 * MAX_BODY else 0.2)
        except (BrokenPipeError, ConnectionResetError):
            answered = True
        answer = _read_answer(sock)
    assert answered and sent < 8 * MAX_BODY, sent
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]

    # A body within the limit is read as ever (a registration with its photo).
    tok = token(sqlite_province, "H001-C01", "H001")
    big = {"id": str(uuid.uuid4()), "photo": "A" * 300_000}
    answer = post(sqlite_province, tok, "/customers", big)
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] != "body"
    too_big = requests.post(
        f"{sqlite_province.url}{API}/customers",
        data=b"{" + b" " * MAX_BODY + b"}",
        headers={**auth(tok), "Content-Type": "application/json"},
        timeout=10,
    )
    assert_problem(too_big, 413)


# -- the feed --------------------------------------------------------------------------------
@contextmanager
def _corrupted(
    server: EmbeddedServer, table: str, column: str, row_id: str, raw: str, pg_type: str = ""
) -> Iterator[None]:
    """A row's column set, by SQL, to what the API would never store; put back afterwards."""
    engine = server.app.state.engine
    value = f"CAST(:v AS {pg_type})" if pg_type and engine.dialect.name == "postgresql" else ":v"
    with engine.connect() as conn:
        before = conn.execute(
            text(f"SELECT {column} FROM {table} WHERE id = :id"), {"id": row_id}
        ).scalar()
        conn.execute(
            text(f"UPDATE {table} SET {column} = {value} WHERE id = :id"),
            {"v": raw, "id": row_id},
        )
        conn.commit()
    try:
        yield
    finally:
        with engine.connect() as conn:
            conn.execute(
                text(f"UPDATE {table} SET {column} = :v WHERE id = :id"),
                {"v": before, "id": row_id},
            )
            conn.commit()


def _pages(server: EmbeddedServer, tok: str, **params: Any) -> Iterator[dict]:
    since = 0
    while True:
        answer = requests.get(
            f"{server.url}{API}/sync/changes",
            params={"since": since, "limit": 10000, **params},
            headers=auth(tok),
            timeout=60,
        )
        assert answer.status_code == 200, answer.text[:300]
        page = answer.json()
        yield page
        since = page["next_since"]
        if not page["has_more"]:
            return


def test_a_row_that_cannot_be_served_is_left_out_not_the_feed(
    province: EmbeddedServer, caplog: pytest.LogCaptureFixture
) -> None:
    tok = token(province, "H002-C01", "H002")
    with Session(province.app.state.engine) as db:
        hall = db.scalar(sql_select(Hall.id).where(Hall.code == "H002"))
        numbers = list(db.scalars(sql_select(Number.id).where(Number.hall_id == hall).limit(3)))
    bad = numbers[1]
    seq = {c["id"]: c["seq"] for p in _pages(province, tok) for c in p["changes"]}
    year_10000 = "10000-01-01 13:59:59+00"
    if province.app.state.engine.dialect.name == "sqlite":
        year_10000 = "10000-01-01 13:59:59.000000"
    caplog.set_level("WARNING", logger="province_api.changes")
    with _corrupted(province, "number", "held_until", bad, year_10000, "timestamptz"):
        for params in ({}, {"entity": "number"}):  # a bootstrap, a pull of one entity again
            pages = list(_pages(province, tok, **params))
            served = {c["id"] for p in pages for c in p["changes"]}
            assert bad not in served and {numbers[0], numbers[2]} <= served
            assert sum(p["skipped"] for p in pages) == 1
        # A delta from just before it: the rest of its page is served.
        page = next(_pages(province, tok, since=seq[bad] - 10, limit=50))
        assert page["skipped"] == 1 and len(page["changes"]) == 49
    logged = [r.getMessage() for r in caplog.records if "cannot be served" in r.getMessage()]
    assert logged and all(f"number {bad}" in m for m in logged)
    assert all("10000" not in m for m in logged)  # the entity and id, none of its values
    assert sum(p["skipped"] for p in _pages(province, tok)) == 0  # put back: served again


def test_a_row_whose_json_cannot_be_written_is_left_out(sqlite_province: EmbeddedServer) -> None:
    """NaN in a JSON column (SQLite keeps it; JSON has none): only that row is left out."""
    tok = token(sqlite_province, "H001-C01", "H001")
    with Session(sqlite_province.app.state.engine) as db:
        lines = list(db.scalars(text("SELECT id FROM subscription LIMIT 2")))
    with _corrupted(sqlite_province, "subscription", "addon_ids", lines[0], "[NaN]"):
        pages = list(_pages(sqlite_province, tok))
    served = {c["id"] for p in pages for c in p["changes"]}
    assert lines[0] not in served and lines[1] in served
    assert sum(p["skipped"] for p in pages) == 1
