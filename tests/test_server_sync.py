"""The change feed: paging, scope, and edits arriving in it."""

from __future__ import annotations

import requests

from province_api.embedded import EmbeddedServer
from tests.test_server_api import API, assert_problem, token


def pull_all(server: EmbeddedServer, tok: str, limit: int, since: int = 0) -> tuple[list, int]:
    changes: list[dict] = []
    while True:
        page = requests.get(
            f"{server.url}{API}/sync/changes",
            timeout=30,
            params={"since": since, "limit": limit},
            headers={"Authorization": f"Bearer {tok}"},
        ).json()
        assert len(page["changes"]) <= limit
        changes += page["changes"]
        assert page["next_since"] >= since
        since = page["next_since"]
        if not page["has_more"]:
            return changes, since


def counts(server: EmbeddedServer, tok: str) -> dict:
    return requests.get(
        f"{server.url}{API}/sync/counts", timeout=30, headers={"Authorization": f"Bearer {tok}"}
    ).json()


def test_paging_loses_and_repeats_nothing(province: EmbeddedServer) -> None:
    tok = token(province)
    big, head = pull_all(province, tok, limit=10_000)
    small, head_small = pull_all(province, tok, limit=37)  # many page boundaries
    assert head == head_small
    assert [c["seq"] for c in small] == [c["seq"] for c in big]
    seqs = [c["seq"] for c in small]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    keys = [(c["entity"], c["id"]) for c in small]
    assert len(set(keys)) == len(keys)  # each entity once: older changes are folded
    expected = counts(province, tok)
    assert expected["as_of"] == head
    per_entity: dict[str, int] = {}
    for c in small:
        if c["op"] == "upsert":
            per_entity[c["entity"]] = per_entity.get(c["entity"], 0) + 1
    assert per_entity == {k: v for k, v in expected["counts"].items() if v}
    customer = next(c for c in small if c["entity"] == "customer")
    assert customer["data"]["id"] == customer["id"]
    assert customer["version"] == customer["data"]["version"]


def test_a_hall_sees_only_its_own_stock_and_staff(province: EmbeddedServer) -> None:
    h1, _ = pull_all(province, token(province, "H001-C01", "H001"), 5000)
    h2, _ = pull_all(province, token(province, "H002-C01", "H002"), 5000)
    hall_of = {c["data"]["staff_no"]: c["data"]["hall_id"] for c in h1 if c["entity"] == "staff"}
    h1_hall = hall_of["H001-C01"]
    for entity in ("number", "sim", "staff"):
        mine = [c for c in h1 if c["entity"] == entity]
        theirs = [c for c in h2 if c["entity"] == entity]
        assert mine and theirs
        assert {c["data"]["hall_id"] for c in mine} == {h1_hall}
        assert h1_hall not in {c["data"]["hall_id"] for c in theirs}
        assert not {c["id"] for c in mine} & {c["id"] for c in theirs}
    assert all("password_hash" not in c["data"] for c in h1 if c["entity"] == "staff")
    # Customers are the province's: both halls get them all.
    assert {c["id"] for c in h1 if c["entity"] == "customer"} == {
        c["id"] for c in h2 if c["entity"] == "customer"
    }


def test_an_edit_moves_to_the_head_of_the_feed(province: EmbeddedServer) -> None:
    tok = token(province)
    auth = {"Authorization": f"Bearer {tok}"}
    _, head = pull_all(province, tok, 5000)
    customers = requests.get(
        f"{province.url}{API}/customers", params={"q": "张"}, headers=auth, timeout=10
    )
    assert customers.status_code == 200
    assert int(customers.headers["X-Total-Count"]) >= len(customers.json())
    first = customers.json()[0]
    got = requests.get(f"{province.url}{API}/customers/{first['id']}", headers=auth, timeout=10)
    version = int(got.headers["ETag"])
    edited = requests.patch(
        f"{province.url}{API}/customers/{first['id']}",
        headers={**auth, "If-Match": str(version)},
        json={"address": "测试路1号"},
        timeout=10,
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["version"] == version + 1
    delta, new_head = pull_all(province, tok, 5000, since=head)
    assert [(c["entity"], c["id"]) for c in delta] == [("customer", first["id"])]
    assert delta[0]["data"]["address"] == "测试路1号" and new_head > head
    # The same edit again with the old version is a conflict, not a silent overwrite.
    stale = requests.patch(
        f"{province.url}{API}/customers/{first['id']}",
        headers={**auth, "If-Match": str(version)},
        json={"address": "x"},
        timeout=10,
    )
    assert_problem(stale, 409)
    bad = requests.patch(
        f"{province.url}{API}/customers/{first['id']}",
        headers={**auth, "If-Match": str(version + 1)},
        json={"contact_phone": "12345"},
        timeout=10,
    )
    body = assert_problem(bad, 422)
    assert body["errors"][0]["field"] == "contact_phone"
    missing = requests.patch(
        f"{province.url}{API}/customers/{first['id']}",
        headers=auth,
        json={"address": "x"},
        timeout=10,
    )
    assert_problem(missing, 400)
