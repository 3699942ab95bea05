"""The payment endpoints' contract on SQLite and PostgreSQL: idempotency, approvals, input."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import requests

from province_api.embedded import EmbeddedServer
from tests.support.servers import SUPERVISOR_PASSWORD
from tests.test_server_api import API, assert_problem, token


def post(
    server: EmbeddedServer, tok: str, path: str, body: dict, key: str | None = None
) -> requests.Response:
    headers = {"Authorization": f"Bearer {tok}"}
    if key:
        headers["Idempotency-Key"] = key
    return requests.post(f"{server.url}{API}{path}", json=body, headers=headers, timeout=10)


def open_shift(server: EmbeddedServer, tok: str) -> str:
    shift_id = str(uuid.uuid4())
    answer = post(
        server,
        tok,
        "/shifts",
        {
            "id": shift_id,
            "opening_float_fen": 10000,
            "float_denominations": {"10000": 1},
            "opened_at": datetime.now(UTC).isoformat(),
        },
        key=str(uuid.uuid4()),
    )
    assert answer.status_code == 201, answer.text
    return shift_id


def a_topup(server: EmbeddedServer, tok: str, shift_id: str) -> dict:
    changes = requests.get(
        f"{server.url}{API}/sync/changes",
        params={"limit": 10000},
        headers={"Authorization": f"Bearer {tok}"},
        timeout=30,
    ).json()
    sub = next(
        c["data"]
        for c in changes["changes"]
        if c["entity"] == "subscription" and c["data"]["status"] == "active"
    )
    return {
        "id": str(uuid.uuid4()),
        "receipt_no": f"H0-T-{uuid.uuid4().int % 10**10:010d}",
        "kind": "topup",
        "account_id": sub["account_id"],
        "subscription_id": sub["id"],
        "amount_fen": 5000,
        "method": "cash",
        "tendered_fen": 5000,
        "created_at": datetime.now(UTC).isoformat(),
        "shift_id": shift_id,
    }


def test_idempotency_keys(province: EmbeddedServer) -> None:
    tok = token(province, "H002-C02", "H002")
    shift_id = open_shift(province, tok)
    body = a_topup(province, tok, shift_id)
    key = str(uuid.uuid4())
    first = post(province, tok, "/payments", body, key)
    assert first.status_code == 201, first.text
    again = post(province, tok, "/payments", body, key)
    assert again.status_code == 201 and again.json() == first.json()
    assert again.headers.get("Idempotency-Replayed") == "true"
    assert_problem(post(province, tok, "/payments", {**body, "amount_fen": 6000}, key), 409)
    assert_problem(post(province, tok, "/payments", {**body, "id": str(uuid.uuid4())}), 400)
    # A new key for the same receipt number is a conflict, not a second booking.
    dup = post(province, tok, "/payments", {**body, "id": str(uuid.uuid4())}, str(uuid.uuid4()))
    assert assert_problem(dup, 409)["errors"][0]["field"] == "receipt_no"


def test_void_needs_an_approval(province: EmbeddedServer) -> None:
    tok = token(province, "H003-C02", "H003")
    shift_id = open_shift(province, tok)
    body = a_topup(province, tok, shift_id)
    assert post(province, tok, "/payments", body, str(uuid.uuid4())).status_code == 201
    void = {
        "id": str(uuid.uuid4()),
        "receipt_no": f"H0-V-{uuid.uuid4().int % 10**10:010d}",
        "reason": "test",
        "created_at": datetime.now(UTC).isoformat(),
        "shift_id": shift_id,
    }
    assert_problem(
        post(province, tok, f"/payments/{body['id']}/void", void, str(uuid.uuid4())), 428
    )
    forged = {**void, "approval": {"method": "online", "id": str(uuid.uuid4()), "token": "x"}}
    assert_problem(
        post(province, tok, f"/payments/{body['id']}/void", forged, str(uuid.uuid4())), 428
    )
    refused = post(
        province,
        tok,
        "/auth/approvals",
        {"staff_no": "H003-S01", "password": "nope", "action": "void", "target_id": body["id"]},
    )
    assert_problem(refused, 401)
    other_hall = post(
        province,
        tok,
        "/auth/approvals",
        {
            "staff_no": "H001-S01",
            "password": SUPERVISOR_PASSWORD,
            "action": "void",
            "target_id": body["id"],
        },
    )
    assert_problem(other_hall, 403)
    ok = post(
        province,
        tok,
        "/auth/approvals",
        {
            "staff_no": "H003-S01",
            "password": SUPERVISOR_PASSWORD,
            "action": "void",
            "target_id": body["id"],
        },
    )
    assert ok.status_code == 201
    approval = {"method": "online", "id": ok.json()["id"], "token": ok.json()["token"]}
    done = post(
        province,
        tok,
        f"/payments/{body['id']}/void",
        {**void, "approval": approval},
        str(uuid.uuid4()),
    )
    assert done.status_code == 201, done.text
    assert done.json()["amount_fen"] == -5000 and done.json()["reverses_id"] == body["id"]
    reuse = {**void, "id": str(uuid.uuid4()), "receipt_no": "H0-V-1", "approval": approval}
    assert_problem(
        post(province, tok, f"/payments/{body['id']}/void", reuse, str(uuid.uuid4())), 409
    )  # already voided


def test_bad_payments_are_named(province: EmbeddedServer) -> None:
    tok = token(province, "H001-C02", "H001")
    shift_id = open_shift(province, tok)
    body = a_topup(province, tok, shift_id)
    for change, field in (
        ({"amount_fen": 0}, "amount_fen"),
        ({"amount_fen": 1.5}, "amount_fen"),
        ({"method": "gold"}, "method"),
        ({"tendered_fen": 10}, "tendered_fen"),
        ({"account_id": "nope"}, "account_id"),
        ({"shift_id": "nope"}, "shift_id"),
        ({"method": "qr", "qr_code": "abc"}, "qr_code"),
        ({"extra": 1}, "extra"),
        ({"subscription_id": str(uuid.uuid4())}, "subscription_id"),
        ({"kind": "bill", "subscription_id": str(uuid.uuid4())}, "subscription_id"),
    ):
        answer = post(province, tok, "/payments", {**body, **change}, str(uuid.uuid4()))
        problem = assert_problem(answer, 422)
        assert problem["errors"][0]["field"] == field, (change, problem)
    declined = post(
        province,
        tok,
        "/payments",
        {**body, "method": "qr", "qr_code": "131234567890120000"},
        str(uuid.uuid4()),
    )
    assert_problem(declined, 402)


def test_an_offline_approval_must_prove_the_password(province: EmbeddedServer) -> None:
    from counter_app.domain.passwords import approval_proof, unlock_approval_key

    tok = token(province, "ADMIN", "H001")  # its own clerk: the PostgreSQL data is shared
    shift_id = open_shift(province, tok)
    body = a_topup(province, tok, shift_id)
    assert post(province, tok, "/payments", body, str(uuid.uuid4())).status_code == 201
    changes = requests.get(
        f"{province.url}{API}/sync/changes",
        params={"limit": 10000},
        headers={"Authorization": f"Bearer {tok}"},
        timeout=30,
    ).json()
    supervisor = next(
        c["data"]
        for c in changes["changes"]
        if c["entity"] == "staff" and c["data"]["staff_no"] == "H001-S01"
    )
    assert "approval_key" not in supervisor and supervisor["approval_salt"]

    def void(approval: dict) -> requests.Response:
        return post(
            province,
            tok,
            f"/payments/{body['id']}/void",
            {
                "id": str(uuid.uuid4()),
                "receipt_no": f"H0-V-{uuid.uuid4().int % 10**10:010d}",
                "reason": "offline test",
                "created_at": datetime.now(UTC).isoformat(),
                "shift_id": shift_id,
                "approval": approval,
            },
            str(uuid.uuid4()),
        )

    claim = {"method": "offline", "supervisor_staff_no": "H001-S01"}
    assert_problem(void(claim), 428)  # a name alone approves nothing
    key = unlock_approval_key(SUPERVISOR_PASSWORD, supervisor["offline_verifier"])
    assert key is not None and unlock_approval_key("guess", supervisor["offline_verifier"]) is None
    wrong = approval_proof("00" * 32, "void", body["id"])
    assert_problem(void({**claim, "proof": wrong}), 428)
    other = approval_proof(key, "void", "x")
    assert_problem(void({**claim, "proof": other}), 428)  # proof for something else
    right = approval_proof(key, "void", body["id"])
    assert void({**claim, "proof": right}).status_code == 201
