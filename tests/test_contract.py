"""One contract for both ends: the problems the province may send, the entities it syncs,
the versions it states, checked against the server's models and its OpenAPI document."""

from __future__ import annotations

import ast
import typing
from enum import StrEnum
from pathlib import Path

import pytest
import requests
from sqlalchemy import JSON, Boolean

from counter_app.domain.api_versions import API_VERSION_HEADER, CLIENT_VERSION_HEADER
from counter_app.domain.bodies import BODIES
from counter_app.domain.problems import ProblemType
from local_cache import schema
from local_cache.db import Cache
from local_cache.records import BillRecord, PaymentRecord, ShiftRecord
from province_api import changes
from province_api.embedded import EmbeddedServer
from province_api.models import SYNC_ENTITIES

ROOT = Path(__file__).resolve().parents[1]
RAISERS = {"Problem", "_field", "problem_response", "problem_body"}


def test_the_province_sends_only_problems_the_counter_knows() -> None:
    """Every problem raised in province_api names a ProblemType member, never a bare string,
    and the counter has a sentence for each member (translated: tests/test_i18n.py)."""
    from ui.messages import PROBLEMS

    loose = []
    for path in (ROOT / "province_api").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in RAISERS:
                continue
            kinds = [k.value for k in node.keywords if k.arg == "type_"]
            kinds += node.args[2:4] if name != "_field" else node.args[3:4]
            for kind in kinds:
                if isinstance(kind, ast.Constant) and isinstance(kind.value, str):
                    loose.append(f"{path.relative_to(ROOT)}:{node.lineno} {kind.value!r}")
    assert not loose, loose
    assert set(PROBLEMS) == set(ProblemType)


@pytest.mark.parametrize("entity", sorted(SYNC_ENTITIES))
def test_the_cache_holds_exactly_what_the_feed_sends(entity: str, tmp_path: Path) -> None:
    """The client's columns are the columns the province sends (its private ones aside),
    plus those the cache derives; the DDL makes them all; JSON and flags agree."""
    sent, _dated = changes._columns(entity)
    sent_names = [c.name for c in sent]
    table = schema.ENTITIES[entity]
    assert sorted(c for c in table.columns if c not in table.derived) == sorted(sent_names)
    cache = Cache(tmp_path / "cache.db")
    with cache.read() as conn:
        made = {r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({entity})")}
    cache.close()
    assert set(table.columns) <= made
    assert set(table.json_columns) == {c.name for c in sent if isinstance(c.type, JSON)}
    assert set(table.bool_columns) == {c.name for c in sent if isinstance(c.type, Boolean)}
    model, _ = SYNC_ENTITIES[entity]
    private = set(changes.PRIVATE_COLUMNS.get(entity, set()))
    assert private.isdisjoint(table.columns)  # what never leaves the province is not asked for
    assert set(sent_names) | private == {c.name for c in model.__table__.columns}


def test_the_openapi_document_states_versions_and_problems(
    sqlite_province: EmbeddedServer,
) -> None:
    doc = requests.get(f"{sqlite_province.url}/api/v1/openapi.json", timeout=10).json()
    login = doc["paths"]["/api/v1/auth/login"]["post"]
    assert CLIENT_VERSION_HEADER in {p["name"] for p in login["parameters"]}
    answer = doc["components"]["schemas"]["LoginResponse"]["properties"]
    assert {"api_version", "oldest_api_version", "min_client_version"} <= set(answer)
    for path, op in (("/api/v1/payments", "post"), ("/api/v1/shifts", "post")):
        names = {p["name"] for p in doc["paths"][path][op]["parameters"]}
        assert API_VERSION_HEADER in names, path


def _schema(doc: dict, ref_or_schema: dict) -> dict:
    ref = ref_or_schema.get("$ref")
    return doc["components"]["schemas"][ref.rsplit("/", 1)[-1]] if ref else ref_or_schema


def _enum_of(doc: dict, prop: dict) -> set[str] | None:
    """The values a property may take, if the document names them (through refs and
    `anyOf: [X, null]`)."""
    for option in prop.get("anyOf", [prop]):
        target = _schema(doc, option)
        if "enum" in target:
            return set(target["enum"])
    return None


@pytest.mark.parametrize("route", sorted(BODIES), ids=lambda r: f"{r[0]} {r[1]}")
def test_each_body_the_counter_sends_is_the_one_the_province_reads(
    route: tuple[str, str], openapi: dict
) -> None:
    method, path = route
    body_type = BODIES[route]
    operation = openapi["paths"][f"/api/v1{path}"][method.lower()]
    schema = _schema(openapi, operation["requestBody"]["content"]["application/json"]["schema"])
    assert set(schema["properties"]) == set(body_type.__annotations__), path
    required_here = set(body_type.__required_keys__)
    assert set(schema.get("required", [])) <= required_here, path
    hints = typing.get_type_hints(body_type)
    for name, prop in schema["properties"].items():
        kinds = [a for a in typing.get_args(hints[name]) or (hints[name],) if isinstance(a, type)]
        enum = next((k for k in kinds if issubclass(k, StrEnum)), None)
        if enum is not None:  # the same words at both ends
            assert _enum_of(openapi, prop) == {m.value for m in enum}, f"{path} {name}"


@pytest.fixture(scope="module")
def openapi(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from province_api.app import create_app
    from province_api.db import make_engine
    from province_api.schema import upgrade

    engine = make_engine(str(tmp_path_factory.mktemp("contract") / "province.db"))
    upgrade(engine)
    try:
        return create_app(engine).openapi()
    finally:
        engine.dispose()


def _types_of(doc: dict, prop: dict) -> set[str]:
    options = prop.get("anyOf", [prop])
    return {_schema(doc, o).get("type", "object") for o in options} - {"null"}


@pytest.mark.parametrize("entity", sorted(SYNC_ENTITIES))
def test_the_cache_holds_what_the_feed_documents(entity: str, openapi: dict) -> None:
    """The feed's row as the OpenAPI document states it: the counter caches every field,
    keeps JSON fields as JSON and flags as flags."""
    name = "".join(part.title() for part in entity.split("_")) + "Row"
    row = openapi["components"]["schemas"][name]
    table = schema.ENTITIES[entity]
    assert sorted(row["properties"]) == sorted(c for c in table.columns if c not in table.derived)
    types = {field: _types_of(openapi, prop) for field, prop in row["properties"].items()}
    assert {f for f, t in types.items() if t <= {"object", "array"}} == set(table.json_columns)
    assert {f for f, t in types.items() if t == {"boolean"}} == set(table.bool_columns)
    change = openapi["components"]["schemas"]["Change"]
    assert entity in change["properties"]["entity"]["enum"]


@pytest.mark.parametrize(
    ("record", "table"),
    [(PaymentRecord, "payment"), (ShiftRecord, "shift"), (BillRecord, "bill")],
)
def test_the_cache_records_name_the_columns_of_their_tables(
    record: type, table: str, tmp_path: Path
) -> None:
    cache = Cache(tmp_path / "cache.db")
    with cache.read() as conn:
        columns = {r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
    cache.close()
    assert set(record.__required_keys__) == columns
