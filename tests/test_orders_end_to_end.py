"""Every kind of order from the counter's core to the province and into another counter's
own cache; a cancellation's refund paid out of the shift with its slip."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from pypdf import PdfReader

from counter_app import approvals, auth, orders, payments, shifts
from counter_app.api_client import ApiClient
from counter_app.credentials import Credentials
from counter_app.domain.money import format_yuan
from counter_app.domain.orders import Order, OrderType
from counter_app.payments import PaymentRefused
from counter_app.receipt_files import save_receipt
from counter_app.session import CounterSession
from counter_app.sync.engine import SyncEngine
from local_cache.db import Cache
from province_api.embedded import EmbeddedServer
from province_api.models import Account, Payment, Subscription
from tests.support.servers import SUPERVISOR_PASSWORD
from tests.test_orders_flow import stock
from tests.test_payments_flow import FLOAT, server, sync


def take(sess: CounterSession, order: Order, approval: object = None) -> dict:
    """An order through the counter's core as the flow takes it: priced, checked, sent (with
    a supervisor's approval on the spot where the rules want one), its fees paid in cash and
    pushed; the province's order after."""
    order = orders.price(sess, order)
    answer = orders.submit(sess, order, approval)  # type: ignore[arg-type]
    due = orders.fee_due(sess, answer)
    if due is not None:
        payments.take_payment(sess, due.payment())
    sync(sess)
    return orders.fetch(sess, order.id)


def test_every_kind_of_order_reaches_the_province_and_another_counter(
    sess: CounterSession, sqlite_province: EmbeddedServer, tmp_path: Path
) -> None:
    _, iccid, _, customer, account = stock(sess)
    shifts.open_shift(sess, FLOAT)
    with sess.cache.read() as conn:
        line = conn.exec_driver_sql(
            "SELECT id FROM subscription WHERE account_id = ? AND status = 'active' "
            "AND plan_id != (SELECT id FROM offering WHERE code = 'PLAN-59') LIMIT 1",
            (account,),
        ).scalar_one()
        id_number = conn.exec_driver_sql(
            "SELECT id_number FROM customer WHERE id = ?", (customer,)
        ).scalar_one()
        plan59, clip = (
            conn.exec_driver_sql("SELECT id FROM offering WHERE code = ?", (code,)).scalar_one()
            for code in ("PLAN-59", "ADDON-CLIP")
        )
        to = conn.exec_driver_sql(
            "SELECT c.id FROM customer c WHERE c.id != ? AND c.customer_type = 'individual' "
            "AND NOT EXISTS (SELECT 1 FROM account a JOIN bill b ON b.account_id = a.id "
            "WHERE a.customer_id = c.id AND b.status != 'paid') "
            "AND (SELECT count(*) FROM subscription s WHERE s.customer_id = c.id) < 3 LIMIT 1",
            (customer,),
        ).scalar_one()

    def order(kind: OrderType, who: str = customer, **items: object) -> Order:
        return Order(str(uuid.uuid4()), orders.new_order_no(sess), kind, who, line, dict(items))

    def boss(o: Order) -> approvals.Approval:
        return approvals.obtain(sess, "H001-S01", SUPERVISOR_PASSWORD, "order", o.id)

    first_suspend = order(OrderType.SUSPEND)
    reversal = Order(
        str(uuid.uuid4()),
        orders.new_order_no(sess),
        OrderType.REVERSE,
        customer,
        None,
        {"order_id": first_suspend.id},
    )
    msisdn = stock(sess)[0]
    with sess.cache.read() as conn:
        new_iccid = conn.exec_driver_sql(
            "SELECT iccid FROM sim WHERE status = 'available' AND iccid != ? LIMIT 1", (iccid,)
        ).scalar_one()
    new_line_id = str(uuid.uuid4())
    opening = Order(
        str(uuid.uuid4()),
        orders.new_order_no(sess),
        OrderType.NEW_LINE,
        customer,
        new_line_id,
        {
            "msisdn": msisdn,
            "iccid": new_iccid,
            "plan_id": plan59,
            "addon_ids": [],
            "account_id": account,
        },
    )
    steps: list[tuple[Order, bool]] = [
        (opening, False),
        (order(OrderType.CHANGE_PLAN, plan_id=plan59, when="now"), False),
        (order(OrderType.ADDONS, add=[clip], remove=[]), False),
        (first_suspend, False),
        (reversal, True),  # 返销: the suspension undone, approved on the spot
        (order(OrderType.SUSPEND), False),
        (order(OrderType.RESUME), False),
        (order(OrderType.SIM_REPLACE, iccid=iccid, id_number=id_number), False),
        (
            order(
                OrderType.TRANSFER,
                to_customer_id=to,
                new_account_id=str(uuid.uuid4()),
                account_kind="prepaid",
            ),
            True,
        ),
    ]
    for o, approved in steps:
        done = take(sess, o, boss(o) if approved else None)
        with sess.cache.read() as conn:
            refused = conn.exec_driver_sql(
                "SELECT last_error FROM outbox WHERE state = 'rejected'"
            ).all()
        assert done["state"] == "completed", (o.type, done, refused)
    cancel = Order(str(uuid.uuid4()), orders.new_order_no(sess), OrderType.CANCEL, to, line)
    assert take(sess, cancel, boss(cancel))["state"] == "completed"

    with server(sqlite_province) as s:
        sub = s.get(Subscription, line)
        assert sub is not None
        province = (sub.plan_id, sub.addon_ids, sub.iccid, sub.customer_id, sub.status)
    assert province[0] == plan59 and clip in province[1]  # (with the line's earlier add-ons)
    assert province[2:] == (iccid, to, "cancelled")
    # Another counter, its own cache, sees every effect after its pull.
    creds = Credentials()
    signed = auth.sign_in(creds, sqlite_province.url, "H001", "C02", "H001-C02", "demo")
    token = creds.get(signed.token_key)
    far = Cache(tmp_path / "far" / "cache.db")
    SyncEngine(ApiClient(sqlite_province.url, token), far).pull()
    for cache in (far, sess.cache):
        with cache.read() as conn:
            row = conn.exec_driver_sql(
                "SELECT plan_id, addon_ids, iccid, customer_id, status FROM subscription "
                "WHERE id = ?",
                (line,),
            ).one()
            kinds = {
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT type FROM product_order WHERE subscription_id = ? AND state = ?",
                    (line, "completed"),
                )
            }
            sim = conn.exec_driver_sql("SELECT status FROM sim WHERE iccid = ?", (iccid,)).one()
        assert (row[0], json.loads(row[1]), row[2], row[3], row[4]) == province
        assert kinds == {
            "change_plan",
            "addons",
            "suspend",
            "resume",
            "sim_replace",
            "transfer",
            "cancel",
        }
        assert sim[0] != "available"
        with cache.read() as conn:
            opened = conn.exec_driver_sql(
                "SELECT msisdn, iccid, customer_id FROM subscription WHERE id = ?", (new_line_id,)
            ).one()
            states = dict(
                conn.exec_driver_sql(
                    "SELECT id, state FROM product_order WHERE id IN (?, ?)",
                    (first_suspend.id, reversal.id),
                ).all()
            )
        assert tuple(opened) == (msisdn, new_iccid, customer)
        assert states == {first_suspend.id: "cancelled", reversal.id: "completed"}


def test_a_cancellation_pays_the_balance_out_of_the_shift_with_a_slip(
    sess: CounterSession, sqlite_province: EmbeddedServer, tmp_path: Path
) -> None:
    with sess.cache.read() as conn:
        customer, account, line, balance = conn.exec_driver_sql(
            "SELECT a.customer_id, a.id, s.id, a.balance_fen FROM account a "
            "JOIN subscription s ON s.account_id = a.id WHERE a.kind = 'prepaid' "
            "AND a.balance_fen > 0 AND s.status = 'active' AND NOT EXISTS (SELECT 1 FROM bill b "
            "WHERE b.account_id = a.id AND b.status != 'paid') LIMIT 1"
        ).one()
    cancel = Order(str(uuid.uuid4()), orders.new_order_no(sess), OrderType.CANCEL, customer, line)
    said = {line.label: line.value for line in orders.summary(sess, cancel)}
    assert said["Balance refunded in cash"] == format_yuan(balance)  # yuan, not fen
    with pytest.raises(orders.OrderWaits, match="paid out of it"):
        orders.submit(sess, cancel)  # no shift: no drawer to pay the balance from
    shift = shifts.open_shift(sess, FLOAT).value
    approval = approvals.obtain(sess, "H001-S01", SUPERVISOR_PASSWORD, "order", cancel.id)
    done = orders.submit(sess, cancel, approval)
    assert done["state"] == "completed" and done["payment_id"]
    slip = orders.refund_slip(sess, done)
    assert slip is not None and slip.kind == "refund" and slip.amount_fen == balance
    path, _ = save_receipt(slip, tmp_path)
    text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    assert "退款凭证" in text and format_yuan(balance) in text and cancel.order_no in text
    sync(sess)
    figures = shifts.figures(sess, shift["id"])
    assert figures.cash_out_fen == balance  # the drawer is short by what went out
    with server(sqlite_province) as s:
        refund = s.get(Payment, done["payment_id"])
        assert refund is not None and refund.kind == "refund" and refund.amount_fen == -balance
        assert refund.shift_id == shift["id"]
        assert s.get(Account, account).balance_fen == 0
    with pytest.raises(PaymentRefused):  # cash that has gone out is not voided
        payments.void_payment(
            sess,
            done["payment_id"],
            "x",
            approvals.obtain(sess, "H001-S01", SUPERVISOR_PASSWORD, "void", done["payment_id"]),
        )
