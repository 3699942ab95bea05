"""The order rules at the counter read the cache (counter_app.order_facts) and answer as the
province does over its tables: the same facts, the same refusals."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from counter_app.domain import orders
from counter_app.domain.orders import Order, OrderType, RuleBroken
from counter_app.domain.orders.facts import Context
from counter_app.domain.policy import Policy
from counter_app.domain.problems import ProblemType
from counter_app.order_facts import CacheFacts
from counter_app.session import CounterSession
from province_api.embedded import EmbeddedServer
from province_api.orders.facts import ProvinceFacts
from tests.test_payments_flow import server


def hall_of(sess: CounterSession) -> str:
    with sess.cache.read() as conn:
        return str(
            conn.exec_driver_sql(
                "SELECT hall_id FROM staff WHERE id = ?", (sess.signed.staff_id,)
            ).scalar_one()
        )


def answer(order: Order, facts: object, ctx: Context) -> str:
    try:
        orders.check(order, facts, ctx, Policy())  # type: ignore[arg-type]
    except RuleBroken as broken:
        return str(broken.problem)
    return "ok"


def test_both_ends_read_the_same_facts_and_refuse_alike(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    now = datetime.now(UTC)
    ctx = Context(hall_of(sess), "C01", now, now.date())
    with sess.cache.read() as conn:
        lines = conn.exec_driver_sql(
            "SELECT s.id, s.customer_id, c.id_number FROM subscription s "
            "JOIN customer c ON c.id = s.customer_id WHERE s.status = 'active' LIMIT 40"
        ).all()
        stock = conn.exec_driver_sql(
            "SELECT msisdn FROM number WHERE hall_id = ? AND status = 'available' LIMIT 1",
            (ctx.hall_id,),
        ).scalar_one()
        sim = conn.exec_driver_sql(
            "SELECT iccid FROM sim WHERE hall_id = ? AND status = 'available' LIMIT 1",
            (ctx.hall_id,),
        ).scalar_one()
        plan = conn.exec_driver_sql("SELECT id FROM offering WHERE code = 'PLAN-39'").scalar_one()
        cache_facts = CacheFacts(conn)
        drafts: list[Order] = []
        for sub_id, customer_id, id_number in lines:
            for kind in (OrderType.SUSPEND, OrderType.RESUME, OrderType.CANCEL):
                drafts.append(Order(str(uuid.uuid4()), "O1", kind, customer_id, sub_id))
            drafts.append(
                Order(
                    str(uuid.uuid4()),
                    "O2",
                    OrderType.SIM_REPLACE,
                    customer_id,
                    sub_id,
                    {"iccid": sim, "id_number": id_number},
                )
            )
            drafts.append(
                Order(
                    str(uuid.uuid4()),
                    "O3",
                    OrderType.NEW_LINE,
                    customer_id,
                    str(uuid.uuid4()),
                    {
                        "msisdn": stock,
                        "iccid": sim,
                        "plan_id": plan,
                        "addon_ids": [],
                        "new_account_id": str(uuid.uuid4()),
                        "account_kind": "prepaid",
                    },
                )
            )
        at_counter = [answer(orders.priced(d, cache_facts), cache_facts, ctx) for d in drafts]
    with server(sqlite_province) as s:
        facts = ProvinceFacts(s)
        at_province = [answer(orders.priced(d, facts), facts, ctx) for d in drafts]
    assert at_counter == at_province
    seen = set(at_counter)
    assert {"ok", str(ProblemType.LINE_STATE)} <= seen  # suspend passes, resume refuses
    assert len(seen) >= 3, seen


def test_a_number_the_province_gave_away_is_refused_at_the_counter_after_a_pull(
    sess: CounterSession,
) -> None:
    now = datetime.now(UTC)
    ctx = Context(hall_of(sess), "C01", now, now.date())
    with sess.cache.write() as conn:
        msisdn = conn.exec_driver_sql(
            "SELECT msisdn FROM number WHERE hall_id = ? AND status = 'available' LIMIT 1",
            (ctx.hall_id,),
        ).scalar_one()
        conn.exec_driver_sql(
            "UPDATE number SET status = 'reserved', held_by = 'C02', held_until = ? "
            "WHERE msisdn = ?",
            ((now.replace(year=now.year + 1)).isoformat(), msisdn),
        )
        number = CacheFacts(conn).number(msisdn)
    with pytest.raises(RuleBroken) as taken:
        orders.rules.number_free(number, ctx)
    assert taken.value.problem == ProblemType.NUMBER_TAKEN
