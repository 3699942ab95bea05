"""Service orders from the counter's core against the real province: a new line checked
over the cache, its number held and the order taken; a cancellation through the
hall's queue decided by a supervisor signed in on another counter."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from counter_app import approvals, auth, orders, payments, shifts
from counter_app.api_client import ApiClient, ApiError
from counter_app.credentials import Credentials
from counter_app.domain.masking import mask_mobile
from counter_app.domain.orders import Order, OrderType, RuleBroken
from counter_app.domain.problems import ProblemType
from counter_app.domain.validators import ValidationError
from counter_app.payments import PaymentRefused
from counter_app.session import CounterSession
from counter_app.settings import Settings
from province_api.embedded import EmbeddedServer
from province_api.models import ProductOrder, Subscription
from tests.support.servers import SUPERVISOR_PASSWORD, password_of
from tests.test_payments_flow import FLOAT, server, sync


def stock(sess: CounterSession) -> tuple[str, str, str, str, str]:
    hall = orders.context(sess).hall_id
    with sess.cache.read() as conn:
        msisdn = conn.exec_driver_sql(
            "SELECT msisdn FROM number WHERE hall_id = ? AND status = 'available' "
            "AND level = 'normal' ORDER BY msisdn LIMIT 1",
            (hall,),
        ).scalar_one()
        iccid = conn.exec_driver_sql(
            "SELECT iccid FROM sim WHERE hall_id = ? AND status = 'available' LIMIT 1", (hall,)
        ).scalar_one()
        plan = conn.exec_driver_sql("SELECT id FROM offering WHERE code = 'PLAN-39'").scalar_one()
        customer, account = conn.exec_driver_sql(
            "SELECT a.customer_id, a.id FROM account a JOIN customer c ON c.id = a.customer_id "
            "WHERE a.kind = 'prepaid' AND c.customer_type = 'individual' AND NOT EXISTS "
            "(SELECT 1 FROM bill b WHERE b.account_id = a.id AND b.status != 'paid') "
            "AND (SELECT count(*) FROM subscription s WHERE s.customer_id = c.id) BETWEEN 1 AND 3 "
            # a line a plan change can move now (to PLAN-59, the plan that may start at once)
            "AND EXISTS (SELECT 1 FROM subscription s JOIN offering o ON o.id = s.plan_id "
            "WHERE s.account_id = a.id AND s.status = 'active' AND o.code != 'PLAN-59') "
            "LIMIT 1"
        ).one()
    return msisdn, iccid, plan, customer, account


def signed_in(sess: CounterSession, url: str, staff_no: str, counter: str) -> CounterSession:
    """Another person at another counter of the hall, sharing this cache."""
    creds = Credentials()
    signed = auth.sign_in(creds, url, "H001", counter, staff_no, password_of(staff_no))
    token = creds.get(signed.token_key)
    return CounterSession(sess.cache, signed, Settings(), lambda: ApiClient(url, token))


def test_a_new_line_from_the_counter(sess: CounterSession, sqlite_province: EmbeddedServer) -> None:
    msisdn, iccid, plan, customer, account = stock(sess)
    held = orders.hold_number(sess, msisdn)
    assert held["held_by"] == sess.signed.counter_id
    # Another counter cannot hold the number while this one has it.
    other = signed_in(sess, sqlite_province.url, "H001-C02", "C02")
    with pytest.raises(ApiError) as lost:
        orders.hold_number(other, msisdn)
    assert lost.value.status == 409 and lost.value.type.endswith("number-taken")
    line_id = str(uuid.uuid4())
    draft = Order(
        str(uuid.uuid4()),
        orders.new_order_no(sess),
        OrderType.NEW_LINE,
        customer,
        line_id,
        {"msisdn": msisdn, "iccid": iccid, "plan_id": plan, "addon_ids": [], "account_id": account},
    )
    order = orders.price(sess, draft)
    assert order.due_fen == 6000 and orders.approval_reason(sess, order) is None
    with pytest.raises(RuleBroken) as wrong:
        orders.submit(sess, Order(**{**order.__dict__, "fees": order.fees[:1]}))
    assert wrong.value.problem == ProblemType.FEES_MISMATCH  # refused here, never sent
    with pytest.raises(orders.OrderWaits, match="Open a shift first"):
        orders.submit(sess, order)  # its fees go into a shift: none is open
    shifts.open_shift(sess, FLOAT)
    when = datetime.now(UTC)
    taken = orders.submit(sess, order, created_at=when)
    assert taken["state"] == "acknowledged" and taken["due_fen"] == 6000
    assert orders.submit(sess, order, created_at=when) == taken  # a resend: the same order
    with server(sqlite_province) as s:
        row = s.get(ProductOrder, order.id)
        assert row is not None and row.state == "acknowledged" and row.counter_id == "C01"
    # Its fees through the payment path (kind order_fee): queued, pushed, and the order runs.
    due = orders.fee_due(sess, taken)
    assert due is not None and (due.fees_fen, due.deposit_fen) == (6000, 0)
    req = due.payment("cash", tendered_fen=10000)
    with pytest.raises(ValidationError, match="what the order owes"):
        payments.take_payment(sess, replace(req, amount_fen=5000))
    done = payments.take_payment(sess, req)
    assert [(ln.description, ln.amount_fen) for ln in done.receipt.lines] == [
        (f"业务费用 Fees {order.order_no}", 6000)
    ]
    assert done.payment["change_fen"] == 4000
    assert done.receipt.msisdn_masked == mask_mobile(msisdn)  # the new number, not another
    with pytest.raises(PaymentRefused, match="not waiting for its fees"):
        payments.take_payment(sess, req)  # never twice
    sync(sess)
    with server(sqlite_province) as s:
        row = s.get(ProductOrder, order.id)
        assert row is not None and row.state == "completed" and row.payment_id == done.payment["id"]
        line = s.get(Subscription, line_id)
        assert line is not None and line.msisdn == msisdn and line.account_id == account
    assert orders.history(sess, customer)[0]["state"] == "completed"  # the pull brought it
    with pytest.raises(PaymentRefused, match="Reverse the order first"):
        payments.void_payment(
            sess,
            done.payment["id"],
            "wrong",
            approvals.obtain(sess, "H001-S01", SUPERVISOR_PASSWORD, "void", done.payment["id"]),
        )
    # 返销 the same day, approved on the spot: the line goes, and its fees come back by a void.
    reverse = Order(
        str(uuid.uuid4()),
        orders.new_order_no(sess),
        OrderType.REVERSE,
        customer,
        None,
        {"order_id": order.id},
    )
    on_the_spot = approvals.obtain(sess, "H001-S01", SUPERVISOR_PASSWORD, "order", reverse.id)
    assert orders.submit(sess, reverse, on_the_spot)["state"] == "completed"
    back = orders.fees_to_give_back(sess, orders.fetch(sess, reverse.id))
    assert back is not None and back["payment_id"] == done.payment["id"]
    assert back["amount_fen"] == 6000
    slip = payments.void_payment(
        sess,
        back["payment_id"],
        "返销",
        approvals.obtain(sess, "H001-S01", SUPERVISOR_PASSWORD, "void", back["payment_id"]),
    ).value
    assert slip.void_of == done.receipt.receipt_no and slip.amount_fen == 6000
    sync(sess)
    with server(sqlite_province) as s:
        assert (
            s.get(Subscription, line_id) is None
            or s.get(Subscription, line_id).status == "cancelled"
        )
        assert s.get(ProductOrder, order.id).state == "cancelled"
    assert orders.fees_to_give_back(sess, orders.fetch(sess, reverse.id)) is None  # once


def test_a_cancellation_through_the_hall_queue(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    _, _, _, customer, account = stock(sess)
    with sess.cache.read() as conn:
        line = conn.exec_driver_sql(
            "SELECT id FROM subscription WHERE account_id = ? AND status = 'active' LIMIT 1",
            (account,),
        ).scalar_one()
    shifts.open_shift(sess, FLOAT)  # the line's balance would be paid out of it
    order = Order(str(uuid.uuid4()), orders.new_order_no(sess), OrderType.CANCEL, customer, line)
    assert orders.approval_reason(sess, order)
    waiting = orders.submit(sess, order)
    assert waiting["state"] == "pendingApproval"
    with pytest.raises(ApiError) as clerk:
        orders.decide(sess, order.id, approve=True)
    assert clerk.value.status == 403

    boss = signed_in(sess, sqlite_province.url, "H001-S01", "C07")
    assert order.id in {o["id"] for o in orders.queue(boss)}
    decided = orders.decide(boss, order.id, approve=False, reason="客户改变主意")
    assert decided["state"] == "rejected"
    assert orders.fetch(sess, order.id)["decision_reason"] == "客户改变主意"
    with server(sqlite_province) as s:
        row = s.get(ProductOrder, order.id)
        assert row is not None and row.state == "rejected"


def test_offline_the_policy_s_orders_queue_and_the_rest_wait(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    """A new line (with its fees in cash) and a suspension taken with the link down go
    through the outbox, the stock marked at once; a cancellation waits; all arrive once."""
    msisdn, iccid, plan, customer, account = stock(sess)
    shifts.open_shift(sess, FLOAT)
    with sess.cache.read() as conn:
        line = conn.exec_driver_sql(
            "SELECT id FROM subscription WHERE account_id = ? AND status = 'active' LIMIT 1",
            (account,),
        ).scalar_one()
    unplugged = CounterSession(
        sess.cache, sess.signed, Settings(), lambda: ApiClient("http://127.0.0.1:9", None)
    )
    cancel = Order(str(uuid.uuid4()), orders.new_order_no(sess), OrderType.CANCEL, customer, line)
    with pytest.raises(orders.OrderWaits):  # not allowed offline: it waits for the link
        orders.submit(unplugged, cancel)
    suspend = Order(str(uuid.uuid4()), orders.new_order_no(sess), OrderType.SUSPEND, customer, line)
    queued = orders.submit(unplugged, suspend)
    assert queued["queued"] and queued["state"] == "completed"
    line_id = str(uuid.uuid4())
    new = orders.prepare(
        unplugged,
        Order(
            str(uuid.uuid4()),
            orders.new_order_no(sess),
            OrderType.NEW_LINE,
            customer,
            line_id,
            {
                "msisdn": msisdn,
                "iccid": iccid,
                "plan_id": plan,
                "addon_ids": [],
                "account_id": account,
            },
        ),
        hold=msisdn,
    ).order
    taken = orders.submit(unplugged, new)
    assert taken["queued"] and taken["state"] == "acknowledged"
    with sess.cache.read() as conn:  # this counter does not offer them again
        assert (
            conn.exec_driver_sql(
                "SELECT status FROM number WHERE msisdn = ?", (msisdn,)
            ).scalar_one()
            == "assigned"
        )
        assert (
            conn.exec_driver_sql("SELECT status FROM sim WHERE iccid = ?", (iccid,)).scalar_one()
            == "assigned"
        )
    assert msisdn not in {n["msisdn"] for n in orders.numbers(unplugged, msisdn[-4:])}
    due = orders.fee_due(sess, taken)
    assert due is not None
    payments.take_payment(unplugged, due.payment())
    with sess.cache.read() as conn:
        waiting = (
            conn.exec_driver_sql("SELECT kind FROM outbox WHERE state = 'pending' ORDER BY seq")
            .scalars()
            .all()
        )
    assert waiting == ["shift_open", "order", "order", "payment"]
    sync(sess)  # the link is back
    sync(sess)  # and again: nothing is done twice
    with server(sqlite_province) as s:
        assert s.get(Subscription, line).status == "suspended"
        made = s.get(Subscription, line_id)
        assert made is not None and made.msisdn == msisdn
        row = s.get(ProductOrder, new.id)
        assert row is not None and row.state == "completed" and row.payment_id
        assert s.query(ProductOrder).filter(ProductOrder.id.in_([new.id, suspend.id])).count() == 2
    assert {o["id"]: o["state"] for o in orders.history(sess, customer)}[new.id] == "completed"


def test_a_suspension_reversed_the_same_day_puts_the_line_back(
    sess: CounterSession, sqlite_province: EmbeddedServer
) -> None:
    """返销: approved through the queue, the reversal undoes exactly what the order did."""
    _, _, _, customer, account = stock(sess)
    with sess.cache.read() as conn:
        line = conn.exec_driver_sql(
            "SELECT id FROM subscription WHERE account_id = ? AND status = 'active' LIMIT 1",
            (account,),
        ).scalar_one()
    suspend = Order(str(uuid.uuid4()), orders.new_order_no(sess), OrderType.SUSPEND, customer, line)
    assert orders.submit(sess, suspend)["state"] == "completed"
    sync(sess)
    reverse = Order(
        str(uuid.uuid4()),
        orders.new_order_no(sess),
        OrderType.REVERSE,
        customer,
        None,
        {"order_id": suspend.id},
    )
    assert orders.submit(sess, reverse)["state"] == "pendingApproval"
    boss = signed_in(sess, sqlite_province.url, "H001-S01", "C07")
    assert orders.decide(boss, reverse.id, approve=True)["state"] == "completed"
    assert orders.fetch(sess, suspend.id)["state"] == "cancelled"
    with server(sqlite_province) as s:
        sub = s.get(Subscription, line)
        assert sub is not None and sub.status == "active"
    sync(sess)
    with pytest.raises(RuleBroken) as twice:  # a reversed order is not reversed again
        orders.check(sess, Order(**{**reverse.__dict__, "id": str(uuid.uuid4())}))
    assert twice.value.problem == ProblemType.NOT_REVERSIBLE
