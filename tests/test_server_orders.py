"""Service orders at the province, on SQLite and PostgreSQL: each rule refused with its
problem, number holds raced by two counters, the approval queue, fees paid to completion,
and the effects in the change feed."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import requests

from province_api.embedded import EmbeddedServer
from tests.support.servers import password_of
from tests.test_server_api import API, assert_problem
from tests.test_server_payments import post


def sign_in(server: EmbeddedServer, staff_no: str, hall: str, counter: str) -> str:
    answer = requests.post(
        f"{server.url}{API}/auth/login",
        json={
            "staff_no": staff_no,
            "password": password_of(staff_no),
            "hall_code": hall,
            "counter_id": counter,
        },
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"])


def get(server: EmbeddedServer, tok: str, path: str, **params: Any) -> requests.Response:
    return requests.get(
        f"{server.url}{API}{path}",
        params=params,
        headers={"Authorization": f"Bearer {tok}"},
        timeout=30,
    )


def feed(server: EmbeddedServer, tok: str) -> dict[str, dict[str, dict]]:
    out: dict[str, dict[str, dict]] = {}
    since = 0
    while True:
        page = get(server, tok, "/sync/changes", since=since, limit=10000).json()
        for c in page["changes"]:
            out.setdefault(c["entity"], {})[c["id"]] = c["data"]
        since = page["next_since"]
        if not page["has_more"]:
            return out


def a_customer_who_may_have_a_line(data: dict[str, dict[str, dict]]) -> tuple[dict, dict]:
    """An individual adult with fewer than 4 lines, no unpaid bills, a prepaid account."""
    today = date.today().isoformat()
    owing = {b["account_id"] for b in data["bill"].values() if b["status"] != "paid"}
    late = {
        b["account_id"]
        for b in data["bill"].values()
        if b["status"] != "paid" and b["due_date"] < today
    }
    lines: dict[str, list[dict]] = {}
    for s in data["subscription"].values():
        lines.setdefault(s["customer_id"], []).append(s)
    for account in data["account"].values():
        c = data["customer"][account["customer_id"]]
        held = [s for s in lines.get(c["id"], []) if s["status"] != "cancelled"]
        if (
            c["customer_type"] == "individual"
            and account["kind"] == "prepaid"
            and account["id"] not in owing | late
            and 0 < len(held) < 4
            and all(s["account_id"] == account["id"] for s in held)
            and not any(data["account"][s["account_id"]]["id"] in owing for s in held)
        ):
            return c, account
    raise AssertionError("no customer fits")


def free_stock(data: dict[str, dict[str, dict]], hall_id: str) -> tuple[dict, dict]:
    number = next(
        n
        for n in data["number"].values()
        if n["hall_id"] == hall_id and n["status"] == "available" and n["level"] == "normal"
    )
    sim = next(
        s for s in data["sim"].values() if s["hall_id"] == hall_id and s["status"] == "available"
    )
    return number, sim


def a_shift(server: EmbeddedServer, tok: str, staff_no: str) -> str:
    """This clerk's open shift: a new one, or the one another test left open (PostgreSQL's
    seeded province is shared by the session)."""
    answer = post(
        server,
        tok,
        "/shifts",
        {
            "id": str(uuid.uuid4()),
            "opening_float_fen": 10000,
            "float_denominations": {"10000": 1},
            "opened_at": datetime.now(UTC).isoformat(),
        },
        key=str(uuid.uuid4()),
    )
    if answer.status_code == 201:
        return str(answer.json()["id"])
    assert answer.status_code == 409, answer.text
    data = feed(server, tok)
    staff_id = next(s["id"] for s in data["staff"].values() if s["staff_no"] == staff_no)
    return next(
        s["id"]
        for s in data["shift"].values()
        if s["staff_id"] == staff_id and s["status"] == "open"
    )


def offering(data: dict[str, dict[str, dict]], code: str) -> dict:
    return next(o for o in data["offering"].values() if o["code"] == code)


def order_body(
    kind: str,
    customer_id: str,
    subscription_id: str | None,
    items: dict,
    fees: list[dict] = (),
    deposit: int = 0,
) -> dict:  # type: ignore[assignment]
    return {
        "id": str(uuid.uuid4()),
        "order_no": f"O{uuid.uuid4().hex[:12].upper()}",
        "type": kind,
        "customer_id": customer_id,
        "subscription_id": subscription_id,
        "items": items,
        "fees": list(fees),
        "deposit_fen": deposit,
        "created_at": datetime.now(UTC).isoformat(),
    }


def fee(data: dict, code: str) -> dict:
    o = offering(data, code)
    return {
        "code": code,
        "name": o["name"],
        "amount_fen": o["price_fen"],
        "waived_fen": 0,
        "waiver_reason": "",
    }


def test_a_new_line_from_a_held_number_runs_to_completed_when_its_fees_are_paid(
    province: EmbeddedServer,
) -> None:
    tok = sign_in(province, "H003-C01", "H003", "C01")
    other = sign_in(province, "H003-C02", "H003", "C02")
    data = feed(province, tok)
    hall_id = next(h for h in data["staff"].values() if h["staff_no"] == "H003-C01")["hall_id"]
    who, account = a_customer_who_may_have_a_line(data)
    number, sim = free_stock(data, hall_id)

    # Two counters race for one number: one wins, the other is told at once.
    held = post(province, tok, f"/resources/numbers/{number['msisdn']}/reserve", {})
    assert held.status_code == 200 and held.json()["held_by"] == "C01", held.text
    lost = assert_problem(
        post(province, other, f"/resources/numbers/{number['msisdn']}/reserve", {}), 409
    )
    assert lost["type"].endswith("/number-taken")
    listed = get(province, other, "/resources/numbers", ends_with=number["msisdn"][-4:]).json()
    assert number["msisdn"] not in {n["msisdn"] for n in listed}

    plan = offering(data, "PLAN-39")
    items = {
        "msisdn": number["msisdn"],
        "iccid": sim["iccid"],
        "plan_id": plan["id"],
        "addon_ids": [],
        "account_id": account["id"],
    }
    line_id = str(uuid.uuid4())
    fees = [fee(data, "FEE-SIMCARD"), fee(data, "FEE-NUMSEL")]
    # The other counter cannot take the held number in an order either.
    taken = post(
        province,
        other,
        "/product-orders",
        order_body("new_line", who["id"], line_id, items, fees),
        str(uuid.uuid4()),
    )
    assert assert_problem(taken, 409)["type"].endswith("/number-taken")
    cheap = post(
        province,
        tok,
        "/product-orders",
        order_body("new_line", who["id"], line_id, items, fees[:1]),
        str(uuid.uuid4()),
    )
    assert assert_problem(cheap, 422)["type"].endswith("/fees-mismatch")

    body = order_body("new_line", who["id"], line_id, items, fees)
    made = post(province, tok, "/product-orders", body, str(uuid.uuid4()))
    assert made.status_code == 201, made.text
    order = made.json()
    assert order["state"] == "acknowledged" and order["due_fen"] == 6000

    shift_id = a_shift(province, tok, "H003-C01")
    payment = {
        "id": str(uuid.uuid4()),
        "receipt_no": f"H0-T-{uuid.uuid4().int % 10**10:010d}",
        "kind": "order_fee",
        "account_id": account["id"],
        "subscription_id": None,
        "amount_fen": 6000,
        "method": "cash",
        "tendered_fen": 10000,
        "order_id": order["id"],
        "created_at": datetime.now(UTC).isoformat(),
        "shift_id": shift_id,
    }
    short = post(province, tok, "/payments", {**payment, "amount_fen": 5000}, str(uuid.uuid4()))
    assert assert_problem(short, 422)["type"].endswith("/fees-mismatch")
    paid = post(province, tok, "/payments", payment, str(uuid.uuid4()))
    assert paid.status_code == 201, paid.text
    done = get(province, tok, f"/product-orders/{order['id']}").json()
    assert done["state"] == "completed" and done["payment_id"] == payment["id"]
    assert "undo" not in done

    # Every counter of the hall sees the effects in the feed.
    after = feed(province, other)
    assert after["subscription"][line_id]["msisdn"] == number["msisdn"]
    assert after["subscription"][line_id]["status"] == "active"
    assert after["number"][number["id"]]["status"] == "assigned"
    assert after["sim"][sim["id"]]["status"] == "assigned"
    assert after["product_order"][order["id"]]["state"] == "completed"
    assert after["policy"]  # the rules' values, the same at both ends


def test_line_changes_and_the_approval_queue(province: EmbeddedServer) -> None:
    tok = sign_in(province, "H002-C01", "H002", "C01")
    boss = sign_in(province, "H002-S01", "H002", "C09")
    stranger = sign_in(province, "H001-S01", "H001", "C01")
    data = feed(province, tok)
    who, _ = a_customer_who_may_have_a_line(data)
    line = next(
        s
        for s in data["subscription"].values()
        if s["customer_id"] == who["id"] and s["status"] == "active"
    )

    suspend = post(
        province,
        tok,
        "/product-orders",
        order_body("suspend", who["id"], line["id"], {}),
        str(uuid.uuid4()),
    )
    assert suspend.status_code == 201 and suspend.json()["state"] == "completed", suspend.text
    again = post(
        province,
        tok,
        "/product-orders",
        order_body("suspend", who["id"], line["id"], {}),
        str(uuid.uuid4()),
    )
    assert assert_problem(again, 422)["type"].endswith("/line-state")
    resume = post(
        province,
        tok,
        "/product-orders",
        order_body("resume", who["id"], line["id"], {}),
        str(uuid.uuid4()),
    )
    assert resume.json()["state"] == "completed"
    assert feed(province, tok)["subscription"][line["id"]]["status"] == "active"

    # A cancellation waits for a supervisor of the hall.
    cancel = post(
        province,
        tok,
        "/product-orders",
        order_body("cancel", who["id"], line["id"], {}),
        str(uuid.uuid4()),
    )
    assert cancel.status_code == 201 and cancel.json()["state"] == "pendingApproval", cancel.text
    order_id = cancel.json()["id"]
    queue = get(province, boss, "/product-orders", state="pendingApproval").json()
    assert order_id in {o["id"] for o in queue}
    assert order_id not in {
        o["id"] for o in get(province, stranger, "/product-orders", state="pendingApproval").json()
    }
    assert_problem(
        post(
            province,
            stranger,
            f"/product-orders/{order_id}/approval",
            {"decision": "approve", "reason": ""},
        ),
        404,
    )
    assert_problem(
        post(
            province,
            tok,
            f"/product-orders/{order_id}/approval",
            {"decision": "approve", "reason": ""},
        ),
        403,
    )
    assert_problem(
        post(
            province,
            boss,
            f"/product-orders/{order_id}/approval",
            {"decision": "reject", "reason": " "},
        ),
        422,
    )
    rejected = post(
        province,
        boss,
        f"/product-orders/{order_id}/approval",
        {"decision": "reject", "reason": "客户改变主意"},
    )
    assert rejected.status_code == 200 and rejected.json()["state"] == "rejected"
    assert rejected.json()["decision_reason"] == "客户改变主意"
    assert_problem(
        post(
            province,
            boss,
            f"/product-orders/{order_id}/approval",
            {"decision": "approve", "reason": ""},
        ),
        409,
    )

    a_shift(province, tok, "H002-C01")  # the line's balance is paid out of it
    second = post(
        province,
        tok,
        "/product-orders",
        order_body("cancel", who["id"], line["id"], {}),
        str(uuid.uuid4()),
    )
    approved = post(
        province,
        boss,
        f"/product-orders/{second.json()['id']}/approval",
        {"decision": "approve", "reason": ""},
    )
    assert approved.json()["state"] == "completed", approved.text
    assert feed(province, tok)["subscription"][line["id"]]["status"] == "cancelled"
    refund_id = approved.json()["payment_id"]
    if refund_id:  # the balance went out in cash, booked as a refund of the clerk's shift
        refund = get(province, tok, f"/payments/{refund_id}").json()
        assert refund["kind"] == "refund" and refund["amount_fen"] < 0
        assert refund["method"] == "cash" and refund["created_at"].endswith("+00:00")
        void = post(
            province,
            boss,
            f"/payments/{refund_id}/void",
            {
                "id": str(uuid.uuid4()),
                "receipt_no": "H0-X-1",
                "reason": "x",
                "created_at": datetime.now(UTC).isoformat(),
                "shift_id": refund["shift_id"],
                "approval": {"method": "online", "id": str(uuid.uuid4()), "token": "x"},
            },
            str(uuid.uuid4()),
        )
        assert assert_problem(void, 409)["type"].endswith("order-state")  # never voided
    forged = post(
        province,
        tok,
        "/payments",
        {
            "id": str(uuid.uuid4()),
            "receipt_no": f"H002-C01-{uuid.uuid4().int % 10**6:06d}",
            "kind": "refund",
            "account_id": line["account_id"],
            "amount_fen": 100,
            "method": "cash",
            "tendered_fen": 100,
            "created_at": datetime.now(UTC).isoformat(),
            "shift_id": a_shift(province, tok, "H002-C01"),
        },
        str(uuid.uuid4()),
    )
    assert assert_problem(forged, 422)["errors"][0]["field"] == "kind"


def test_a_line_with_unpaid_bills_is_not_cancelled(province: EmbeddedServer) -> None:
    tok = sign_in(province, "H001-C02", "H001", "C02")
    data = feed(province, tok)
    owing = {b["account_id"] for b in data["bill"].values() if b["status"] != "paid"}
    line = next(
        s
        for s in data["subscription"].values()
        if s["account_id"] in owing and s["status"] == "active"
    )
    refused = post(
        province,
        tok,
        "/product-orders",
        order_body("cancel", line["customer_id"], line["id"], {}),
        str(uuid.uuid4()),
    )
    body = assert_problem(refused, 422)
    assert (
        body["type"].endswith("/unpaid-bills") and body["errors"][0]["field"] == "subscription_id"
    )


def test_a_line_beyond_the_provinces_limit_for_one_id_is_refused(province: EmbeddedServer) -> None:
    """一证五号, with the limit the province's policy sets (lowered here to the lines the
    customer has, so the next one is one too many), then an ineligible plan."""
    from sqlalchemy.orm import Session

    from counter_app.domain.policy import Policy
    from province_api import policy

    tok = sign_in(province, "H001-C01", "H001", "C05")
    data = feed(province, tok)
    hall_id = next(s for s in data["staff"].values() if s["staff_no"] == "H001-C01")["hall_id"]
    who, account = a_customer_who_may_have_a_line(data)
    held = sum(
        1
        for s in data["subscription"].values()
        if s["customer_id"] == who["id"] and s["status"] != "cancelled"
    )
    number, sim = free_stock(data, hall_id)
    items = {
        "msisdn": number["msisdn"],
        "iccid": sim["iccid"],
        "plan_id": offering(data, "PLAN-39")["id"],
        "addon_ids": [],
        "account_id": account["id"],
    }
    fees = [fee(data, "FEE-SIMCARD"), fee(data, "FEE-NUMSEL")]
    with Session(province.app.state.engine) as db:
        policy.put(db, Policy(max_lines_per_id=held))
        db.commit()
    try:
        body = order_body("new_line", who["id"], str(uuid.uuid4()), items, fees)
        refused = assert_problem(
            post(province, tok, "/product-orders", body, str(uuid.uuid4())), 422
        )
        assert refused["type"].endswith("/line-limit")
        assert refused["errors"][0]["field"] == "customer_id"
    finally:
        with Session(province.app.state.engine) as db:
            policy.put(db, Policy())
            db.commit()
    # A postpaid-only plan on a prepaid account: not eligible.
    body = order_body(
        "new_line",
        who["id"],
        str(uuid.uuid4()),
        {**items, "plan_id": offering(data, "PLAN-129")["id"]},
        fees,
    )
    refused = assert_problem(post(province, tok, "/product-orders", body, str(uuid.uuid4())), 422)
    assert refused["type"].endswith("/not-eligible") and refused["errors"][0]["field"] == "plan_id"
    # Nothing was held by the refusals: the number is still free for another counter.
    other = sign_in(province, "H001-C02", "H001", "C06")
    assert (
        post(province, other, f"/resources/numbers/{number['msisdn']}/reserve", {}).status_code
        == 200
    )
    assert (
        post(province, other, f"/resources/numbers/{number['msisdn']}/release", {}).status_code
        == 200
    )
