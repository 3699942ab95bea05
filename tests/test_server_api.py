"""The province server over HTTP, on SQLite and on PostgreSQL."""

from __future__ import annotations

import requests

from province_api.embedded import EmbeddedServer
from tests.support.servers import password_of

API = "/api/v1"


def login(
    server: EmbeddedServer,
    staff_no: str = "H001-C01",
    hall: str = "H001",
    password: str | None = None,
) -> requests.Response:
    password = password_of(staff_no) if password is None else password
    return requests.post(
        f"{server.url}{API}/auth/login",
        json={"staff_no": staff_no, "password": password, "hall_code": hall, "counter_id": "C01"},
        timeout=10,
    )


def token(server: EmbeddedServer, staff_no: str = "H001-C01", hall: str = "H001") -> str:
    answer = login(server, staff_no, hall)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"])


def assert_problem(response: requests.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert {"type", "title", "status", "detail", "errors"} <= body.keys()
    assert body["status"] == status
    return body


def test_health_and_openapi(province: EmbeddedServer) -> None:
    assert requests.get(f"{province.url}/health", timeout=5).json()["status"] == "ok"
    assert requests.get(f"{province.url}{API}/health", timeout=5).json()["status"] == "ok"
    spec = requests.get(f"{province.url}/openapi.json", timeout=5).json()
    assert f"{API}/sync/changes" in spec["paths"]
    assert f"{API}/auth/login" in spec["paths"]


def test_sign_in_ok(province: EmbeddedServer) -> None:
    answer = login(province)
    assert answer.status_code == 200
    body = answer.json()
    assert body["token"] and body["expires_at"]
    assert body["staff"]["staff_no"] == "H001-C01"
    assert body["staff"]["role"] == "clerk"
    assert body["staff"]["hall_code"] == "H001"
    assert body["offline_verifier"].startswith("argon2id$m=262144,")
    me = requests.get(
        f"{province.url}{API}/auth/me",
        timeout=5,
        headers={"Authorization": f"Bearer {body['token']}"},
    )
    assert me.json()["staff_no"] == "H001-C01"


def test_supervisor_signs_in(province: EmbeddedServer) -> None:
    assert login(province, "H002-S01", "H002").json()["staff"]["role"] == "supervisor"


def test_wrong_password_is_401(province: EmbeddedServer) -> None:
    body = assert_problem(login(province, password="wrong"), 401)
    assert body["type"].endswith("bad-credentials")
    body = assert_problem(login(province, staff_no="H001-C99"), 401)
    assert body["type"].endswith("bad-credentials")


def test_wrong_hall_and_unknown_hall(province: EmbeddedServer) -> None:
    assert_problem(login(province, "H002-C01", "H001"), 403)
    body = assert_problem(login(province, "H001-C01", "H999"), 422)
    assert body["errors"][0]["field"] == "hall_code"


def test_malformed_bodies_are_422_problems(province: EmbeddedServer) -> None:
    url = f"{province.url}{API}/auth/login"
    body = assert_problem(requests.post(url, json={"staff_no": "H001-C01"}, timeout=5), 422)
    fields = {e["field"] for e in body["errors"]}
    assert {"password", "hall_code", "counter_id"} <= fields
    assert_problem(
        requests.post(
            url, data=b"{not json", timeout=5, headers={"Content-Type": "application/json"}
        ),
        422,
    )
    assert_problem(requests.post(url, json=[1, 2, 3], timeout=5), 422)
    assert_problem(
        requests.post(
            url,
            json={"staff_no": 5, "password": None, "hall_code": "H001", "counter_id": "bad id!"},
            timeout=5,
        ),
        422,
    )


def test_no_or_bad_token_is_401(province: EmbeddedServer) -> None:
    assert_problem(requests.get(f"{province.url}{API}/sync/changes", timeout=5), 401)
    assert_problem(
        requests.get(
            f"{province.url}{API}/sync/changes",
            timeout=5,
            headers={"Authorization": "Bearer nonsense"},
        ),
        401,
    )


def test_hostile_queries_never_500(province: EmbeddedServer) -> None:
    auth = {"Authorization": f"Bearer {token(province)}"}
    for path in (
        "/sync/changes?since=-1",
        "/sync/changes?limit=0",
        "/sync/changes?limit=999999",
        "/sync/changes?since=abc",
        "/sync/changes?entity=nope",
        "/sync/changes?since=1e99",
        "/customers",
        "/customers?phone=1",
        "/customers?id_number=123",
        "/customers?q=%00%27",
        "/customers/not-a-uuid",
        "/customers?limit=-5",
    ):
        answer = requests.get(f"{province.url}{API}{path}", headers=auth, timeout=10)
        assert 400 <= answer.status_code < 500, (path, answer.status_code, answer.text)
        assert_problem(answer, answer.status_code)
