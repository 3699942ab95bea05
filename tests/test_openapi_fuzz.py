"""The OpenAPI document tells the truth: schemathesis, a bounded run against the real province
(SQLite and PostgreSQL), finds every answer documented — status, content type, body, headers —
no 5xx, and the requests the schema calls invalid refused.

What is left out, and why:
- `positive_data_acceptance`: the province refuses, as documented 4xx problems, requests that
  no schema can tell from good ones: a time more than the policy's window from the
  province's clock, an ID number's checksum, a shift that is not the clerk's open one, a
  number not in the hall's stock, a search with nothing to search by.
- On PostgreSQL (one database for the whole test run) only the operations that change
  nothing another test could meet: every GET, and POST /auth/login (its failures go to
  sign_in_guard, which the `province` fixture empties). SQLite (a copy of its own) gets them
  all.
"""

from __future__ import annotations

import ast
import tempfile
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    allow_header_conformance,
    content_type_conformance,
    ignored_auth,
    missing_required_header,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.problems import ProblemType
from province_api.app import create_app
from province_api.auth import issue_token
from province_api.db import make_engine
from province_api.embedded import EmbeddedServer
from province_api.models import Staff
from province_api.routes.orders import ORDER_RULES
from province_api.schema import upgrade
from tests.support.servers import password_of

ROOT = Path(__file__).resolve().parents[1]
API = "/api/v1"
EXAMPLES = 10  # an operation, besides the coverage phase's own cases (~2,000 requests in all)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
    ignored_auth,  # a signed-in route refuses a request without the token
    missing_required_header,  # Idempotency-Key, If-Match
    unsupported_method,  # 405 problem, with an Allow naming every method of the path
    allow_header_conformance,
]
CLERK, SUPERVISOR, ADMIN = "H001-C01", "H001-S01", "ADMIN"
# Operations only a supervisor or an administrator gets past the role check of.
AS = {
    "/approvals/offline": SUPERVISOR,
    "/approvals/offline/{review_id}/review": SUPERVISOR,
    "/product-orders/{order_id}/approval": SUPERVISOR,
    "/staff/{staff_no}/unlock": SUPERVISOR,
    "/staff/{staff_no}/revoke-sessions": ADMIN,
}


def _document() -> dict[str, Any]:
    """The province's OpenAPI document, as its /openapi.json serves it (the same code builds
    it; the running servers below answer the requests)."""
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(str(Path(folder) / "province.db"))
        try:
            upgrade(engine)
            return create_app(engine).openapi()
        finally:
            engine.dispose()


def _changes_nothing(method: str, path: str) -> bool:
    return method.upper() == "GET" or path == f"{API}/auth/login"


def _token(server: EmbeddedServer, staff_no: str) -> str:
    """A session of `staff_no`, as a sign-in makes it (no password hash to wait for)."""
    with Session(server.app.state.engine) as db:
        staff = db.scalar(select(Staff).where(Staff.staff_no == staff_no))
        assert staff is not None
        token, _ = issue_token(db, staff, "C90")
        db.commit()
    return token


@pytest.fixture
def tokens(province: EmbeddedServer) -> dict[str, str]:
    """The clerk signed in through POST /auth/login; a supervisor and the administrator."""
    login = {
        "staff_no": CLERK,
        "password": password_of(CLERK),
        "hall_code": CLERK[:4],
        "counter_id": "C90",
    }
    answer = requests.post(f"{province.url}{API}/auth/login", json=login, timeout=30)
    answer.raise_for_status()
    return {
        CLERK: answer.json()["token"],
        SUPERVISOR: _token(province, SUPERVISOR),
        ADMIN: _token(province, ADMIN),
    }


schema = schemathesis.openapi.from_dict(_document())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,  # the same cases every run: a failure here is the document's or the code's
)
def test_the_province_answers_as_its_document_says(
    case: schemathesis.Case, province_db: str, request: pytest.FixtureRequest
) -> None:
    operation = case.operation
    if province_db.startswith("postgresql") and not _changes_nothing(
        operation.method, operation.path
    ):
        pytest.skip("changes data: on SQLite only (the PostgreSQL database is the run's)")
    province: EmbeddedServer = request.getfixturevalue("province")
    tokens: dict[str, str] = request.getfixturevalue("tokens")
    path = operation.path.removeprefix(API)
    # POST /auth/logout ends its token: a session of its own each time.
    fresh = path == "/auth/logout"
    token = _token(province, CLERK) if fresh else tokens[AS.get(path, CLERK)]
    case.call_and_validate(
        base_url=province.url,
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
        checks=CHECKS,
        excluded_checks=[positive_data_acceptance],
    )


def _rule_problems() -> set[str]:
    """The problem types the order rules raise (`RuleBroken(field, ProblemType.X, …)`)."""
    found = set()
    for path in (ROOT / "counter_app" / "domain" / "orders").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "ProblemType"
            ):
                found.add(ProblemType[node.attr].value)
    return found


def test_the_document_names_every_problem_an_order_rule_raises() -> None:
    """A rule added to an order type is in POST /product-orders' documented problems (a fuzz
    run is unlikely to reach one: a rule is checked after the body passes)."""
    assert _rule_problems() == {str(p) for p in ORDER_RULES}
