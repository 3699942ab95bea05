"""Real-name registration and contact edits: each refusal names its field at the province
(SQLite and PostgreSQL) and at the counter; one customer per ID; an edit on a stale
version is refused and the clerk gets both versions to choose from."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from counter_app import customers, registration
from counter_app.api_client import ApiError
from counter_app.devices.id_reader import NoCard, SimulatedIdReader
from counter_app.domain import registration as rules
from counter_app.domain.validators import ValidationError
from counter_app.session import CounterSession
from counter_app.sync.engine import SyncEngine
from local_cache.db import Cache
from province_api.embedded import EmbeddedServer
from province_api.models import Customer
from tests.test_orders_flow import signed_in
from tests.test_payments_flow import server
from tests.test_server_api import assert_problem
from tests.test_server_orders import get, sign_in
from tests.test_server_payments import post

CREDIT_CODE = "91110000600037341L"  # a valid unified social credit code


def a_card(seed: int) -> dict[str, str | None]:
    card = SimulatedIdReader(seed=seed).read()
    return {
        "name": card.name,
        "id_number": card.id_number,
        "gender": card.gender,
        "birth_date": card.birth_date,
        "address": card.address,
        "contact_phone": "13912345678",
        "photo": card.photo,
    }


def test_the_province_registers_once_per_id_and_names_each_wrong_field(
    province: EmbeddedServer,
) -> None:
    tok = sign_in(province, "H001-C01", "H001", "C01")
    # A fresh ID each run: PostgreSQL's province is shared by the session.
    body = {**a_card(uuid.uuid4().int % 10**6), "id": str(uuid.uuid4())}
    done = post(province, tok, "/customers", body, key=str(uuid.uuid4()))
    assert done.status_code == 201, done.text
    made = done.json()
    assert made["customer_type"] == "individual" and made["id_type"] == "resident_id"
    assert "photo" not in made  # kept at the province, never in an answer or the feed
    assert get(province, tok, f"/customers/{made['id']}").json()["name"] == body["name"]
    twice = post(province, tok, "/customers", {**body, "id": str(uuid.uuid4())}, key="k2")
    problem = assert_problem(twice, 409)
    assert problem["type"].endswith("duplicate-customer")
    assert problem["errors"][0]["field"] == "id_number"
    wrong = body["id_number"][:-1] + ("0" if body["id_number"][-1] != "0" else "1")
    female = "F" if body["gender"] == "M" else "M"
    for change, field in (
        ({"id_number": wrong}, "id_number"),
        ({"gender": female}, "gender"),
        ({"birth_date": "1901-01-01"}, "birth_date"),
        ({"contact_phone": "12345"}, "contact_phone"),
        ({"address": " "}, "address"),
        ({"photo": "not base64!"}, "photo"),
        ({"customer_type": "enterprise", "id_number": CREDIT_CODE[:-1] + "X"}, "id_number"),
        ({"customer_type": "enterprise", "id_number": CREDIT_CODE}, "contact_name"),
        ({"customer_type": "robot"}, "customer_type"),
        ({"photo": "A" * (rules.MAX_PHOTO_CHARS + 4)}, "photo"),
    ):
        answer = post(
            province,
            tok,
            "/customers",
            {**body, **change, "id": str(uuid.uuid4())},
            key=str(uuid.uuid4()),
        )
        problem = assert_problem(answer, 422)
        assert field in {e.get("field") for e in problem["errors"]}, (change, problem)


def test_an_enterprise_is_registered_on_its_credit_code(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    contact = a_card(7)
    raw = {
        "customer_type": "enterprise",
        "name": "杭州示例科技有限公司",
        "id_number": CREDIT_CODE,
        "contact_phone": "13912345678",
        "address": "浙江省杭州市滨江区网商路699号",
        "contact_name": contact["name"],
        "contact_id_number": contact["id_number"],
    }
    with pytest.raises(ValidationError) as missing:
        registration.register(sess, {**raw, "contact_id_number": ""})
    assert missing.value.field == "contact_id_number"  # refused at the counter, never sent
    customer_id = registration.register(sess, raw).value
    with server(sqlite_province) as s:
        row = s.get(Customer, customer_id)
        assert row is not None and row.id_type == "credit_code"
        assert row.contact_name == contact["name"] and row.home_hall_id is not None


def test_a_clerk_registers_from_the_reader_and_a_second_counter_sees_the_customer(
    sess: CounterSession, sqlite_province: EmbeddedServer, tmp_path: Path
) -> None:
    card = registration.read_card(sess)
    customer_id = registration.register(
        sess,
        {
            "name": card.name,
            "id_number": card.id_number,
            "gender": card.gender,
            "birth_date": card.birth_date,
            "address": card.address,
            "contact_phone": "13812345678",
            "photo": card.photo,
        },
    ).value
    found = customers.search_customers(sess.cache, card.id_number)  # here at once
    assert [h.customer_id for h in found.hits] == [customer_id]
    with pytest.raises(ApiError) as twice:
        registration.register(
            sess,
            {
                "name": card.name,
                "id_number": card.id_number,
                "address": card.address,
                "contact_phone": "13812345678",
            },
        )
    assert twice.value.status == 409
    with pytest.raises(NoCard):
        SimulatedIdReader("none").read()

    # Two clerks edit the same customer: the second, on the version it saw, is refused.
    other = signed_in(sess, sqlite_province.url, "H001-C02", "C02")
    registration.edit_contact(other, customer_id, 1, "13700001111", "新地址 1号")
    with pytest.raises(registration.StaleEdit) as stale:
        registration.edit_contact(sess, customer_id, 1, "13600002222", "新地址 2号")
    theirs, mine = stale.value.theirs, stale.value.mine
    assert theirs["contact_phone"] == "13700001111" and theirs["version"] == 2
    assert mine == {"contact_phone": "13600002222", "address": "新地址 2号"}
    kept = registration.edit_contact(
        sess,
        customer_id,
        theirs["version"],
        **{"phone": mine["contact_phone"], "address": mine["address"]},
    ).value
    assert kept["version"] == 3 and kept["contact_phone"] == "13600002222"
    with server(sqlite_province) as s:
        row = s.get(Customer, customer_id)
        assert row is not None and row.contact_phone == "13600002222"

    # A counter with its own cache finds it after its pull.
    far = Cache(tmp_path / "far" / "cache.db")
    SyncEngine(other.make_api(), far).pull()
    view = customers.load_view(far, customer_id)
    assert view is not None and view.name == card.name and view.version == 3
