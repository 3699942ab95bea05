"""The counter's audit reaches the province: a full ID revealed at the counter (and every
other local audit row) goes through the outbox into the hall's hash-chained audit log,
once, after an outage too, and never holds money up."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app import auth, customers, payments, shifts
from counter_app.api_client import ApiClient
from counter_app.credentials import Credentials
from counter_app.domain.api_versions import API_VERSION
from counter_app.domain.kinds import OutboxKind
from counter_app.payments import PaymentRequest
from counter_app.session import CounterSession
from counter_app.sync.push import push
from local_cache import audit_events, journal, outbox
from province_api import audit
from province_api.embedded import EmbeddedServer
from province_api.models import AuditEvent, Payment, Staff
from province_api.routes import counter_audit
from tests.support.fault_proxy import FaultProxy
from tests.test_fault_proxy import lines_of_distinct_customers, through
from tests.test_payments_flow import FLOAT


def a_customer(sess: CounterSession) -> str:
    with sess.cache.read() as conn:
        return str(conn.exec_driver_sql("SELECT id FROM customer LIMIT 1").scalar_one())


def events(province: EmbeddedServer, action: str | None = None) -> list[AuditEvent]:
    with Session(province.app.state.engine) as s:
        query = select(AuditEvent).order_by(AuditEvent.chain, AuditEvent.n)
        if action:
            query = query.where(AuditEvent.action == action)
        return list(s.scalars(query))


def counter_events(province: EmbeddedServer, event_id: str) -> list[AuditEvent]:
    return [e for e in events(province) if json.loads(e.detail).get("event") == event_id]


def hall_of(province: EmbeddedServer, staff_id: str) -> str:
    with Session(province.app.state.engine) as s:
        staff = s.get(Staff, staff_id)
        assert staff is not None
        return staff.hall_id


def audit_entries(sess: CounterSession, states: tuple[str, ...] = ("pending",)) -> list[Any]:
    return [e for e in outbox.entries(sess.cache, states) if e.kind == OutboxKind.AUDIT]


def push_as(sess: CounterSession, api: Any = None) -> Any:
    return push(api or sess.make_api(), sess.cache, force=True, staff_id=sess.signed.staff_id)


def test_a_revealed_id_is_in_the_hall_s_chain_with_the_clerk(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    customer = a_customer(sess)
    number = customers.reveal_id_number(sess.cache, customer, sess.signed.staff_id)
    [entry] = audit_entries(sess)  # queued with the local row
    assert entry.staff_id == sess.signed.staff_id and entry.shift_id is None
    assert number not in json.dumps(entry.body)
    result = push_as(sess)
    assert not result.offline and result.accepted == 1 and outbox.count(sess.cache) == 0
    [event] = events(sqlite_province, audit.AuditAction.ID_REVEALED)
    assert event.target == customer and event.staff_id == sess.signed.staff_id
    assert event.chain == hall_of(sqlite_province, sess.signed.staff_id)
    assert event.counter_id == sess.signed.counter_id
    [row] = customers.audit_trail(sess.cache, customer)
    assert json.loads(event.detail)["event"] == row["id"]
    assert number not in event.detail
    total, breaks = audit.verify(sqlite_province.app.state.engine)
    assert total >= 2 and breaks == []  # (the sign-in is in the chain before it)


def test_an_event_sent_again_after_a_lost_answer_is_recorded_once(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    customers.reveal_id_number(sess.cache, a_customer(sess), sess.signed.staff_id)
    [entry] = audit_entries(sess)
    event_id = entry.body["events"][0]["id"]
    with FaultProxy("127.0.0.1", sqlite_province.port) as proxy:

        def cut_after(body: bytes) -> bool:
            if event_id.encode() in body:
                proxy.cut = True  # the province records it; the answer is lost
            return False

        proxy.poison = cut_after
        api = through(proxy, sess)
        assert push_as(sess, api).offline
        assert len(counter_events(sqlite_province, event_id)) == 1
        assert [e.id for e in audit_entries(sess)] == [entry.id]  # the outcome unknown
        proxy.cut, proxy.poison = False, lambda _body: False
        assert push_as(sess, api).accepted == 1  # the same key: the first answer again
    assert len(counter_events(sqlite_province, event_id)) == 1
    assert audit_entries(sess) == []
    assert audit.verify(sqlite_province.app.state.engine)[1] == []


def test_revealed_while_the_province_is_unreachable_recorded_when_it_returns(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    customer = a_customer(sess)
    with FaultProxy("127.0.0.1", sqlite_province.port) as proxy:
        api = through(proxy, sess)
        proxy.cut = True
        customers.reveal_id_number(sess.cache, customer, sess.signed.staff_id)
        assert push_as(sess, api).offline
        assert events(sqlite_province, audit.AuditAction.ID_REVEALED) == []
        assert len(audit_entries(sess)) == 1
        proxy.cut = False
        assert push_as(sess, api).accepted == 1
    [event] = events(sqlite_province, audit.AuditAction.ID_REVEALED)
    assert event.target == customer and event.staff_id == sess.signed.staff_id


def test_audit_of_no_one_goes_with_the_next_sign_in_and_only_once(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    """A row written before anyone signed in (recovery at start-up) is sent under the next
    sign-in; from then on it is that clerk's, never another's too. Free text stays here."""
    at = datetime.now(UTC).isoformat()
    with sess.cache.write() as conn:
        journal.audit(conn, at, "journal_missing", {"journal": "/home/王芳/journal.db"}, None)
    [entry] = audit_entries(sess)
    assert entry.staff_id is None
    assert push_as(sess).accepted == 1
    [event] = [e for e in events(sqlite_province, audit.AuditAction.COUNTER_EVENT)]
    detail = json.loads(event.detail)
    assert detail["counter_action"] == "journal_missing"
    assert detail["detail"] == {"omitted": ["journal"], "unattributed": True}
    assert event.staff_id == sess.signed.staff_id  # who sent it, as the token says
    [sent] = outbox.entries(sess.cache, ("accepted",))
    assert sent.staff_id == sess.signed.staff_id

    with sess.cache.write() as conn:  # another one, then clerk B signs in first: B's
        journal.audit(conn, at, "orphans_found", {"queued": 2, "unsaved": []}, None)
    creds = Credentials()
    other = auth.sign_in(creds, sqlite_province.url, "H001", "C01", "H001-C02", "demo")
    as_b = ApiClient(sqlite_province.url, creds.get(other.token_key))
    assert push(as_b, sess.cache, force=True, staff_id=other.staff_id).accepted == 1
    assert push_as(sess).accepted == 0  # not A's any more: nothing sent twice
    found = [
        e
        for e in events(sqlite_province, audit.AuditAction.COUNTER_EVENT)
        if json.loads(e.detail)["counter_action"] == "orphans_found"
    ]
    assert [e.staff_id for e in found] == [other.staff_id]
    assert json.loads(found[0].detail)["detail"] == {
        "queued": 2,
        "unsaved": [],
        "unattributed": True,
    }


def test_an_audit_event_refused_or_failing_holds_no_money_back(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    shifts.open_shift(sess, FLOAT)
    long_ago = (datetime.now(UTC) - timedelta(days=400)).isoformat()
    with sess.cache.write() as conn:  # older than the client date window: refused (422)
        journal.audit(conn, long_ago, "charge_cancelled", {"why": "declined"}, None)
        journal.audit(conn, datetime.now(UTC).isoformat(), "screen_locked", {"why": "poison"}, None)
    (line, account, customer), (line2, account2, customer2) = lines_of_distinct_customers(sess, 2)
    customers.reveal_id_number(sess.cache, customer, sess.signed.staff_id)
    receipts = [
        payments.take_payment(sess, PaymentRequest("topup", c, a, 1000, "cash", ln, 1000)).payment[
            "receipt_no"
        ]
        for ln, a, c in ((line, account, customer), (line2, account2, customer2))
    ]
    with FaultProxy("127.0.0.1", sqlite_province.port) as proxy:
        proxy.poison = lambda body: b'"poison"' in body  # the province fails on this one
        result = push_as(sess, through(proxy, sess))
    assert not result.offline
    assert result.rejected == 1 and result.accepted == 4  # shift, reveal, two payments
    [refused] = audit_entries(sess, ("rejected",))
    assert refused.body["events"][0]["action"] == "charge_cancelled"
    assert "from the province's clock" in (refused.last_error or "")
    [failing] = audit_entries(sess)
    assert failing.body["events"][0]["detail"]["why"] == "poison"
    with Session(sqlite_province.app.state.engine) as s:
        booked = set(s.scalars(select(Payment.receipt_no)))
    assert set(receipts) <= booked


def test_what_leaves_the_counter_is_ids_codes_and_amounts() -> None:
    detail = audit_events.province_detail(
        {
            "note": "客户张伟 要求",
            "by": "H001-S01",
            "why": "idle",
            "id": "110105194912310021",
            "phone": "13800138000",
            "msisdn": "13800138000",
            "shift": str(uuid.uuid4()),
            "wrong_tries": 3,
            "supervisor": False,
            "locked_at": "2026-10-08T02:31:05.123456+00:00",
            "waiting": [{"receipt_no": "H001-C01-000042", "amount_fen": 100}] * 25,
            "refused": [{"receipt_no": "H001-C01-000043", "customer_name": "张伟"}],
            "set_aside": "/var/counter/journal.db.damaged-20261008",
            "问题": "x",
        }
    )
    text = json.dumps(detail, ensure_ascii=False)
    for personal in ("张伟", "110105194912310021", "13800138000", "/var/counter"):
        assert personal not in text
    assert detail["by"] == "H001-S01" and detail["why"] == "idle" and detail["wrong_tries"] == 3
    assert detail["waiting"] == 25 and detail["refused"] == [{"receipt_no": "H001-C01-000043"}]
    assert {"note", "id", "phone", "msisdn", "set_aside", "?", "refused[].customer_name"} <= set(
        detail["omitted"]
    )
    huge = audit_events.province_detail({f"k{i}": "H001-C01-000001" for i in range(200)})
    wire = json.dumps(huge, separators=(",", ":"), ensure_ascii=False).encode()
    assert len(wire) <= audit_events.MAX_DETAIL_BYTES
    assert huge["shortened"] is True


def test_both_ends_agree_on_the_event() -> None:
    assert audit_events.KIND == OutboxKind.AUDIT
    assert audit_events.PATH == "/audit/events"
    assert audit_events.API_VERSION <= API_VERSION
    assert audit_events.MAX_DETAIL_BYTES == counter_audit.MAX_DETAIL_BYTES
    assert audit_events.WIRE_ACTIONS["reveal_id_number"] == counter_audit.COUNTER_ID_REVEALED
    widest = {
        "event": str(uuid.uuid4()),
        "detail": {"k": "x" * (counter_audit.MAX_DETAIL_BYTES - 8)},
        "counter_action": "a" * 32,
        "entity": "e" * 32,
    }  # what the province writes for the largest detail it takes: kept whole
    assert len(json.dumps(widest, separators=(",", ":"))) <= audit.MAX_DETAIL


# -- the route itself, on SQLite and PostgreSQL -----------------------------------------------
def sign_in(province: EmbeddedServer) -> tuple[str, str]:
    creds = Credentials()
    signed = auth.sign_in(creds, province.url, "H001", "C01", "H001-C01", "demo")
    token = creds.get(signed.token_key)
    assert token
    return token, signed.staff_id


def post(
    province: EmbeddedServer, evts: list[dict[str, Any]], token: str | None, key: str = ""
) -> requests.Response:
    headers = {"Idempotency-Key": key or str(uuid.uuid4())}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return requests.post(
        f"{province.url}/api/v1/audit/events", json={"events": evts}, headers=headers, timeout=10
    )


def an_event(**fields: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "at": datetime.now(UTC).isoformat(),
        "action": "screen_locked",
        "entity": None,
        "entity_id": None,
        "detail": {"why": "idle", "idle_minutes": 5},
        **fields,
    }


def refused_field(answer: requests.Response) -> str:
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    return str(answer.json()["errors"][0]["field"])


def test_the_route_records_once_and_refuses_bad_events(province: EmbeddedServer) -> None:
    token, staff_id = sign_in(province)
    assert post(province, [an_event()], None).status_code == 401
    naive = datetime.now(UTC).replace(tzinfo=None).isoformat()
    assert refused_field(post(province, [an_event(at=naive)], token)) == "events.0.at"
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    assert refused_field(post(province, [an_event(at=future)], token)) == "events.0.at"
    edge = "9999-12-31T23:59:00-14:00"
    assert refused_field(post(province, [an_event(at=edge)], token)) == "events.0.at"
    surrogate = {"why": "\ud800"}
    field = refused_field(post(province, [an_event(detail=surrogate)], token))
    assert field.startswith("events.0.detail")
    for action in ("Screen-Locked", "x" * 33, ""):
        evts = [an_event(), an_event(action=action)]
        assert refused_field(post(province, evts, token)) == "events.1.action"
    big = {"k": "H001-C01-000001" * 200}
    assert refused_field(post(province, [an_event(detail=big)], token)) == "events.0.detail"
    personal = {"by": "110105194912310021"}
    assert refused_field(post(province, [an_event(detail=personal)], token)) == "events.0.detail"
    assert refused_field(post(province, [an_event(id="not-a-uuid")], token)) == "events.0.id"
    assert post(province, [], token).status_code == 422
    assert post(province, [an_event()] * 201, token).status_code == 422

    customer = str(uuid.uuid4())
    batch = [
        an_event(action="id_revealed", entity="customer", entity_id=customer),
        an_event(at=datetime.now(UTC).astimezone().isoformat()),
    ]
    key = str(uuid.uuid4())
    first = post(province, batch, token, key)
    assert first.status_code == 201 and first.json() == {"recorded": 2}
    again = post(province, batch, token, key)
    assert again.status_code == 201 and again.headers.get("Idempotency-Replayed") == "true"
    recorded = [e for e in events(province) if json.loads(e.detail).get("event")]
    mine = {json.loads(e.detail)["event"]: e for e in recorded}
    assert set(mine) >= {batch[0]["id"], batch[1]["id"]}
    assert len([e for e in recorded if json.loads(e.detail)["event"] == batch[0]["id"]]) == 1
    revealed, locked = mine[batch[0]["id"]], mine[batch[1]["id"]]
    assert revealed.action == audit.AuditAction.ID_REVEALED and revealed.target == customer
    assert locked.action == audit.AuditAction.COUNTER_EVENT
    assert json.loads(locked.detail)["counter_action"] == "screen_locked"
    assert {revealed.staff_id, locked.staff_id} == {staff_id}
    assert revealed.chain == locked.chain == hall_of(province, staff_id)
    assert revealed.n + 1 == locked.n  # in the order sent
    _, breaks = audit.verify(province.app.state.engine)
    assert [b for b in breaks if b.chain == revealed.chain] == []


def test_the_route_wants_a_key(sqlite_province: EmbeddedServer) -> None:
    token, _ = sign_in(sqlite_province)
    answer = requests.post(
        f"{sqlite_province.url}/api/v1/audit/events",
        json={"events": [an_event()]},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "Idempotency-Key"
